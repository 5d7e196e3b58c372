import type { Configuration } from '@azure/msal-node';
import { LocalTokenProvider } from '../../services/partnerCenter/auth/LocalTokenProvider';
import {
  MsalAppTokenProvider,
  PARTNER_CENTER_SCOPE,
  type ClientCredentialTokenSource,
} from '../../services/partnerCenter/auth/MsalAppTokenProvider';
import { sharedMsalAppTokenProvider } from '../../services/partnerCenter/auth/sharedMsalAppTokenProvider';

const ctx = { correlationId: 'c' };

function fakeMsal(acquire: ClientCredentialTokenSource['acquireTokenByClientCredential']) {
  const configs: Configuration[] = [];
  const requests: { scopes: string[] }[] = [];
  const createClient = jest.fn((config: Configuration): ClientCredentialTokenSource => {
    configs.push(config);
    return {
      acquireTokenByClientCredential: (request) => {
        requests.push(request);
        return acquire(request);
      },
    };
  });
  return { createClient, configs, requests };
}

describe('MsalAppTokenProvider', () => {
  it('builds one MSAL client for the tenant authority and reuses it for every token', async () => {
    const msal = fakeMsal(async () => ({ accessToken: 'aad-token' }));
    const provider = new MsalAppTokenProvider(
      {
        tenantId: 'tenant-1',
        clientId: 'app-1',
        clientSecret: 's3cret',
        authorityHost: 'https://login.microsoftonline.com/',
      },
      msal.createClient,
    );

    expect(await provider.getToken(ctx)).toBe('aad-token');
    expect(await provider.getToken(ctx)).toBe('aad-token');

    expect(msal.createClient).toHaveBeenCalledTimes(1);
    expect(msal.configs[0]?.auth).toEqual({
      clientId: 'app-1',
      authority: 'https://login.microsoftonline.com/tenant-1',
      clientSecret: 's3cret',
    });
    expect(msal.requests).toEqual([{ scopes: [PARTNER_CENTER_SCOPE] }, { scopes: [PARTNER_CENTER_SCOPE] }]);
    expect(PARTNER_CENTER_SCOPE).toBe('https://api.partnercenter.microsoft.com/.default');
    expect(provider.isLocal).toBe(false);
  });

  it('uses a certificate (SHA-256 thumbprint) against the US Government authority', () => {
    const msal = fakeMsal(async () => ({ accessToken: 't' }));
    new MsalAppTokenProvider(
      {
        tenantId: 'gov-tenant',
        clientId: 'app-2',
        authorityHost: 'https://login.microsoftonline.us',
        certificate: { privateKeyPem: 'PEM', thumbprintSha256: 'ABCD' },
      },
      msal.createClient,
    );

    expect(msal.configs[0]?.auth).toEqual({
      clientId: 'app-2',
      authority: 'https://login.microsoftonline.us/gov-tenant',
      clientCertificate: { thumbprintSha256: 'ABCD', privateKey: 'PEM' },
    });
  });

  it('accepts a legacy SHA-1 thumbprint when no SHA-256 one is given', () => {
    const msal = fakeMsal(async () => ({ accessToken: 't' }));
    new MsalAppTokenProvider(
      {
        tenantId: 't',
        clientId: 'a',
        authorityHost: 'https://login.microsoftonline.com',
        certificate: { privateKeyPem: 'PEM', thumbprint: 'SHA1' },
      },
      msal.createClient,
    );

    expect(msal.configs[0]?.auth.clientCertificate).toEqual({ thumbprint: 'SHA1', privateKey: 'PEM' });
  });

  it('refuses to start without a secret or certificate', () => {
    const msal = fakeMsal(async () => ({ accessToken: 't' }));
    expect(
      () =>
        new MsalAppTokenProvider(
          { tenantId: 't', clientId: 'a', authorityHost: 'https://login.microsoftonline.com' },
          msal.createClient,
        ),
    ).toThrow(/secret or a certificate/);
  });

  it('reports MSAL failures by error code without the secret or MSAL message', async () => {
    const msal = fakeMsal(async () => {
      throw Object.assign(new Error('AADSTS7000215: Invalid client secret s3cret provided'), {
        errorCode: 'invalid_client',
      });
    });
    const provider = new MsalAppTokenProvider(
      { tenantId: 't', clientId: 'a', clientSecret: 's3cret', authorityHost: 'https://login.microsoftonline.com' },
      msal.createClient,
    );

    const error: unknown = await provider.getToken(ctx).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('invalid_client');
    expect((error as Error).message).not.toContain('s3cret');
  });

  it('fails when MSAL returns no token', async () => {
    const msal = fakeMsal(async () => null);
    const provider = new MsalAppTokenProvider(
      { tenantId: 't', clientId: 'a', clientSecret: 's', authorityHost: 'https://login.microsoftonline.com' },
      msal.createClient,
    );

    await expect(provider.getToken(ctx)).rejects.toThrow(/no Partner Center app token/);
  });

  it('shares one provider per app registration and credential across the process', () => {
    const options = {
      tenantId: 't',
      clientId: 'shared-app',
      clientSecret: 's',
      authorityHost: 'https://login.microsoftonline.com',
    };
    const first = sharedMsalAppTokenProvider(options);
    expect(sharedMsalAppTokenProvider({ ...options })).toBe(first);
    expect(sharedMsalAppTokenProvider({ ...options, clientSecret: 'other' })).not.toBe(first);
  });
});

describe('LocalTokenProvider', () => {
  const baseUrl = 'http://127.0.0.1:1234';

  it('gives the fixed app token in app mode, even when a user is present', async () => {
    const provider = new LocalTokenProvider({ baseUrl, auth: 'app' });
    expect(await provider.getToken({ correlationId: 'c', user: { id: 'u', name: 'Alex' } })).toBe('local-app');
    expect(provider.isLocal).toBe(true);
  });

  it('gives user:<name> in App+User mode, the id when the name cannot travel in a header, app token without user', async () => {
    const provider = new LocalTokenProvider({ baseUrl, auth: 'app+user' });
    expect(await provider.getToken({ correlationId: 'c', user: { id: 'u-1', name: 'Alex Wilber' } })).toBe(
      'user:Alex Wilber',
    );
    expect(await provider.getToken({ correlationId: 'c', user: { id: 'u-2', name: 'Zoë' } })).toBe('user:u-2');
    expect(await provider.getToken({ correlationId: 'c', user: { id: 'u-3' } })).toBe('user:u-3');
    expect(await provider.getToken({ correlationId: 'c' })).toBe('local-app');
  });
});
