import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import type { PartnerCenterCallContext } from '../PartnerCenterCallContext';
import type { PartnerCenterTokenProvider } from './PartnerCenterTokenProvider';

/** The Partner Center audience for app-only tokens (the Azure AD Graph audience is retired). */
export const PARTNER_CENTER_SCOPE = 'https://api.partnercenter.microsoft.com/.default';

/** The slice of MSAL's ConfidentialClientApplication this provider uses (so tests can pass a fake). */
export interface ClientCredentialTokenSource {
  acquireTokenByClientCredential(request: { scopes: string[] }): Promise<{ accessToken: string } | null>;
}

/** App registration and credential for app-only (client credentials) tokens. */
export interface MsalAppTokenProviderOptions {
  tenantId: string;
  clientId: string;
  /** `https://login.microsoftonline.com` (commercial) or `https://login.microsoftonline.us` (US Government). */
  authorityHost: string;
  clientSecret?: string;
  certificate?: { privateKeyPem: string; thumbprintSha256?: string; thumbprint?: string };
}

/**
 * App-only Partner Center tokens from MSAL's client-credentials flow. It builds one ConfidentialClientApplication
 * and reuses it, so MSAL's in-memory cache serves tokens until they near expiry instead of a sign-in per call.
 */
export class MsalAppTokenProvider implements PartnerCenterTokenProvider {
  readonly isLocal = false;
  private readonly client: ClientCredentialTokenSource;

  constructor(
    options: MsalAppTokenProviderOptions,
    createClient: (config: Configuration) => ClientCredentialTokenSource = (config) =>
      new ConfidentialClientApplication(config),
  ) {
    this.client = createClient(msalConfiguration(options));
  }

  async getToken(_ctx: PartnerCenterCallContext): Promise<string> {
    let result: { accessToken: string } | null;
    try {
      result = await this.client.acquireTokenByClientCredential({ scopes: [PARTNER_CENTER_SCOPE] });
    } catch (error) {
      const errorCode = readErrorCode(error);
      // MSAL's own message is not passed on: only its error code, which never holds the credential.
      throw new Error(`Microsoft Entra ID refused a Partner Center app token${errorCode ? ` (${errorCode})` : ''}`);
    }
    if (!result?.accessToken) {
      throw new Error('Microsoft Entra ID returned no Partner Center app token');
    }
    return result.accessToken;
  }
}

function msalConfiguration(options: MsalAppTokenProviderOptions): Configuration {
  const authority = `${options.authorityHost.replace(/\/+$/, '')}/${options.tenantId}`;
  if (options.clientSecret) {
    return { auth: { clientId: options.clientId, authority, clientSecret: options.clientSecret } };
  }
  const certificate = options.certificate;
  if (certificate && (certificate.thumbprintSha256 || certificate.thumbprint)) {
    return {
      auth: {
        clientId: options.clientId,
        authority,
        clientCertificate: certificate.thumbprintSha256
          ? { thumbprintSha256: certificate.thumbprintSha256, privateKey: certificate.privateKeyPem }
          : { thumbprint: certificate.thumbprint, privateKey: certificate.privateKeyPem },
      },
    };
  }
  throw new Error('MsalAppTokenProvider needs a client secret or a certificate with a thumbprint');
}

function readErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'errorCode' in error) {
    const code = (error as { errorCode: unknown }).errorCode;
    if (typeof code === 'string' && /^[\w.-]{1,80}$/.test(code)) return code;
  }
  return undefined;
}
