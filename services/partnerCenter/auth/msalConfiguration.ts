import type { Configuration } from '@azure/msal-node';

/** The bot's Microsoft Entra app registration and its credential, as every MSAL confidential client needs them. */
export interface MsalAppRegistration {
  tenantId: string;
  clientId: string;
  /** `https://login.microsoftonline.com` (commercial) or `https://login.microsoftonline.us` (US Government). */
  authorityHost: string;
  clientSecret?: string;
  certificate?: { privateKeyPem: string; thumbprintSha256?: string; thumbprint?: string };
}

/**
 * The MSAL ConfidentialClientApplication configuration for an app registration: the tenant's authority and the secret,
 * or else the certificate (SHA-256 thumbprint preferred, SHA-1 accepted for older registrations).
 */
export function msalConfiguration(registration: MsalAppRegistration): Configuration {
  const authority = `${registration.authorityHost.replace(/\/+$/, '')}/${registration.tenantId}`;
  if (registration.clientSecret) {
    return { auth: { clientId: registration.clientId, authority, clientSecret: registration.clientSecret } };
  }
  const certificate = registration.certificate;
  if (certificate && (certificate.thumbprintSha256 || certificate.thumbprint)) {
    return {
      auth: {
        clientId: registration.clientId,
        authority,
        clientCertificate: certificate.thumbprintSha256
          ? { thumbprintSha256: certificate.thumbprintSha256, privateKey: certificate.privateKeyPem }
          : { thumbprint: certificate.thumbprint, privateKey: certificate.privateKeyPem },
      },
    };
  }
  throw new Error('The MSAL app registration needs a client secret or a certificate with a thumbprint');
}
