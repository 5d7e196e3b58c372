import { randomUUID } from 'node:crypto';
import { AuthError, InteractionRequiredAuthError, ServerError, type Configuration } from '@azure/msal-node';
import {
  OnBehalfOfTokenProvider,
  PARTNER_CENTER_USER_SCOPE,
  type OnBehalfOfTokenSource,
} from '../../services/partnerCenter/auth/OnBehalfOfTokenProvider';
import type { PartnerCenterTokenProvider } from '../../services/partnerCenter/auth/PartnerCenterTokenProvider';
import {
  MsalAppTokenProvider,
  PARTNER_CENTER_SCOPE,
  type ClientCredentialTokenSource,
} from '../../services/partnerCenter/auth/MsalAppTokenProvider';
import { sharedMsalAppTokenProvider } from '../../services/partnerCenter/auth/sharedMsalAppTokenProvider';
import { SignInRequiredError } from '../../services/partnerCenter/auth/SignInRequiredError';
import type { UserAssertionSource } from '../../services/partnerCenter/auth/UserAssertionSource';
import { createPartnerCenterClient } from '../../services/partnerCenter/createPartnerCenterClient';
import { PartnerCenterTransport } from '../../services/partnerCenter/http/PartnerCenterTransport';
import type { PartnerCenterCallContext } from '../../services/partnerCenter/PartnerCenterCallContext';
import type { PartnerCenterSettings } from '../../services/partnerCenter/PartnerCenterSettings';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { startScriptedServer, type ScriptedServer } from './support/scriptedServer';

type User = NonNullable<PartnerCenterCallContext['user']>;

const registration = {
  tenantId: 'tenant-1',
  clientId: 'bot-app',
  clientSecret: 'bot-s3cret',
  authorityHost: 'https://login.microsoftonline.com',
};
const ASSERTION = 'eyJhbGciOiJSUzI1NiJ9.assertion-of-alex.signature';
const alex: User = { id: 'aad-alex', name: 'Alex', signIn: { channelId: 'msteams', channelUserId: '29:alex' } };
const ctxOf = (user?: User): PartnerCenterCallContext => ({ correlationId: randomUUID(), user });

/** A token service holding one assertion per signed-in channel user; it records who was asked for. */
function assertionsFor(byChannelUser: Record<string, string>): UserAssertionSource & { asked: User[] } {
  const asked: User[] = [];
  return {
    asked,
    assertionFor: async (user) => {
      asked.push(user);
      return user.signIn ? byChannelUser[user.signIn.channelUserId] : undefined;
    },
  };
}

/** A fake MSAL client: `exchange` decides the answer; every configuration and request is recorded. */
function fakeMsal(exchange: OnBehalfOfTokenSource['acquireTokenOnBehalfOf']) {
  const configs: Configuration[] = [];
  const requests: { oboAssertion: string; scopes: string[] }[] = [];
  const createClient = jest.fn((config: Configuration): OnBehalfOfTokenSource => {
    configs.push(config);
    return {
      acquireTokenOnBehalfOf: (request) => {
        requests.push(request);
        return exchange(request);
      },
    };
  });
  return { createClient, configs, requests };
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error('expected the promise to reject with an Error');
  return error;
}

