import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { ApprovalSettings } from '../services/approvals/approvalRules';
import { isLoopbackHost } from '../services/net/isLoopbackHost';
import { isValidBlobContainerName } from '../services/storage/isValidBlobContainerName';
import type { StateStorageSettings } from '../services/storage/openStateStorage';
import {
  CLOUD_ENDPOINTS,
  CLOUD_NAMES,
  serviceUrlHostsOfOtherClouds,
  type CloudEndpoints,
  type CloudName,
} from './cloudEndpoints';
import { SecuritySettings, securitySettings } from './security/securitySettings';

/** Where Partner Center is: the local simulator (no credentials) or the real service (MSAL credentials). */
export type Mode = 'local' | 'live';

/** The cloud the bot runs in and every endpoint that depends on it (see bot/cloudEndpoints.ts). */
export interface CloudSettings extends CloudEndpoints {
  name: CloudName;
}

/** Everything the bot process needs, read once from the environment and passed down typed. */
export interface AppConfig {
  mode: Mode;
  nodeEnv: string;
  /** `CLOUD`: sets the Entra authority, Partner Center and Graph hosts, Bot Framework endpoints and Teams hosts. */
  cloud: CloudSettings;
  bot: {
    host: string;
    port: number;
    /** Bot Framework app registration; `appId` empty means inbound requests are not authenticated (local only). */
    microsoftApp: {
      appId: string;
      appPassword: string;
      appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
      tenantId: string;
    };
  };
  partnerCenter: {
    mode: Mode;
    baseUrl: string;
    auth: 'app' | 'app+user';
    applicationName: string;
    timeoutMs: number;
    maxRetries: number;
    retryDeadlineMs: number;
    /** Retry budget of a call someone waits for in chat, from their turn's first call (see PartnerCenterCallContext). */
    chatRetryDeadlineMs: number;
    maxRetryAfterSeconds: number;
    msal?: {
      tenantId: string;
      clientId: string;
      clientSecret?: string;
      certificate?: { privateKeyPem: string; thumbprintSha256: string };
      authorityHost: string;
    };
  };
  /** SQLite in DATA_DIR (one machine), or Azure Blob Storage shared by every instance behind a load balancer. */
  storage: StateStorageSettings;
  /** Links to statement PDFs served by the bot itself (group chats, channels, local mode). */
  downloads: {
    /** Public https base URL of this bot (where /downloads/… is reachable); loopback in local mode. */
    publicBaseUrl: string;
    /** HMAC key signing download links; random per process in local mode. */
    signingSecret: string;
    ttlSeconds: number;
    /**
     * Live mode: App Service Authentication (Entra) fronts /downloads, so it removes any X-MS-CLIENT-PRINCIPAL-ID a
     * caller sends and sets it to the signed-in user. Without it that header is anyone's claim, and live links are off.
     */
    behindAppServiceAuth: boolean;
  };
  /** This instance's name as owner of checkout leases (stable across restarts of the same instance). */
  instanceId: string;
  /** How long, and how often, the bot follows an Azure subscription registration to update its card. */
  registrationWatch: { pollSeconds: number; maxMinutes: number };
  /** How message turns are paced and recovered. */
  turns: {
    /** A turn running longer gets a "taking a moment" notice, and Teams its HTTP answer (the turn goes on). */
    slowTurnMs: number;
    /** Unfinished messages of a stopped run older than this are not replayed; the person is asked to ask again. */
    replayMaxAgeMs: number;
  };
  /** How checkouts run in the background. */
  checkout: {
    /** A checkout's lease; renewed every third of it by a live owner, taken over by another instance once it lapses. */
    leaseMs: number;
    /** How often each instance looks for checkouts (and unfinished messages) whose owner stopped. */
    sweepMs: number;
    /** How many checkout calls, and for how long, before the bot stops and says the order is unconfirmed. */
    budget: { maxAttempts: number; maxDurationMs: number };
    /** A purchase of the same SKU for the same customer within this time is asked about first (0: never). */
    duplicateWindowMs: number;
    /**
     * Purchases of the same SKU for the same customer within this many days (checkouts the bot recorded, and Partner
     * Center's order list) are also asked about (0: never; DUPLICATE_GUARD_DAYS).
     */
    duplicateDaysMs: number;
  };
  /** How the bot follows the orders it placed until Partner Center finishes them. */
  orderTracking: { firstCheckMs: number; maxIntervalMs: number; trackForMs: number };
  /** How long state records are kept (see services/storage/retentionRules.ts) and how often the purge job runs. */
  retention: { ledgerRetentionDays: number; intervalMinutes: number };
  /**
   * How long catalog lists (products, SKUs), customers' markets, Azure subscriptions' kinds and registrations are
   * reused between purchases (CATALOG_CACHE_MINUTES); 0 reuses nothing. Availabilities are always read fresh.
   */
  purchase: { cacheLifetimeMs: number };
  /** How long `/healthz` waits for its write, read and delete of the state storage. */
  health: { storageTimeoutMs: number };
  /**
   * Partner Center's price sheet, on the partner API host (`PARTNER_API_BASE_URL`; the simulator locally): how long a
   * downloaded sheet is used before it is downloaded again, how long a question waits for a sheet being downloaded,
   * the download's time limit, and how many sheets (market × view) are kept at once.
   */
  priceSheet: { baseUrl: string; refreshMs: number; waitMs: number; timeoutMs: number; maxSheets: number };
  /** Tenant allowlist for inbound activities and the serviceUrl allowlist for proactive messages. */
  security: SecuritySettings;
  simulator: { port: number };
  /** Microsoft 365 Agents Playground, the local Teams stand-in started by `npm start`. */
  localChat: { port: number };
  /** Who may buy and who may only look, by Entra object id and by Entra group id (all lower case). */
  roles: RoleConfig;
  /**
   * Approvals of large or first purchases (absent when no approver is configured): the spend threshold per currency
   * (APPROVAL_THRESHOLDS), the approvers (APPROVER_IDS, APPROVER_GROUP_IDS), whether a customer's first purchase always
   * needs one (APPROVAL_FIRST_PURCHASE), and how long a request waits (APPROVAL_EXPIRY_HOURS).
   */
  approvals?: ApprovalSettings;
  /** Remind the purchaser a day before an order's cancellation window closes (CANCELLATION_REMINDERS). */
  cancellation: { reminders: boolean };
  /**
   * App+User sign-in through the Azure Bot's OAuth connection (live App+User mode only); absent when the bot never
   * asks anyone to sign in.
   */
  signIn?: { connectionName: string };
}

