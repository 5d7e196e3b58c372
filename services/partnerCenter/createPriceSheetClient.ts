import { LocalTokenProvider } from './auth/LocalTokenProvider';
import { OnBehalfOfTokenProvider, PARTNER_API_USER_SCOPE } from './auth/OnBehalfOfTokenProvider';
import type { PartnerCenterClientExtras } from './createPartnerCenterClient';
import { PartnerCenterTransport } from './http/PartnerCenterTransport';
import { partnerCenterSettingsSchema, type PartnerCenterSettings } from './PartnerCenterSettings';
import { PriceSheetClient } from './PriceSheetClient';

/**
 * Builds the price sheet client from the same settings as the Partner Center client, with `baseUrl` the partner API
 * host (`https://api.partner.microsoft.com`, or the simulator locally) and `timeoutMs` the download's limit. Locally it
 * sends simulator tokens (loopback only); live it needs App+User: the signed-in person's token exchanged on-behalf-of
 * for the partner API's audience. Live app-only has no client at all (undefined), because the price sheet "only
 * supports application user authentication. Application-only isn't yet supported" (Get a price sheet): asking would
 * only be refused.
 */
export function createPriceSheetClient(
  settings: PartnerCenterSettings,
  extras: Pick<
    PartnerCenterClientExtras,
    'log' | 'tokenProvider' | 'assertions' | 'onBehalfOfClient' | 'onMfaRefusal'
  > = {},
): PriceSheetClient | undefined {
  const valid = partnerCenterSettingsSchema.parse(settings);
  let tokenProvider = extras.tokenProvider;
  if (!tokenProvider) {
    if (valid.mode === 'local') {
      tokenProvider = new LocalTokenProvider({ baseUrl: valid.baseUrl, auth: valid.auth });
    } else if (valid.auth === 'app+user' && valid.msal && extras.assertions) {
      const msal = valid.msal;
      tokenProvider = new OnBehalfOfTokenProvider(
        {
          tenantId: msal.tenantId,
          clientId: msal.clientId,
          authorityHost: msal.authorityHost,
          clientSecret: msal.clientSecret,
          certificate: msal.certificate,
        },
        extras.assertions,
        extras.onBehalfOfClient,
        PARTNER_API_USER_SCOPE,
      );
    } else {
      return undefined;
    }
  }
  const transport = new PartnerCenterTransport({
    baseUrl: valid.baseUrl,
    apiPathPrefix: '/v1.0',
    tokenProvider,
    applicationName: valid.applicationName,
    timeoutMs: valid.timeoutMs,
    maxRetries: valid.maxRetries,
    retryDeadlineMs: valid.retryDeadlineMs,
    maxRetryAfterSeconds: valid.maxRetryAfterSeconds,
    log: extras.log,
    onMfaRefusal: extras.onMfaRefusal,
  });
  return new PriceSheetClient(transport);
}
