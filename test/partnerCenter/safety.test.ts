import { LocalTokenProvider } from '../../services/partnerCenter/auth/LocalTokenProvider';
import { createPartnerCenterClient } from '../../services/partnerCenter/createPartnerCenterClient';
import { PartnerCenterTransport } from '../../services/partnerCenter/http/PartnerCenterTransport';
import { PartnerCenterClient } from '../../services/partnerCenter/PartnerCenterClient';
import type { PartnerCenterSettings } from '../../services/partnerCenter/PartnerCenterSettings';
import { startScriptedServer, type ScriptedServer } from './support/scriptedServer';

const transportOptions = {
  applicationName: 'pc-bot-tests',
  timeoutMs: 1000,
  maxRetries: 0,
  retryDeadlineMs: 1000,
  maxRetryAfterSeconds: 1,
};

const localSettings = (baseUrl: string): PartnerCenterSettings => ({
  baseUrl,
  mode: 'local',
  auth: 'app',
  applicationName: 'pc-bot-tests',
  timeoutMs: 1000,
  maxRetries: 0,
  retryDeadlineMs: 1000,
  maxRetryAfterSeconds: 1,
});

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(async () => {
  await server.close();
});

describe('simulator tokens never leave the machine', () => {
  it('LocalTokenProvider refuses a non-loopback base URL', () => {
    expect(() => new LocalTokenProvider({ baseUrl: 'https://api.partnercenter.microsoft.com', auth: 'app' })).toThrow(
      /loopback/,
    );
    expect(() => new LocalTokenProvider({ baseUrl: 'http://10.1.2.3:8080', auth: 'app' })).toThrow(/loopback/);
    expect(() => new LocalTokenProvider({ baseUrl: 'http://[::1]:8080', auth: 'app' })).not.toThrow();
  });

  it('the transport refuses a local token provider aimed at a real host, before asking it for a token', () => {
    const getToken = jest.fn(async () => 'local-app');
    expect(
      () =>
        new PartnerCenterTransport({
          ...transportOptions,
          baseUrl: 'https://api.partnercenter.microsoft.com',
          tokenProvider: { isLocal: true, getToken },
        }),
    ).toThrow(/local \(simulator\) token provider/);
    expect(getToken).not.toHaveBeenCalled();
  });

  it('a continuation pointing at another host is refused without any request or token', async () => {
    const getToken = jest.fn(async () => 'local-app');
    const client = new PartnerCenterClient(
      new PartnerCenterTransport({
        ...transportOptions,
        baseUrl: server.url,
        tokenProvider: { isLocal: true, getToken },
      }),
    );
    server.requests.length = 0;

    await expect(
      client.listCustomers(
        { correlationId: 'c' },
        { continuation: { kind: 'seek', uri: 'https://api.partnercenter.microsoft.com/v1/customers', headers: [] } },
      ),
    ).rejects.toMatchObject({ kind: 'invalid-response' });
    expect(getToken).not.toHaveBeenCalled();
    expect(server.requests).toHaveLength(0);
  });

  it('createPartnerCenterClient in local mode refuses a real Partner Center URL', () => {
    expect(() => createPartnerCenterClient(localSettings('https://api.partnercenter.microsoft.com'))).toThrow(
      /loopback/,
    );
  });

  it('a real (non-local) token provider may be aimed at the real host', () => {
    expect(
      () =>
        new PartnerCenterTransport({
          ...transportOptions,
          baseUrl: 'https://api.partnercenter.microsoft.com',
          tokenProvider: { isLocal: false, getToken: async () => 'real' },
        }),
    ).not.toThrow();
  });
});

describe('createPartnerCenterClient', () => {
  it('builds a local client that calls the simulator with the local app token and logs one line per call', async () => {
    server.requests.length = 0;
    server.reply(() => ({
      status: 200,
      json: { subscriptionId: 's', status: 'Registered', attributes: { objectType: 'SubscriptionRegistrationStatus' } },
    }));
    const logs: string[] = [];
    const client = createPartnerCenterClient(localSettings(server.url), { log: (line) => logs.push(line) });

    const status = await client.getSubscriptionRegistrationStatus(
      { correlationId: 'c' },
      { customerId: 'cust', subscriptionId: 's' },
    );

    expect(status.status).toBe('registered');
    expect(server.requests[0]?.headers.authorization).toBe('Bearer local-app');
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('GET /v1/customers/cust/subscriptions/s/registrationstatus 200');
    expect(logs[0]).not.toContain('local-app');
  });

  it('sends user:<name> in local App+User mode when the context names a user', async () => {
    server.requests.length = 0;
    server.reply(() => ({ status: 200, json: { totalCount: 0, items: [] } }));
    const client = createPartnerCenterClient({ ...localSettings(server.url), auth: 'app+user' });

    await client.listInvoiceSummaries({ correlationId: 'c', user: { id: 'u-1', name: 'Alex Wilber' } });

    expect(server.requests[0]?.headers.authorization).toBe('Bearer user:Alex Wilber');
  });

  it('rejects live settings without MSAL credentials', () => {
    expect(() =>
      createPartnerCenterClient({ ...localSettings('https://api.partnercenter.microsoft.com'), mode: 'live' }),
    ).toThrow(/msal/);
  });

  it('refuses live App+User until a provider for it is supplied', () => {
    const settings: PartnerCenterSettings = {
      ...localSettings('https://api.partnercenter.microsoft.com'),
      mode: 'live',
      auth: 'app+user',
      msal: {
        tenantId: 't',
        clientId: 'c',
        clientSecret: 's',
        authorityHost: 'https://login.microsoftonline.com',
      },
    };
    expect(() => createPartnerCenterClient(settings)).toThrow(/App\+User/);
    expect(() =>
      createPartnerCenterClient(settings, { tokenProvider: { isLocal: false, getToken: async () => 'obo' } }),
    ).not.toThrow();
  });
});