describe('OnBehalfOfTokenProvider', () => {
  it("exchanges the person's assertion for a Partner Center user_impersonation token with one MSAL client", async () => {
    const msal = fakeMsal(async (request) => ({ accessToken: `pc-token-for:${request.oboAssertion}` }));
    const assertions = assertionsFor({ '29:alex': ASSERTION, '29:megan': 'assertion-of-megan' });
    const provider = new OnBehalfOfTokenProvider(registration, assertions, msal.createClient);
    const megan: User = { id: 'aad-megan', signIn: { channelId: 'msteams', channelUserId: '29:megan' } };

    expect(await provider.getToken(ctxOf(alex))).toBe(`pc-token-for:${ASSERTION}`);
    expect(await provider.getToken(ctxOf(megan))).toBe('pc-token-for:assertion-of-megan');
    expect(await provider.getToken(ctxOf(alex))).toBe(`pc-token-for:${ASSERTION}`);

    expect(msal.createClient).toHaveBeenCalledTimes(1);
    expect(msal.configs[0]?.auth).toEqual({
      clientId: 'bot-app',
      authority: 'https://login.microsoftonline.com/tenant-1',
      clientSecret: 'bot-s3cret',
    });
    expect(msal.requests).toEqual([
      { oboAssertion: ASSERTION, scopes: [PARTNER_CENTER_USER_SCOPE] },
      { oboAssertion: 'assertion-of-megan', scopes: [PARTNER_CENTER_USER_SCOPE] },
      { oboAssertion: ASSERTION, scopes: [PARTNER_CENTER_USER_SCOPE] },
    ]);
    expect(PARTNER_CENTER_USER_SCOPE).toBe('https://api.partnercenter.microsoft.com/user_impersonation');
    expect(assertions.asked[0]).toEqual(alex);
    expect(provider.isLocal).toBe(false);
  });

  it('asks a person without a sign-in to sign in, without calling MSAL', async () => {
    const msal = fakeMsal(async () => ({ accessToken: 'never' }));
    const provider = new OnBehalfOfTokenProvider(registration, assertionsFor({}), msal.createClient);

    const error = await failureOf(provider.getToken(ctxOf(alex)));

    expect(error).toBeInstanceOf(SignInRequiredError);
    expect((error as SignInRequiredError).reason).toBe('not-signed-in');
    expect(msal.requests).toHaveLength(0);
  });

  it('treats a call without a person as a bug, not as a missing sign-in', async () => {
    const assertions = assertionsFor({ '29:alex': ASSERTION });
    const provider = new OnBehalfOfTokenProvider(registration, assertions, fakeMsal(async () => null).createClient);

    const error = await failureOf(provider.getToken(ctxOf(undefined)));

    expect(error).not.toBeInstanceOf(SignInRequiredError);
    expect(error.message).toMatch(/need the person acting/);
    expect(assertions.asked).toHaveLength(0);
  });

  const signInAgain: [string, () => Error][] = [
    [
      'InteractionRequiredAuthError',
      () => new InteractionRequiredAuthError('login_required', 'corr', `AADSTS50058 for ${ASSERTION}`),
    ],
    [
      'invalid_grant',
      () => new ServerError('invalid_grant', 'corr-1', `AADSTS500133: Assertion ${ASSERTION} is expired`),
    ],
    ['interaction_required', () => new ServerError('interaction_required', 'corr-1', `AADSTS50079 ${ASSERTION}`)],
    ['consent_required', () => new AuthError('consent_required', 'corr-1', `AADSTS65001 consent ${ASSERTION}`)],
  ];

  it.each(signInAgain)('maps MSAL %s to consent-required, keeping only the error code', async (_name, make) => {
    const thrown = make();
    const provider = new OnBehalfOfTokenProvider(
      registration,
      assertionsFor({ '29:alex': ASSERTION }),
      fakeMsal(async () => {
        throw thrown;
      }).createClient,
    );

    const error = await failureOf(provider.getToken(ctxOf(alex)));

    expect(error).toBeInstanceOf(SignInRequiredError);
    expect((error as SignInRequiredError).reason).toBe('consent-required');
    expect(error.message).toContain((thrown as AuthError).errorCode);
    expect(error.message).not.toContain('AADSTS');
    expect(error.message).not.toContain(ASSERTION);
  });

  it('reports any other MSAL failure by its error code alone, never the assertion, secret or MSAL message', async () => {
    const provider = new OnBehalfOfTokenProvider(
      registration,
      assertionsFor({ '29:alex': ASSERTION }),
      fakeMsal(async () => {
        throw new ServerError(
          'invalid_client',
          'corr-1',
          `AADSTS7000215: Invalid client secret bot-s3cret for ${ASSERTION}`,
        );
      }).createClient,
    );

    const error = await failureOf(provider.getToken(ctxOf(alex)));

    expect(error).not.toBeInstanceOf(SignInRequiredError);
    expect(error.message).toContain('invalid_client');
    expect(error.message).not.toContain('AADSTS');
    expect(error.message).not.toContain('bot-s3cret');
    expect(error.message).not.toContain('eyJ');
  });

  it("hides the sign-in service's own failure message, which might hold a token", async () => {
    const assertions: UserAssertionSource = {
      assertionFor: async () => {
        throw new Error(`token service said: Bearer ${ASSERTION}`);
      },
    };
    const provider = new OnBehalfOfTokenProvider(registration, assertions, fakeMsal(async () => null).createClient);

    const error = await failureOf(provider.getToken(ctxOf(alex)));

    expect(error).not.toBeInstanceOf(SignInRequiredError);
    expect(error.message).not.toContain('eyJ');
  });

  it('fails when MSAL returns no token', async () => {
    const provider = new OnBehalfOfTokenProvider(
      registration,
      assertionsFor({ '29:alex': ASSERTION }),
      fakeMsal(async () => null).createClient,
    );

    await expect(provider.getToken(ctxOf(alex))).rejects.toThrow(/no Partner Center user token/);
  });
});

