import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import type { PartnerCenterCallContext } from '../PartnerCenterCallContext';
import { msalConfiguration, type MsalAppRegistration } from './msalConfiguration';
import { msalErrorCode } from './msalErrorCode';
import type { PartnerCenterTokenProvider } from './PartnerCenterTokenProvider';

/** The Partner Center audience for app-only tokens (the Azure AD Graph audience is retired). */
export const PARTNER_CENTER_SCOPE = 'https://api.partnercenter.microsoft.com/.default';

/** The slice of MSAL's ConfidentialClientApplication this provider uses (so tests can pass a fake). */
export interface ClientCredentialTokenSource {
  acquireTokenByClientCredential(request: { scopes: string[] }): Promise<{ accessToken: string } | null>;
}

/** App registration and credential for app-only (client credentials) tokens, and which API they are for. */
export interface MsalAppTokenProviderOptions extends MsalAppRegistration {
  /** The `.default` scope of the API; defaults to {@link PARTNER_CENTER_SCOPE} (Microsoft Graph's works the same). */
  scope?: string;
}

/**
 * App-only tokens (Partner Center unless another scope is given) from MSAL's client-credentials flow. It builds one
 * ConfidentialClientApplication and reuses it, so MSAL's in-memory cache serves tokens until they near expiry instead
 * of a sign-in per call.
 */
export class MsalAppTokenProvider implements PartnerCenterTokenProvider {
  readonly isLocal = false;
  private readonly client: ClientCredentialTokenSource;
  private readonly scope: string;
  private readonly tokenName: string;

  constructor(
    options: MsalAppTokenProviderOptions,
    createClient: (config: Configuration) => ClientCredentialTokenSource = (config) =>
      new ConfidentialClientApplication(config),
  ) {
    this.scope = options.scope ?? PARTNER_CENTER_SCOPE;
    this.tokenName = this.scope === PARTNER_CENTER_SCOPE ? 'Partner Center app token' : `app token for ${this.scope}`;
    this.client = createClient(msalConfiguration(options));
  }

  async getToken(_ctx: PartnerCenterCallContext): Promise<string> {
    let result: { accessToken: string } | null;
    try {
      result = await this.client.acquireTokenByClientCredential({ scopes: [this.scope] });
    } catch (error) {
      const errorCode = msalErrorCode(error);
      // MSAL's own message is not passed on: only its error code, which never holds the credential.
      throw new Error(`Microsoft Entra ID refused to issue the ${this.tokenName}${errorCode ? ` (${errorCode})` : ''}`);
    }
    if (!result?.accessToken) {
      throw new Error(`Microsoft Entra ID returned no ${this.tokenName}`);
    }
    return result.accessToken;
  }
}
