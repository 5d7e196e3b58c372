import type { Configuration } from '@azure/msal-node';
import { LocalTokenProvider } from './auth/LocalTokenProvider';
import { OnBehalfOfTokenProvider, type OnBehalfOfTokenSource } from './auth/OnBehalfOfTokenProvider';
import type { PartnerCenterTokenProvider } from './auth/PartnerCenterTokenProvider';
import { sharedMsalAppTokenProvider } from './auth/sharedMsalAppTokenProvider';
import type { UserAssertionSource } from './auth/UserAssertionSource';
import { PartnerCenterTransport, type PartnerCenterTransportOptions } from './http/PartnerCenterTransport';
import { PartnerCenterClient } from './PartnerCenterClient';
import { partnerCenterSettingsSchema, type PartnerCenterSettings } from './PartnerCenterSettings';

/** Optional collaborators of {@link createPartnerCenterClient}. */
export interface PartnerCenterClientExtras {
  /** One line per HTTP attempt (method, path, status, ms, request id). */
  log?: (line: string) => void;
  /** Replaces the token provider the settings would choose. */
  tokenProvider?: PartnerCenterTokenProvider;
  /** The signed-in people's own tokens; required in live App+User mode. */
  assertions?: UserAssertionSource;
  /** Test seam: stands in for MSAL's ConfidentialClientApplication in live App+User mode. Production leaves it unset. */
  onBehalfOfClient?: (config: Configuration) => OnBehalfOfTokenSource;
  /** Told of every call Partner Center refused because the person's sign-in had no MFA (the bot audits it). */
  onMfaRefusal?: PartnerCenterTransportOptions['onMfaRefusal'];
}

/**
 * Builds the Partner Center client from settings: simulator tokens in `local` mode (loopback only); in `live` mode the
 * process-wide MSAL app-only provider, or for App+User the on-behalf-of provider over `extras.assertions`.
 */
export function createPartnerCenterClient(
  settings: PartnerCenterSettings,
  extras: PartnerCenterClientExtras = {},
): PartnerCenterClient {
  const valid = partnerCenterSettingsSchema.parse(settings);
  const tokenProvider = extras.tokenProvider ?? chooseTokenProvider(valid, extras);
  const transport = new PartnerCenterTransport({
    baseUrl: valid.baseUrl,
    tokenProvider,
    applicationName: valid.applicationName,
    timeoutMs: valid.timeoutMs,
    maxRetries: valid.maxRetries,
    retryDeadlineMs: valid.retryDeadlineMs,
    chatRetryDeadlineMs: valid.chatRetryDeadlineMs,
    maxRetryAfterSeconds: valid.maxRetryAfterSeconds,
    log: extras.log,
    onMfaRefusal: extras.onMfaRefusal,
  });
  return new PartnerCenterClient(transport);
}

function chooseTokenProvider(
  settings: PartnerCenterSettings,
  extras: PartnerCenterClientExtras,
): PartnerCenterTokenProvider {
  if (settings.mode === 'local') return new LocalTokenProvider({ baseUrl: settings.baseUrl, auth: settings.auth });
  const msal = settings.msal;
  if (!msal) throw new Error('live mode needs msal settings');
  const registration = {
    tenantId: msal.tenantId,
    clientId: msal.clientId,
    authorityHost: msal.authorityHost,
    clientSecret: msal.clientSecret,
    certificate: msal.certificate,
  };
  if (settings.auth === 'app+user') {
    if (!extras.assertions) {
      throw new Error("Live App+User mode needs extras.assertions: the source of the signed-in people's tokens");
    }
    return new OnBehalfOfTokenProvider(registration, extras.assertions, extras.onBehalfOfClient);
  }
  return sharedMsalAppTokenProvider(registration);
}