/** Role lists as configured; group membership is read from Microsoft Graph (live mode only). */
export interface RoleConfig {
  purchaserIds: string[];
  viewerIds: string[];
  everyoneIsPurchaser: boolean;
  /** Present when PURCHASER_GROUP_IDS or VIEWER_GROUP_IDS is set. */
  groups?: {
    purchaserGroupIds: string[];
    viewerGroupIds: string[];
    /** The Microsoft Graph of the cloud (`https://graph.microsoft.com`, `https://graph.microsoft.us`, …). */
    graphBaseUrl: string;
    /** How long one person's looked-up membership is trusted before Graph is asked again. */
    cacheSeconds: number;
  };
}

/** A configuration the bot must not start with; the message names the settings to fix. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Refusing to start: ${problems.join(' ')}`);
    this.name = 'ConfigError';
  }
}

const AUTHORITY_HOSTS = ['https://login.microsoftonline.com', 'https://login.microsoftonline.us'] as const;

const blankToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalText = z.preprocess(blankToUndefined, z.string().trim().optional());
const intSetting = (fallback: number, min: number, max: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().min(min).max(max).default(fallback));

const envSchema = z.object({
  MODE: z.preprocess(blankToUndefined, z.enum(['local', 'live']).default('local')),
  // No default here: whether CLOUD was set at all decides how a lone PARTNER_CENTER_AUTHORITY_HOST is read.
  CLOUD: z.preprocess(blankToUndefined, z.enum(CLOUD_NAMES).optional()),
  NODE_ENV: z.preprocess(blankToUndefined, z.string().default('development')),
  BOT_HOST: optionalText,
  PORT: intSetting(3978, 0, 65535),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.preprocess(
    blankToUndefined,
    z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant'),
  ),
  MicrosoftAppTenantId: optionalText,
  PARTNER_CENTER_BASE_URL: optionalText,
  PARTNER_CENTER_AUTH: z.preprocess(blankToUndefined, z.enum(['app', 'app+user']).optional()),
  PARTNER_CENTER_APPLICATION_NAME: z.preprocess(blankToUndefined, z.string().default('pc-purchase-bot')),
  PARTNER_CENTER_TIMEOUT_MS: intSetting(30_000, 1_000, 600_000),
  PARTNER_CENTER_MAX_RETRIES: intSetting(3, 0, 3),
  PARTNER_CENTER_RETRY_DEADLINE_MS: intSetting(120_000, 1_000, 900_000),
  PARTNER_CENTER_CHAT_RETRY_DEADLINE_MS: intSetting(10_000, 0, 120_000),
  PARTNER_CENTER_MAX_RETRY_AFTER_SECONDS: intSetting(60, 1, 600),
  PARTNER_CENTER_TENANT_ID: optionalText,
  PARTNER_CENTER_CLIENT_ID: optionalText,
  PARTNER_CENTER_CLIENT_SECRET: optionalText,
  PARTNER_CENTER_CERTIFICATE_PATH: optionalText,
  PARTNER_CENTER_CERTIFICATE_THUMBPRINT: optionalText,
  PARTNER_CENTER_AUTHORITY_HOST: z.preprocess(
    blankToUndefined,
    z.preprocess((v) => (typeof v === 'string' ? v.trim().replace(/\/+$/, '') : v), z.enum(AUTHORITY_HOSTS).optional()),
  ),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().default('.data')),
  STATE_STORE: z.preprocess(blankToUndefined, z.enum(['sqlite', 'blob']).default('sqlite')),
  AZURE_STORAGE_CONNECTION_STRING: optionalText,
  AZURE_STORAGE_CONTAINER: z.preprocess(blankToUndefined, z.string().trim().default('botstate')),
  PC_SIMULATOR_PORT: intSetting(4010, 1, 65535),
  PLAYGROUND_PORT: intSetting(56150, 1, 65535),
  PUBLIC_BASE_URL: optionalText,
  DOWNLOAD_LINK_SECRET: optionalText,
  DOWNLOAD_LINK_TTL_SECONDS: intSetting(300, 1, 3600),
  DOWNLOADS_BEHIND_APP_SERVICE_AUTH: z.preprocess(blankToUndefined, z.stringbool().default(false)),
  REGISTRATION_POLL_SECONDS: intSetting(10, 1, 600),
  BOT_INSTANCE_ID: optionalText,
  REGISTRATION_WATCH_MINUTES: intSetting(30, 1, 240),
  SLOW_TURN_SECONDS: intSetting(5, 1, 12),
  REPLAY_MAX_MINUTES: intSetting(10, 0, 1440),
  CHECKOUT_LEASE_SECONDS: intSetting(45, 5, 900),
  CHECKOUT_SWEEP_SECONDS: intSetting(15, 1, 600),
  CHECKOUT_MAX_ATTEMPTS: intSetting(8, 1, 100),
  CHECKOUT_MAX_MINUTES: intSetting(15, 1, 1440),
  DUPLICATE_GUARD_MINUTES: intSetting(60, 0, 43_200),
  DUPLICATE_GUARD_DAYS: intSetting(0, 0, 365),
  APPROVAL_THRESHOLDS: optionalText,
  APPROVER_IDS: optionalText,
  APPROVER_GROUP_IDS: optionalText,
  APPROVAL_FIRST_PURCHASE: z.preprocess(blankToUndefined, z.stringbool().default(false)),
  APPROVAL_EXPIRY_HOURS: intSetting(24, 1, 720),
  CANCELLATION_REMINDERS: z.preprocess(blankToUndefined, z.stringbool().default(true)),
  ORDER_TRACKING_FIRST_CHECK_SECONDS: intSetting(30, 1, 3600),
  ORDER_TRACKING_MAX_INTERVAL_MINUTES: intSetting(10, 1, 1440),
  ORDER_TRACKING_HOURS: intSetting(24, 1, 720),
  LEDGER_RETENTION_DAYS: intSetting(400, 0, 36_500),
  RETENTION_INTERVAL_MINUTES: intSetting(60, 1, 1440),
  HEALTH_STORAGE_TIMEOUT_MS: intSetting(3000, 100, 60_000),
  ALLOWED_TENANT_IDS: optionalText,
  ALLOWED_SERVICE_URL_HOSTS: optionalText,
  PURCHASER_IDS: optionalText,
  VIEWER_IDS: optionalText,
  PURCHASER_GROUP_IDS: optionalText,
  VIEWER_GROUP_IDS: optionalText,
  GROUP_MEMBERSHIP_CACHE_SECONDS: intSetting(300, 0, 3600),
  CATALOG_CACHE_MINUTES: intSetting(60, 0, 1440),
  PARTNER_API_BASE_URL: optionalText,
  PRICE_SHEET_REFRESH_MINUTES: intSetting(720, 1, 10_080),
  PRICE_SHEET_WAIT_SECONDS: intSetting(4, 0, 60),
  PRICE_SHEET_TIMEOUT_SECONDS: intSetting(120, 5, 900),
  PRICE_SHEET_MAX_SHEETS: intSetting(8, 1, 100),
  OAUTH_CONNECTION_NAME: optionalText,
});

/** Reads a certificate's private key; injected so tests need no files. */
export type ReadFile = (file: string) => string;

