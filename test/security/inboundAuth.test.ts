import { ActivityHandler, ConversationState, MemoryStorage } from 'botbuilder';
import { loadConfig } from '../../bot/config';
import type { Logger } from '../../bot/logger';
import { RunningBotServer, startBotServer } from '../../bot/server';
import { inboundActivity, TestChannel } from '../support/testChannel';
import { NoOutboundTokenCredentials } from './support/noOutboundTokenCredentials';
import { ChannelTokenIssuer, TokenParts } from './support/channelTokenIssuer';

const APP_ID = '11111111-1111-1111-1111-111111111111';
const TENANT_ID = '22222222-2222-2222-2222-222222222222';

describe('inbound authentication against a local OpenID stub', () => {
  const channel = new TestChannel();
  const issuer = new ChannelTokenIssuer();
  const logLines: string[] = [];
  const logger: Logger = {
    info: (m) => logLines.push(m),
    warn: (m, f) => logLines.push(`${m} ${JSON.stringify(f)}`),
    error: (m, f) => logLines.push(`${m} ${JSON.stringify(f)}`),
  };
  let server: RunningBotServer;
  let handled = 0;

  beforeAll(async () => {
    // The SDK prints every rejected token to the console; the reasons are asserted through the logger instead.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await Promise.all([channel.start(), issuer.start()]);
    const config = loadConfig({
      BOT_HOST: '127.0.0.1',
      PORT: '0',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'bot-app-secret',
      MicrosoftAppTenantId: TENANT_ID,
    });
    const bot = new ActivityHandler();
    bot.onMessage(async (context, next) => {
      handled += 1;
      await context.sendActivity(`pong: ${context.activity.text}`);
      await next();
    });
    server = await startBotServer({
      config,
      bot,
      conversationState: new ConversationState(new MemoryStorage()),
      logger,
      version: '1',
      auth: {
        toBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl,
        toBotFromChannelTokenIssuer: issuer.issuer,
        credentialsFactory: new NoOutboundTokenCredentials(APP_ID, 'bot-app-secret', TENANT_ID),
      },
    });
  });

  afterAll(async () => {
    await server.close();
    await Promise.all([channel.stop(), issuer.stop()]);
    jest.restoreAllMocks();
  });

  const now = (): number => Math.floor(Date.now() / 1000);
  const validClaims = (): Record<string, unknown> => ({
    iss: issuer.issuer,
    aud: APP_ID,
    serviceurl: channel.serviceUrl,
    nbf: now() - 60,
    iat: now() - 60,
    exp: now() + 3600,
  });
  const withClaims = (changes: Record<string, unknown>): TokenParts => ({ claims: { ...validClaims(), ...changes } });

  async function send(
    authorization: string | undefined,
    fields: { conversationId: string; channelId?: string },
  ): Promise<Response> {
    const activity = inboundActivity(channel, { text: 'buy', ...fields });
    return fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(activity),
    });
  }

  // Tolerance is five minutes either side, so "expired" and "not yet valid" lie well beyond it.
  const badTokens: [string, () => string | undefined, string?][] = [
    ['no Authorization header', () => undefined],
    ['a token that is not a JWT', () => 'Bearer not-a-jwt'],
    ['a JWT with a garbled payload', () => 'Bearer eyJhbGciOiJSUzI1NiJ9.!!!.abc'],
    ['a valid token under the Basic scheme', () => `Basic ${issuer.token(withClaims({}))}`],
    ['an expired token', () => `Bearer ${issuer.token(withClaims({ exp: now() - 3600, nbf: now() - 7200 }))}`],
    ['a token not valid yet', () => `Bearer ${issuer.token(withClaims({ nbf: now() + 3600 }))}`],
    ['a token from another issuer', () => `Bearer ${issuer.token(withClaims({ iss: 'https://evil.example' }))}`],
    ['a token for another bot', () => `Bearer ${issuer.token(withClaims({ aud: 'another-bot-app-id' }))}`],
    ['a token without an audience', () => `Bearer ${issuer.token(withClaims({ aud: undefined }))}`],
    [
      'a token signed with an unknown key id',
      () => `Bearer ${issuer.token({ ...withClaims({}), header: { kid: 'somebody-elses-key' } })}`,
    ],
    [
      'a token signed by another key under the published key id',
      () => `Bearer ${issuer.token({ ...withClaims({}), signWith: 'unpublished' })}`,
    ],
    ['an unsigned token (alg none)', () => `Bearer ${issuer.token({ ...withClaims({}), header: { alg: 'none' } })}`],
    [
      'an HS256 token keyed with the public key',
      () => `Bearer ${issuer.token({ ...withClaims({}), header: { alg: 'HS256' } })}`,
    ],
    [
      'a token whose serviceurl claim names another service',
      () => `Bearer ${issuer.token(withClaims({ serviceurl: 'https://smba.trafficmanager.net/evil/' }))}`,
    ],
    ['a token for a channel the key is not endorsed for', () => `Bearer ${issuer.token(withClaims({}))}`, 'webchat'],
  ];

  // Every row gets all three values: jest would take a missing third one for a `done` callback and wait forever.
  const rows = badTokens.map(
    ([name, authorization, channelId]) => [name, authorization, channelId ?? 'msteams'] as const,
  );

  it.each(rows)('answers 401 to %s and runs no handler', async (_name, authorization, channelId) => {
    const conversationId = `a:bad-${Math.random().toString(36).slice(2)}`;
    const callsBefore = channel.calls.length;
    const response = await send(authorization(), { conversationId, channelId });
    expect(response.status).toBe(401);
    // The caller learns nothing about why: no validator message, no key material.
    expect(await response.text()).not.toMatch(/jwt|signature|issuer|audience|endorse|key|appid|serviceurl/i);
    expect(handled).toBe(0);
    expect(channel.calls.length).toBe(callsBefore);
  });

  it('fetched the signing keys from the local stub, not from the Bot Framework', () => {
    expect(issuer.requests).toEqual(expect.arrayContaining(['/.well-known/openid-configuration', '/keys']));
  });

  it('logs why a request was refused without echoing the token', async () => {
    const token = issuer.token(withClaims({ aud: 'another-bot-app-id' }));
    await send(`Bearer ${token}`, { conversationId: 'a:bad-logged' });
    const line = logLines.filter((l) => l.startsWith('inbound request refused')).pop() ?? '';
    expect(line).toMatch(/Invalid AppId/);
    expect(logLines.join('\n')).not.toContain(token.split('.')[2]);
  });

  it('accepts a valid channel token, runs the handler once and replies', async () => {
    const response = await send(`Bearer ${issuer.token(withClaims({}))}`, { conversationId: 'a:good-1' });
    expect(response.status).toBe(200);
    expect(handled).toBe(1);
    const replies = channel.replies('a:good-1');
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toBe('pong: buy');
  });
});
