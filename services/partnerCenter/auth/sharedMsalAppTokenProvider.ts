import { createHash } from 'node:crypto';
import { MsalAppTokenProvider, PARTNER_CENTER_SCOPE, type MsalAppTokenProviderOptions } from './MsalAppTokenProvider';

const providers = new Map<string, MsalAppTokenProvider>();

/**
 * The process-wide MsalAppTokenProvider for one app registration, credential and scope: MSAL's token cache lives in
 * its ConfidentialClientApplication, so building a second one would mean a second sign-in and a second cache.
 */
export function sharedMsalAppTokenProvider(options: MsalAppTokenProviderOptions): MsalAppTokenProvider {
  // The key holds a hash of the credential, never the credential itself.
  const credential = createHash('sha256')
    .update(options.clientSecret ?? '')
    .update('\0')
    .update(options.certificate?.privateKeyPem ?? '')
    .update('\0')
    .update(options.certificate?.thumbprintSha256 ?? options.certificate?.thumbprint ?? '')
    .digest('hex');
  const key = [
    options.authorityHost.replace(/\/+$/, ''),
    options.tenantId,
    options.clientId,
    credential,
    options.scope ?? PARTNER_CENTER_SCOPE,
  ].join('|');
  let provider = providers.get(key);
  if (!provider) {
    provider = new MsalAppTokenProvider(options);
    providers.set(key, provider);
  }
  return provider;
}