/**
 * Validates the environment and returns the typed configuration, or throws a ConfigError naming every missing or
 * conflicting setting. Secrets are never echoed back in messages.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv,
  readFile: ReadFile = (f) => readFileSync(f, 'utf8'),
  randomSecret: () => string = () => randomBytes(32).toString('base64url'),
): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}.`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  const cloud = cloudSettings(e, problems);
  const appId = e.MicrosoftAppId ?? '';
  const inboundAuth = appId !== '';

  if (inboundAuth) {
    if (e.MicrosoftAppType !== 'UserAssignedMSI' && !e.MicrosoftAppPassword) {
      problems.push('MicrosoftAppId is set but MicrosoftAppPassword is missing.');
    }
    if (e.MicrosoftAppType !== 'MultiTenant' && !e.MicrosoftAppTenantId) {
      problems.push(`MicrosoftAppType is ${e.MicrosoftAppType} but MicrosoftAppTenantId is missing.`);
    }
  } else {
    if (e.MicrosoftAppPassword || e.MicrosoftAppTenantId) {
      problems.push('MicrosoftAppPassword or MicrosoftAppTenantId is set but MicrosoftAppId is missing.');
    }
    if (e.MODE === 'live') {
      problems.push('MODE=live needs MicrosoftAppId (and its credential) so that inbound requests are authenticated.');
    }
    if (e.NODE_ENV === 'production') {
      problems.push('NODE_ENV=production needs MicrosoftAppId: without it the bot accepts unauthenticated requests.');
    }
    if (e.BOT_HOST && !isLoopbackHost(e.BOT_HOST)) {
      problems.push(
        `BOT_HOST=${e.BOT_HOST} would expose an unauthenticated bot; set MicrosoftAppId or bind 127.0.0.1.`,
      );
    }
  }

  const hasPcCredential = Boolean(
    e.PARTNER_CENTER_CLIENT_SECRET || e.PARTNER_CENTER_CERTIFICATE_PATH || e.PARTNER_CENTER_CLIENT_ID,
  );
  let msal: AppConfig['partnerCenter']['msal'];
  if (e.MODE === 'live') {
    if (!e.PARTNER_CENTER_TENANT_ID) problems.push('MODE=live needs PARTNER_CENTER_TENANT_ID.');
    if (!e.PARTNER_CENTER_CLIENT_ID) problems.push('MODE=live needs PARTNER_CENTER_CLIENT_ID.');
    const hasSecret = Boolean(e.PARTNER_CENTER_CLIENT_SECRET);
    const hasCertificate = Boolean(e.PARTNER_CENTER_CERTIFICATE_PATH);
    if (hasSecret === hasCertificate) {
      problems.push(
        'MODE=live needs exactly one Partner Center credential: PARTNER_CENTER_CLIENT_SECRET or PARTNER_CENTER_CERTIFICATE_PATH.',
      );
    }
    if (hasCertificate && !e.PARTNER_CENTER_CERTIFICATE_THUMBPRINT) {
      problems.push('PARTNER_CENTER_CERTIFICATE_PATH is set but PARTNER_CENTER_CERTIFICATE_THUMBPRINT is missing.');
    }
    let certificate: { privateKeyPem: string; thumbprintSha256: string } | undefined;
    if (hasCertificate && e.PARTNER_CENTER_CERTIFICATE_PATH && e.PARTNER_CENTER_CERTIFICATE_THUMBPRINT) {
      try {
        certificate = {
          privateKeyPem: readFile(e.PARTNER_CENTER_CERTIFICATE_PATH),
          thumbprintSha256: e.PARTNER_CENTER_CERTIFICATE_THUMBPRINT,
        };
      } catch {
        problems.push(`PARTNER_CENTER_CERTIFICATE_PATH: cannot read ${e.PARTNER_CENTER_CERTIFICATE_PATH}.`);
      }
    }
    if (e.PARTNER_CENTER_TENANT_ID && e.PARTNER_CENTER_CLIENT_ID) {
      msal = {
        tenantId: e.PARTNER_CENTER_TENANT_ID,
        clientId: e.PARTNER_CENTER_CLIENT_ID,
        clientSecret: e.PARTNER_CENTER_CLIENT_SECRET,
        certificate,
        authorityHost: cloud.entraAuthorityHost,
      };
    }
    if (!e.PUBLIC_BASE_URL) {
      problems.push('MODE=live needs PUBLIC_BASE_URL (the https address of this bot) for statement download links.');
    } else if (!/^https:\/\//i.test(e.PUBLIC_BASE_URL)) {
      problems.push('PUBLIC_BASE_URL must start with https:// in MODE=live.');
    }
    if (!e.DOWNLOAD_LINK_SECRET || e.DOWNLOAD_LINK_SECRET.length < 32) {
      problems.push('MODE=live needs DOWNLOAD_LINK_SECRET (at least 32 characters) to sign statement download links.');
    }
    if (e.PARTNER_CENTER_AUTH === 'app+user' && !e.OAUTH_CONNECTION_NAME) {
      problems.push(
        "PARTNER_CENTER_AUTH=app+user needs OAUTH_CONNECTION_NAME (the Azure Bot's OAuth connection that signs people in).",
      );
    }
    if (e.OAUTH_CONNECTION_NAME && e.PARTNER_CENTER_AUTH !== 'app+user') {
      problems.push('OAUTH_CONNECTION_NAME is set but PARTNER_CENTER_AUTH is not app+user; set both or neither.');
    }
  } else if (hasPcCredential) {
    problems.push(
      'Partner Center credentials (PARTNER_CENTER_CLIENT_ID/SECRET/CERTIFICATE_PATH) are set but MODE=local; set MODE=live to use the real Partner Center.',
    );
  }
  if (e.MODE === 'local' && e.OAUTH_CONNECTION_NAME) {
    problems.push(
      'OAUTH_CONNECTION_NAME needs MODE=live: locally the simulator plays the signed-in user, so nobody is asked to sign in.',
    );
  }

  const baseUrl =
    e.PARTNER_CENTER_BASE_URL ??
    (e.MODE === 'live' ? cloud.partnerCenterBaseUrl : `http://127.0.0.1:${e.PC_SIMULATOR_PORT}`);
  let baseHost = '';
  try {
    const url = new URL(baseUrl);
    baseHost = url.hostname;
    if (e.MODE === 'live' && url.protocol !== 'https:' && !isLoopbackHost(url.hostname)) {
      problems.push('PARTNER_CENTER_BASE_URL must use https in MODE=live.');
    }
  } catch {
    problems.push(`PARTNER_CENTER_BASE_URL is not a URL: ${baseUrl}.`);
  }
  if (e.MODE === 'local' && baseHost && !isLoopbackHost(baseHost)) {
    problems.push(
      `MODE=local sends unauthenticated simulator tokens, so PARTNER_CENTER_BASE_URL must be a loopback address (got ${baseHost}).`,
    );
  }

  const priceSheetBaseUrl = partnerApiBaseUrl(e, cloud, problems);
  const storage = storageSettings(e, problems);
  const roles = roleSettings(e, cloud, problems);
  const approvals = approvalSettings(e, cloud, problems);
  const security = securitySettings(
    e.MODE,
    { allowedTenantIds: e.ALLOWED_TENANT_IDS, allowedServiceUrlHosts: e.ALLOWED_SERVICE_URL_HOSTS },
    problems,
    cloud.teamsServiceUrlHosts,
  );
  const foreignHosts = serviceUrlHostsOfOtherClouds(cloud.name, security.allowedServiceUrlHosts);
  if (foreignHosts.length > 0) {
    problems.push(
      `ALLOWED_SERVICE_URL_HOSTS lists Teams hosts of another cloud than CLOUD=${cloud.name} (${foreignHosts.join(', ')}); use this cloud's (${cloud.teamsServiceUrlHosts.join(', ')}) or leave it empty.`,
    );
  }

  if (problems.length > 0) throw new ConfigError(problems);

  return {
    mode: e.MODE,
    nodeEnv: e.NODE_ENV,
    cloud,
    bot: {
      host: e.BOT_HOST ?? (inboundAuth ? '0.0.0.0' : '127.0.0.1'),
      port: e.PORT,
      microsoftApp: {
        appId,
        appPassword: e.MicrosoftAppPassword ?? '',
        appType: e.MicrosoftAppType,
        tenantId: e.MicrosoftAppTenantId ?? '',
      },
    },
    partnerCenter: {
      mode: e.MODE,
      baseUrl: baseUrl.replace(/\/+$/, ''),
      // Locally the simulator plays App+User with `user:<name>` tokens, so every feature works out of the box.
      auth: e.PARTNER_CENTER_AUTH ?? (e.MODE === 'local' ? 'app+user' : 'app'),
      applicationName: e.PARTNER_CENTER_APPLICATION_NAME,
      timeoutMs: e.PARTNER_CENTER_TIMEOUT_MS,
      maxRetries: e.PARTNER_CENTER_MAX_RETRIES,
      retryDeadlineMs: e.PARTNER_CENTER_RETRY_DEADLINE_MS,
      chatRetryDeadlineMs: e.PARTNER_CENTER_CHAT_RETRY_DEADLINE_MS,
      maxRetryAfterSeconds: e.PARTNER_CENTER_MAX_RETRY_AFTER_SECONDS,
      msal,
    },
    storage,
    simulator: { port: e.PC_SIMULATOR_PORT },
    localChat: { port: e.PLAYGROUND_PORT },
    downloads: {
      publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://127.0.0.1:${e.PORT}`).replace(/\/+$/, ''),
      signingSecret: e.DOWNLOAD_LINK_SECRET ?? randomSecret(),
      ttlSeconds: e.DOWNLOAD_LINK_TTL_SECONDS,
      behindAppServiceAuth: e.DOWNLOADS_BEHIND_APP_SERVICE_AUTH,
    },
    registrationWatch: { pollSeconds: e.REGISTRATION_POLL_SECONDS, maxMinutes: e.REGISTRATION_WATCH_MINUTES },
    turns: { slowTurnMs: e.SLOW_TURN_SECONDS * 1000, replayMaxAgeMs: e.REPLAY_MAX_MINUTES * 60_000 },
    checkout: {
      leaseMs: e.CHECKOUT_LEASE_SECONDS * 1000,
      sweepMs: e.CHECKOUT_SWEEP_SECONDS * 1000,
      budget: { maxAttempts: e.CHECKOUT_MAX_ATTEMPTS, maxDurationMs: e.CHECKOUT_MAX_MINUTES * 60_000 },
      duplicateWindowMs: e.DUPLICATE_GUARD_MINUTES * 60_000,
      duplicateDaysMs: e.DUPLICATE_GUARD_DAYS * 86_400_000,
    },
    orderTracking: {
      firstCheckMs: e.ORDER_TRACKING_FIRST_CHECK_SECONDS * 1000,
      maxIntervalMs: e.ORDER_TRACKING_MAX_INTERVAL_MINUTES * 60_000,
      trackForMs: e.ORDER_TRACKING_HOURS * 3_600_000,
    },
    retention: { ledgerRetentionDays: e.LEDGER_RETENTION_DAYS, intervalMinutes: e.RETENTION_INTERVAL_MINUTES },
    purchase: { cacheLifetimeMs: e.CATALOG_CACHE_MINUTES * 60_000 },
    health: { storageTimeoutMs: e.HEALTH_STORAGE_TIMEOUT_MS },
    priceSheet: {
      baseUrl: priceSheetBaseUrl,
      refreshMs: e.PRICE_SHEET_REFRESH_MINUTES * 60_000,
      waitMs: e.PRICE_SHEET_WAIT_SECONDS * 1000,
      timeoutMs: e.PRICE_SHEET_TIMEOUT_SECONDS * 1000,
      maxSheets: e.PRICE_SHEET_MAX_SHEETS,
    },
    instanceId: e.BOT_INSTANCE_ID ?? `${hostname()}:${e.PORT}`,
    security,
    roles,
    ...approvals,
    cancellation: { reminders: e.CANCELLATION_REMINDERS },
    ...(e.MODE === 'live' && e.PARTNER_CENTER_AUTH === 'app+user' && e.OAUTH_CONNECTION_NAME
      ? { signIn: { connectionName: e.OAUTH_CONNECTION_NAME } }
      : {}),
  };
}

const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Reads the role lists: object ids (PURCHASER_IDS, VIEWER_IDS) and group ids (PURCHASER_GROUP_IDS, VIEWER_GROUP_IDS).
 * Live mode needs a purchaser; local mode with no list at all lets everyone buy. Groups need Microsoft Graph, so live
 * mode only.
 */
