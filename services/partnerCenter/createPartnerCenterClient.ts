import { LocalTokenProvider } from './auth/LocalTokenProvider';
import type { PartnerCenterTokenProvider } from './auth/PartnerCenterTokenProvider';
import { sharedMsalAppTokenProvider } from './auth/sharedMsalAppTokenProvider';
import { PartnerCenterTransport } from './http/PartnerCenterTransport';
import { PartnerCenterClient } from './PartnerCenterClient';
import { partnerCenterSettingsSchema, type PartnerCenterSettings } from './PartnerCenterSettings';

/** Optional collaborators of {@link createPartnerCenterClient}. */
export interface PartnerCenterClientExtras {
  /** One line per HTTP attempt (method, path, status, ms, request id). */
  log?: (line: string) => void;
  /** Replaces the token provider the settings would choose (e.g. the App+User provider once it exists). */
  tokenProvider?: PartnerCenterTokenProvider;
}

/**
 * Builds the Partner Center client from settings: simulator tokens in `local` mode (loopback only), the process-wide
 * MSAL app-only provider in `live` mode.
 */
export function createPartnerCenterClient(
  settings: PartnerCenterSettings,
  extras: PartnerCenterClientExtras = {},
): PartnerCenterClient {
  const valid = partnerCenterSettingsSchema.parse(settings);
  const tokenProvider = extras.tokenProvider ?? chooseTokenProvider(valid);
  const transport = new PartnerCenterTransport({
    baseUrl: valid.baseUrl,
    tokenProvider,
    applicationName: valid.applicationName,
    timeoutMs: valid.timeoutMs,
    maxRetries: valid.maxRetries,
    retryDeadlineMs: valid.retryDeadlineMs,
    maxRetryAfterSeconds: valid.maxRetryAfterSeconds,
    log: extras.log,
  });
  return new PartnerCenterClient(transport);
}

function chooseTokenProvider(settings: PartnerCenterSettings): PartnerCenterTokenProvider {
  if (settings.mode === 'local') return new LocalTokenProvider({ baseUrl: settings.baseUrl, auth: settings.auth });
  if (settings.auth === 'app+user') {
    throw new Error('Live App+User tokens are not available yet: pass extras.tokenProvider or use auth "app"');
  }
  const msal = settings.msal;
  if (!msal) throw new Error('live mode needs msal settings');
  return sharedMsalAppTokenProvider({
    tenantId: msal.tenantId,
    clientId: msal.clientId,
    authorityHost: msal.authorityHost,
    clientSecret: msal.clientSecret,
    certificate: msal.certificate,
  });
}