describe('the MSAL helpers shared by app-only and on-behalf-of tokens', () => {
  const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

  it('builds the same certificate configuration for the on-behalf-of client as for app-only tokens', () => {
    const certificate = { privateKeyPem: 'PEM', thumbprintSha256: 'ABCD' };
    const obo = fakeMsal(async () => null);
    new OnBehalfOfTokenProvider(
      { tenantId: 'gov', clientId: 'bot-app', authorityHost: 'https://login.microsoftonline.us/', certificate },
      assertionsFor({}),
      obo.createClient,
    );

    expect(obo.configs[0]?.auth).toEqual({
      clientId: 'bot-app',
      authority: 'https://login.microsoftonline.us/gov',
      clientCertificate: { thumbprintSha256: 'ABCD', privateKey: 'PEM' },
    });
    expect(
      () =>
        new OnBehalfOfTokenProvider(
          { tenantId: 't', clientId: 'a', authorityHost: 'https://login.microsoftonline.com' },
          assertionsFor({}),
          obo.createClient,
        ),
    ).toThrow(/secret or a certificate/);
  });

  it('fetches an app-only Microsoft Graph token when given the Graph scope, Partner Center by default', async () => {
    const requests: { scopes: string[] }[] = [];
    const createClient = (): ClientCredentialTokenSource => ({
      acquireTokenByClientCredential: async (request) => {
        requests.push(request);
        return { accessToken: `token-for:${request.scopes.join(' ')}` };
      },
    });
    const graph = new MsalAppTokenProvider({ ...registration, scope: GRAPH_SCOPE }, createClient);
    const partnerCenter = new MsalAppTokenProvider(registration, createClient);

    expect(await graph.getToken(ctxOf())).toBe(`token-for:${GRAPH_SCOPE}`);
    expect(await partnerCenter.getToken(ctxOf())).toBe(`token-for:${PARTNER_CENTER_SCOPE}`);
    expect(requests).toEqual([{ scopes: [GRAPH_SCOPE] }, { scopes: [PARTNER_CENTER_SCOPE] }]);
  });

  it('names the scope, never the secret, when an app-only Graph token is refused', async () => {
    const graph = new MsalAppTokenProvider({ ...registration, scope: GRAPH_SCOPE }, () => ({
      acquireTokenByClientCredential: async () => {
        throw new ServerError('invalid_client', 'corr-1', 'AADSTS7000215: Invalid client secret bot-s3cret');
      },
    }));

    const error = await failureOf(graph.getToken(ctxOf()));

    expect(error.message).toContain(GRAPH_SCOPE);
    expect(error.message).toContain('invalid_client');
    expect(error.message).not.toContain('bot-s3cret');
  });

  it('shares one app-only provider per registration and scope', () => {
    const options = { ...registration, clientId: 'shared-scope-app' };
    const partnerCenter = sharedMsalAppTokenProvider(options);
    const graph = sharedMsalAppTokenProvider({ ...options, scope: GRAPH_SCOPE });

    expect(graph).not.toBe(partnerCenter);
    expect(sharedMsalAppTokenProvider({ ...options, scope: GRAPH_SCOPE })).toBe(graph);
    expect(sharedMsalAppTokenProvider({ ...options, scope: PARTNER_CENTER_SCOPE })).toBe(partnerCenter);
  });
});