function roleSettings(e: z.infer<typeof envSchema>, cloud: CloudSettings, problems: string[]): RoleConfig {
  const idsOf = (name: 'PURCHASER_IDS' | 'VIEWER_IDS' | 'PURCHASER_GROUP_IDS' | 'VIEWER_GROUP_IDS'): string[] => {
    const ids = (e[name] ?? '')
      .split(',')
      .map((id) => id.trim().toLowerCase())
      .filter((id) => id !== '');
    const bad = ids.filter((id) => !OBJECT_ID.test(id)).length;
    if (bad > 0) problems.push(`${name} has ${bad} value(s) that are not Entra ids (GUIDs).`);
    return [...new Set(ids)];
  };
  const purchaserIds = idsOf('PURCHASER_IDS');
  const viewerIds = idsOf('VIEWER_IDS');
  const purchaserGroupIds = idsOf('PURCHASER_GROUP_IDS');
  const viewerGroupIds = idsOf('VIEWER_GROUP_IDS');
  const hasGroups = purchaserGroupIds.length + viewerGroupIds.length > 0;
  if (e.MODE === 'live' && purchaserIds.length === 0 && purchaserGroupIds.length === 0) {
    problems.push(
      'MODE=live needs PURCHASER_IDS or PURCHASER_GROUP_IDS (the Entra object ids of the people, or groups, allowed to buy).',
    );
  }
  if (e.MODE === 'local' && hasGroups) {
    problems.push(
      'PURCHASER_GROUP_IDS and VIEWER_GROUP_IDS need MODE=live: group membership is read from Microsoft Graph.',
    );
  }
  const everyoneIsPurchaser = e.MODE === 'local' && purchaserIds.length === 0 && viewerIds.length === 0;
  const graphBaseUrl = cloud.graphBaseUrl;
  return {
    purchaserIds,
    viewerIds,
    everyoneIsPurchaser,
    ...(hasGroups
      ? {
          groups: { purchaserGroupIds, viewerGroupIds, graphBaseUrl, cacheSeconds: e.GROUP_MEMBERSHIP_CACHE_SECONDS },
        }
      : {}),
  };
}

