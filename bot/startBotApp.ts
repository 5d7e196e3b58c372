import { ConversationState, Middleware, TeamsSSOTokenExchangeMiddleware, UserState } from 'botbuilder';
import {
  createPartnerCenterClient,
  type PartnerCenterClientExtras,
} from '../services/partnerCenter/createPartnerCenterClient';
import { PartnerCenterLookupService } from '../services/lookups/PartnerCenterLookupService';
import { PartnerCenterPurchaseService } from '../services/purchase/PartnerCenterPurchaseService';
import { RecentOrdersStore } from '../services/storage/RecentOrdersStore';
import { RegistrationWatchStore } from '../services/registrations/RegistrationWatchStore';
import { openStateStorage } from '../services/storage/openStateStorage';
import { replaceCard } from '../dialogs/CartCheckoutDialog';
import { checkoutOutcomeCard } from '../dialogs/checkoutOutcomeCard';
import { CheckoutLedger } from '../services/checkout/CheckoutLedger';
import { CheckoutProcessor } from '../services/checkout/CheckoutProcessor';
import { AuditTrail } from '../services/audit/AuditTrail';
import { RoleDirectory } from '../dialogs/security/RoleDirectory';
import { GraphGroupMembership } from '../services/directory/GraphGroupMembership';
import { sharedMsalAppTokenProvider } from '../services/partnerCenter/auth/sharedMsalAppTokenProvider';
import { buildBot } from './buildBot';
import { CheckoutRunner } from './CheckoutRunner';
import { InboundDedupe } from './InboundDedupe';
import type { AppConfig } from './config';
import type { Logger } from './logger';
import { RegistrationWatcher } from './RegistrationWatcher';
import { createAdapter, createBotAuthentication, RunningBotServer, startBotServer } from './server';
import type { InboundAuthOverrides } from './security/InboundAuthOverrides';
import { BotTokenServiceAssertions } from './signIn/BotTokenServiceAssertions';
import { serviceUrlAllowed } from './security/serviceUrlAllowed';
import { DownloadLinkSigner } from './statements/DownloadLinkSigner';
import { StatementService } from './statements/StatementService';

/** The whole bot process: state on SQLite, the Partner Center client and the HTTP endpoint. */
export interface RunningBotApp {
  server: RunningBotServer;
  checkouts: CheckoutRunner;
  close(): Promise<void>;
}

/**
 * Code, not configuration: where tests point the parts that would otherwise reach Microsoft's services. Production
 * never sets them.
 */
export interface BotAppSeams {
  /** Bot Framework endpoints: a local OpenID stub for inbound tokens and a local token service for sign-ins. */
  botFramework?: InboundAuthOverrides;
  /** Stands in for MSAL's on-behalf-of exchange in live App+User mode. */
  onBehalfOfClient?: PartnerCenterClientExtras['onBehalfOfClient'];
  /** Microsoft Graph for group roles: a loopback stub and its token instead of the cloud's Graph and MSAL. */
  graph?: { baseUrl: string; getToken: () => Promise<string> };
}

/**
 * Group membership from Microsoft Graph when role groups are configured, with an app-only Graph token of the Partner
 * Center app registration (it needs GroupMember.Read.All).
 */
function groupMembership(
  config: AppConfig,
  logger: Logger,
  seam: BotAppSeams['graph'],
): GraphGroupMembership | undefined {
  const groups = config.roles.groups;
  if (!groups) return undefined;
  let getToken = seam?.getToken;
  if (!getToken) {
    const msal = config.partnerCenter.msal;
    if (!msal) throw new Error('Role groups need the Partner Center app registration for Microsoft Graph');
    const provider = sharedMsalAppTokenProvider({ ...msal, scope: `${groups.graphBaseUrl}/.default` });
    getToken = () => provider.getToken({ correlationId: 'graph-group-membership' });
  }
  const baseUrl = seam?.baseUrl ?? groups.graphBaseUrl;
  return new GraphGroupMembership({
    baseUrl,
    getToken,
    cacheSeconds: groups.cacheSeconds,
    log: (line) => logger.warn('microsoft graph', { call: line }),
  });
}