describe('the transport with a sign-in required', () => {
  let server: ScriptedServer;

  beforeAll(async () => {
    server = await startScriptedServer();
  });
  afterAll(() => server.close());

  it('passes SignInRequiredError through unchanged and sends nothing, not even a retry', async () => {
    const signIn = new SignInRequiredError('not-signed-in');
    const getToken = jest.fn(async (): Promise<string> => {
      throw signIn;
    });
    const tokenProvider: PartnerCenterTokenProvider = { isLocal: false, getToken };
    const sleep = jest.fn(async () => undefined);
    const transport = new PartnerCenterTransport({
      baseUrl: server.url,
      tokenProvider,
      applicationName: 'obo-tests',
      timeoutMs: 2_000,
      maxRetries: 3,
      retryDeadlineMs: 10_000,
      maxRetryAfterSeconds: 1,
      sleep,
    });
    const before = server.requests.length;

    const error = await failureOf(
      transport.send(ctxOf(alex), {
        operation: 'listInvoiceSummaries',
        method: 'GET',
        target: '/v1/invoices/summaries',
      }),
    );

    expect(error).toBe(signIn);
    expect(server.requests.length - before).toBe(0);
    expect(getToken).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('still wraps any other token failure as TokenAcquisitionFailed', async () => {
    const tokenProvider: PartnerCenterTokenProvider = {
      isLocal: false,
      getToken: async () => {
        throw new Error('Microsoft Entra ID refused a Partner Center user token (invalid_client)');
      },
    };
    const transport = new PartnerCenterTransport({
      baseUrl: server.url,
      tokenProvider,
      applicationName: 'obo-tests',
      timeoutMs: 2_000,
      maxRetries: 0,
      retryDeadlineMs: 10_000,
      maxRetryAfterSeconds: 1,
    });

    const error = await failureOf(
      transport.send(ctxOf(alex), { operation: 'getBalance', method: 'GET', target: '/v1/invoices/summary' }),
    );

    expect(error).not.toBeInstanceOf(SignInRequiredError);
    expect((error as { code?: unknown }).code).toBe('TokenAcquisitionFailed');
  });
});

interface JournalEntry {
  path: string;
  correlationId: string;
  status: number | string | null;
  tokenKind: string;
  user?: string;
}

describe('live App+User client against the simulator', () => {
  let simulator: RunningSimulator;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, orderListDelaySeconds: 0, orderCompletionSeconds: 0 });
  });
  afterAll(() => simulator.close());

  function liveSettings(): PartnerCenterSettings {
    return {
      baseUrl: simulator.url,
      mode: 'live',
      auth: 'app+user',
      applicationName: 'obo-simulator-tests',
      timeoutMs: 5_000,
      maxRetries: 1,
      retryDeadlineMs: 10_000,
      maxRetryAfterSeconds: 1,
      msal: registration,
    };
  }

  /** Stands in for Entra ID: each known assertion becomes the simulator's App+User token for its owner. */
  function simulatedEntra() {
    const owners: Record<string, string> = { [ASSERTION]: 'Alex' };
    return fakeMsal(async (request) => {
      const owner = owners[request.oboAssertion];
      if (!owner)
        throw new ServerError('invalid_grant', 'corr-1', 'AADSTS50013: Assertion failed signature validation');
      return { accessToken: `user:${owner}` };
    });
  }

  async function journalOf(correlationId: string): Promise<JournalEntry[]> {
    const response = await fetch(`${simulator.url}/_simulator/requests`, { signal: AbortSignal.timeout(5_000) });
    const { items } = (await response.json()) as { items: JournalEntry[] };
    return items.filter((entry) => entry.correlationId === correlationId);
  }

  it('makes App+User-only calls as the signed-in person with the exchanged token', async () => {
    const entra = simulatedEntra();
    const client = createPartnerCenterClient(liveSettings(), {
      assertions: assertionsFor({ '29:alex': ASSERTION }),
      onBehalfOfClient: entra.createClient,
    });
    const ctx = ctxOf(alex);

    const summaries = await client.listInvoiceSummaries(ctx);
    const [customer] = (await client.listCustomers(ctx, { size: 1 })).items;
    const entitlements = await client.listEntitlements(ctx, { customerId: customer!.id });

    expect(summaries.length).toBeGreaterThan(0);
    expect(Array.isArray(entitlements)).toBe(true);
    const calls = await journalOf(ctx.correlationId);
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      expect(call).toMatchObject({ status: 200, tokenKind: 'user', user: 'Alex' });
    }
    expect(entra.createClient).toHaveBeenCalledTimes(1);
    expect(entra.requests.every((r) => r.scopes[0] === PARTNER_CENTER_USER_SCOPE)).toBe(true);
  });

  it('asks a person who has not signed in to sign in, and Partner Center sees no request', async () => {
    const client = createPartnerCenterClient(liveSettings(), {
      assertions: assertionsFor({}),
      onBehalfOfClient: simulatedEntra().createClient,
    });
    const ctx = ctxOf(alex);

    const error = await failureOf(client.listInvoiceSummaries(ctx));

    expect(error).toBeInstanceOf(SignInRequiredError);
    expect((error as SignInRequiredError).reason).toBe('not-signed-in');
    expect(await journalOf(ctx.correlationId)).toHaveLength(0);
  });

  it('refuses to build a live App+User client without an assertion source', () => {
    expect(() =>
      createPartnerCenterClient(liveSettings(), { onBehalfOfClient: simulatedEntra().createClient }),
    ).toThrow(/extras\.assertions/);
  });
});