/**
 * Reads the approval settings. Approvers are Entra object ids (APPROVER_IDS) and members of Entra groups
 * (APPROVER_GROUP_IDS); group membership is read from Microsoft Graph, so groups need live mode. A group member is sent
 * requests once they have opened a personal chat with the bot (the bot can't list a group's members' chats otherwise).
 */
function approvalSettings(
  e: z.infer<typeof envSchema>,
  cloud: CloudSettings,
  problems: string[],
): { approvals?: ApprovalSettings } {
  const idsOf = (name: 'APPROVER_IDS' | 'APPROVER_GROUP_IDS'): string[] => {
    const ids = [
      ...new Set(
        (e[name] ?? '')
          .split(',')
          .map((id) => id.trim().toLowerCase())
          .filter((id) => id !== ''),
      ),
    ];
    const bad = ids.filter((id) => !OBJECT_ID.test(id)).length;
    if (bad > 0) problems.push(`${name} has ${bad} value(s) that are not Entra object ids (GUIDs).`);
    return ids;
  };
  const approverIds = idsOf('APPROVER_IDS');
  const approverGroupIds = idsOf('APPROVER_GROUP_IDS');
  if (e.MODE === 'local' && approverGroupIds.length > 0) {
    problems.push('APPROVER_GROUP_IDS needs MODE=live: group membership is read from Microsoft Graph.');
  }
  const thresholds: Record<string, number> = {};
  for (const entry of (e.APPROVAL_THRESHOLDS ?? '').split(',').map((part) => part.trim())) {
    if (entry === '') continue;
    const match = /^([A-Za-z]{3})\s*=\s*(\d+(?:\.\d+)?)$/.exec(entry);
    if (!match) {
      problems.push(`APPROVAL_THRESHOLDS entry "${entry.slice(0, 20)}" is not CURRENCY=amount (for example USD=5000).`);
      continue;
    }
    thresholds[match[1].toUpperCase()] = Number(match[2]);
  }
  const wantsApprovals = Object.keys(thresholds).length > 0 || e.APPROVAL_FIRST_PURCHASE;
  if (wantsApprovals && approverIds.length === 0 && approverGroupIds.length === 0) {
    problems.push(
      'APPROVAL_THRESHOLDS or APPROVAL_FIRST_PURCHASE needs APPROVER_IDS or APPROVER_GROUP_IDS (who approves).',
    );
  }
  if (approverIds.length === 0 && approverGroupIds.length === 0) return {};
  return {
    approvals: {
      approverIds,
      ...(approverGroupIds.length > 0
        ? {
            groups: {
              approverGroupIds,
              graphBaseUrl: cloud.graphBaseUrl,
              cacheSeconds: e.GROUP_MEMBERSHIP_CACHE_SECONDS,
            },
          }
        : {}),
      thresholds,
      firstPurchase: e.APPROVAL_FIRST_PURCHASE,
      expiryMs: e.APPROVAL_EXPIRY_HOURS * 3_600_000,
    },
  };
}