/** Composition root: builds every part from the typed configuration and starts listening. */
export async function startBotApp(
  config: AppConfig,
  logger: Logger,
  version: string,
  seams: BotAppSeams = {},
): Promise<RunningBotApp> {
  // SQLite on this machine or Azure Blob Storage shared by all instances, as configured (STATE_STORE).
  const storage = await openStateStorage(config.storage);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const authentication = createBotAuthentication(config, logger, seams.botFramework);
  const appId = config.bot.microsoftApp.appId;
  const signIn = config.signIn;
  const client = createPartnerCenterClient(config.partnerCenter, {
    log: (line) => logger.info('partner center call', { call: line }),
    ...(signIn
      ? {
          assertions: new BotTokenServiceAssertions({ authentication, appId, connectionName: signIn.connectionName }),
          onBehalfOfClient: seams.onBehalfOfClient,
        }
      : {}),
  });
  const lookups = new PartnerCenterLookupService(client);
  const purchase = new PartnerCenterPurchaseService(client);
  const recentOrders = new RecentOrdersStore(storage);
  const middleware: Middleware[] = [new InboundDedupe(storage, logger)];
  // Teams may send the same single sign-on token to several instances; exactly one exchanges it.
  if (signIn) middleware.push(new TeamsSSOTokenExchangeMiddleware(storage, signIn.connectionName));
  const adapter = createAdapter(config, middleware, { logger, authentication });
  const checkoutLedger = new CheckoutLedger(storage);
  const audit = new AuditTrail(storage);
  const checkouts = new CheckoutRunner({
    instanceId: config.instanceId,
    ledger: checkoutLedger,
    audit,
    processor: new CheckoutProcessor({ ledger: checkoutLedger, purchase, recentOrders }),
    logger,
    deliver: async (record) => {
      const reference = record.target.conversationReference;
      const serviceUrl = typeof reference.serviceUrl === 'string' ? reference.serviceUrl : undefined;
      if (!serviceUrlAllowed(serviceUrl, config.security.allowedServiceUrlHosts)) {
        // Retrying cannot make the host acceptable, so the outcome is logged and left unsent.
        logger.warn('checkout outcome not sent: serviceUrl host not allowed', { cartId: record.cartId });
        return;
      }
      await adapter.continueConversationAsync(appId, reference, async (context) => {
        await replaceCard(context, record.target.activityId, checkoutOutcomeCard(record));
      });
    },
  });
  // Locally, links point at wherever the bot really listens (port 0 in tests picks a free one).
  let publicBaseUrl = config.downloads.publicBaseUrl;
  const statements = new StatementService({
    lookups,
    signer: new DownloadLinkSigner(config.downloads.signingSecret),
    publicBaseUrl: () => publicBaseUrl,
    ttlSeconds: config.downloads.ttlSeconds,
    mode: config.mode,
    logger,
  });
  const registrations = new RegistrationWatcher({
    adapter,
    appId: config.bot.microsoftApp.appId,
    lookups,
    logger,
    pollSeconds: config.registrationWatch.pollSeconds,
    maxMinutes: config.registrationWatch.maxMinutes,
    allowedServiceUrlHosts: config.security.allowedServiceUrlHosts,
    storage: new RegistrationWatchStore(storage),
    instanceId: config.instanceId,
  });
  const { bot } = buildBot({
    conversationState,
    userState,
    purchase,
    lookups,
    recentOrders,
    statements,
    registrations,
    checkouts,
    checkoutLedger,
    roles: new RoleDirectory(config.roles, groupMembership(config, logger, seams.graph)),
    audit,
    ...(signIn
      ? {
          signIn: {
            connectionName: signIn.connectionName,
            resumeWaitingWork: (userKey) => checkouts.resumeWaitingFor(userKey),
          },
        }
      : {}),
  });
  const server = await startBotServer({
    config,
    bot,
    conversationState,
    logger,
    version,
    adapter,
    routes: (http) => {
      http.get('/downloads/statements/:token', async (req, res) => {
        await statements.handleDownload(req, res);
      });
    },
  });
  if (config.mode === 'local' && config.bot.port === 0) publicBaseUrl = server.url;
  const resumed = await checkouts.recover();
  checkouts.sweepEvery(60_000);
  if (resumed > 0) logger.info('resuming checkouts left by a previous run', { count: resumed });
  const followed = await registrations.resume();
  registrations.sweepEvery(60_000);
  if (followed > 0) logger.info('resuming registration follow-ups left by a previous run', { count: followed });
  return {
    server,
    checkouts,
    close: async () => {
      checkouts.close();
      registrations.close();
      await server.close();
      storage.close();
    },
  };
}