/**
 * The partner API host of the price sheet: PARTNER_API_BASE_URL, else the cloud's (live) or the simulator (local), which
 * serves the price sheet on its own port. Like the Partner Center base URL: https in live mode, loopback in local mode
 * (local tokens must not leave the machine).
 */
function partnerApiBaseUrl(e: z.infer<typeof envSchema>, cloud: CloudSettings, problems: string[]): string {
  const url =
    e.PARTNER_API_BASE_URL ?? (e.MODE === 'live' ? cloud.partnerApiBaseUrl : `http://127.0.0.1:${e.PC_SIMULATOR_PORT}`);
  try {
    const parsed = new URL(url);
    if (e.MODE === 'live' && parsed.protocol !== 'https:' && !isLoopbackHost(parsed.hostname)) {
      problems.push('PARTNER_API_BASE_URL must use https in MODE=live.');
    }
    if (e.MODE === 'local' && !isLoopbackHost(parsed.hostname)) {
      problems.push(
        `MODE=local sends unauthenticated simulator tokens, so PARTNER_API_BASE_URL must be a loopback address (got ${parsed.hostname}).`,
      );
    }
  } catch {
    problems.push(`PARTNER_API_BASE_URL is not a URL: ${url}.`);
  }
  return url.replace(/\/+$/, '');
}

/**
 * The cloud's endpoints. PARTNER_CENTER_AUTHORITY_HOST is the older, partial way to say "US Government": it moved only
 * the Partner Center token authority, leaving Bot Framework, Graph and Teams in the public cloud. Alone with the
 * government host it is that half configuration, and with CLOUD it must agree; either way the bot does not start.
 */
function cloudSettings(e: z.infer<typeof envSchema>, problems: string[]): CloudSettings {
  const name: CloudName = e.CLOUD ?? 'public';
  const cloud: CloudSettings = { name, ...CLOUD_ENDPOINTS[name] };
  const authority = e.PARTNER_CENTER_AUTHORITY_HOST;
  if (authority !== undefined && authority !== cloud.entraAuthorityHost) {
    problems.push(
      e.CLOUD === undefined
        ? `PARTNER_CENTER_AUTHORITY_HOST=${authority} alone moves only the Partner Center token authority; set CLOUD=usgov (Teams GCC High) or CLOUD=usgov-dod instead, which also sets the Bot Framework, Microsoft Graph and Teams endpoints, and remove PARTNER_CENTER_AUTHORITY_HOST.`
        : `PARTNER_CENTER_AUTHORITY_HOST=${authority} contradicts CLOUD=${name}, whose authority is ${cloud.entraAuthorityHost}; remove PARTNER_CENTER_AUTHORITY_HOST (CLOUD sets it).`,
    );
  }
  return cloud;
}

/** Picks the state store; the connection string is a secret, so no message quotes it. */
function storageSettings(e: z.infer<typeof envSchema>, problems: string[]): StateStorageSettings {
  const connectionString = e.AZURE_STORAGE_CONNECTION_STRING;
  if (e.STATE_STORE === 'sqlite') {
    if (connectionString) {
      // Several instances each on their own SQLite file would silently stop sharing state.
      problems.push(
        'AZURE_STORAGE_CONNECTION_STRING is set but STATE_STORE is not blob; set STATE_STORE=blob to keep state in Azure Blob Storage, or remove it.',
      );
    }
    return { kind: 'sqlite', directory: path.resolve(e.DATA_DIR) };
  }
  if (!connectionString) {
    problems.push(
      'STATE_STORE=blob needs AZURE_STORAGE_CONNECTION_STRING (the Azure Storage account connection string).',
    );
  } else if (e.MODE === 'live' && /usedevelopmentstorage\s*=\s*true/i.test(connectionString)) {
    problems.push(
      'AZURE_STORAGE_CONNECTION_STRING points at the local storage emulator, which MODE=live does not allow.',
    );
  }
  if (!isValidBlobContainerName(e.AZURE_STORAGE_CONTAINER)) {
    problems.push(
      // The value is not quoted: a connection string pasted into the wrong setting must not reach the log.
      'AZURE_STORAGE_CONTAINER is not a valid container name: use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.',
    );
  }
  return { kind: 'blob', connectionString: connectionString ?? '', container: e.AZURE_STORAGE_CONTAINER };
}
