import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { loadConfig } from '../../bot/config';
import type { Logger } from '../../bot/logger';
import { RunningBotApp, startBotApp } from '../../bot/startBotApp';
import { CALLER_OBJECT_ID_HEADER } from '../../bot/statements/StatementService';
import { PARTNER_CENTER_USER_SCOPE } from '../../services/partnerCenter/auth/OnBehalfOfTokenProvider';
import { RunningSimulator, startSimulator } from '../../simulator/server';
import { buttonsOf } from '../support/dialogHarness';
import { clickToConfirmation } from '../support/e2eStack';
import { readAll, TeamsUser } from '../support/teamsUser';
import { TestChannel } from '../support/testChannel';
import { TokenServiceStub } from '../support/tokenServiceStub';
import { NoOutboundTokenCredentials } from '../security/support/noOutboundTokenCredentials';
import { ChannelTokenIssuer } from '../security/support/channelTokenIssuer';

const APP_ID = '11111111-1111-1111-1111-111111111111';
const TENANT_ID = '22222222-2222-2222-2222-222222222222';
const CONNECTION = 'PartnerCenter';
const ALEX = '00000000-0000-0000-0000-0000000000a1';
const BEA = '00000000-0000-0000-0000-0000000000b2';
const VIEWER = '00000000-0000-0000-0000-0000000000c3';
const GUS = '00000000-0000-0000-0000-0000000000d4';
const NIA = '00000000-0000-0000-0000-0000000000e5';
const BUYERS_GROUP = '99999999-9999-9999-9999-999999999999';
const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';

const logLines: string[] = [];
const capture: Logger = {
  info: (m, f) => logLines.push(`${m} ${JSON.stringify(f ?? {})}`),
  warn: (m, f) => logLines.push(`${m} ${JSON.stringify(f ?? {})}`),
  error: (m, f) => logLines.push(`${m} ${JSON.stringify(f ?? {})}`),
};

interface JournalEntry {
  method: string;
  path: string;
  tokenKind: string;
  user?: string;
}

describe('live App+User mode: sign-in through the token service, Partner Center called on behalf of the person', () => {
  const channel = new TestChannel();
  const issuer = new ChannelTokenIssuer();
  const tokenService = new TokenServiceStub(CONNECTION);
  const exchanges: { assertion: string; scopes: string[] }[] = [];
  let simulator: RunningSimulator;
  let bot: RunningBotApp;
  let dataDir: string;
  // Microsoft Graph's checkMemberGroups: Gus is in the buyers group (through a nested group, as far as the bot knows).
  const graphCalls: string[] = [];
  const graph = http.createServer((req, res) => {
    graphCalls.push(`${req.method} ${req.url} ${req.headers.authorization}`);
    const member = /\/users\/([^/]+)\/checkMemberGroups$/.exec(req.url ?? '')?.[1];
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ value: member === GUS ? [BUYERS_GROUP] : [] }));
  });

  beforeAll(async () => {
    await Promise.all([channel.start(), issuer.start(), tokenService.start()]);
    await new Promise<void>((resolve) => graph.listen(0, '127.0.0.1', resolve));
    simulator = await startSimulator({ port: 0, orderListDelaySeconds: 0, orderCompletionSeconds: 30 });
    dataDir = mkdtempSync(path.join(tmpdir(), 'bot-signin-'));
    const config = loadConfig({
      MODE: 'live',
      BOT_HOST: '127.0.0.1',
      PORT: '0',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'bot-app-secret',
      MicrosoftAppTenantId: TENANT_ID,
      PARTNER_CENTER_BASE_URL: simulator.url,
      PARTNER_CENTER_TENANT_ID: TENANT_ID,
      PARTNER_CENTER_CLIENT_ID: APP_ID,
      PARTNER_CENTER_CLIENT_SECRET: 'pc-app-secret',
      PARTNER_CENTER_AUTH: 'app+user',
      OAUTH_CONNECTION_NAME: CONNECTION,
      PUBLIC_BASE_URL: 'https://bot.contoso-partner.test',
      DOWNLOAD_LINK_SECRET: 'a'.repeat(40),
      // The deployment this test plays puts App Service Authentication in front of /downloads.
      DOWNLOADS_BEHIND_APP_SERVICE_AUTH: 'true',
      ALLOWED_TENANT_IDS: TENANT_ID,
      ALLOWED_SERVICE_URL_HOSTS: '127.0.0.1',
      PURCHASER_IDS: `${ALEX},${BEA}`,
      VIEWER_IDS: VIEWER,
      PURCHASER_GROUP_IDS: BUYERS_GROUP,
      DATA_DIR: dataDir,
    });
    bot = await startBotApp(config, capture, 'signin', {
      botFramework: {
        toBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl,
        toBotFromChannelTokenIssuer: issuer.issuer,
        oAuthUrl: tokenService.url,
        credentialsFactory: new NoOutboundTokenCredentials(APP_ID, 'bot-app-secret', TENANT_ID),
      },
      // Microsoft Entra ID's on-behalf-of exchange: the person's token becomes a Partner Center token for them.
      onBehalfOfClient: () => ({
        acquireTokenOnBehalfOf: async (request: { oboAssertion: string; scopes: string[] }) => {
          exchanges.push({ assertion: request.oboAssertion, scopes: request.scopes });
          return { accessToken: `user:${request.oboAssertion.replace(/^assertion-/, '')}` };
        },
      }),
      graph: {
        baseUrl: `http://127.0.0.1:${(graph.address() as AddressInfo).port}`,
        getToken: async () => 'graph-app-token',
      },
    });
  });

  afterAll(async () => {
    await bot.close();
    await simulator.close();
    await Promise.all([channel.stop(), issuer.stop(), tokenService.stop()]);
    await new Promise<void>((resolve) => graph.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A Teams user in the allowed tenant whose every request carries a valid channel token. */
  function teamsUser(name: string, objectId: string, conversationType = 'personal'): TeamsUser {
    const now = Math.floor(Date.now() / 1000);
    const userId = `29:${name}`;
    const conversationId = `a:signin-${name}-${conversationType}`;
    return new TeamsUser(bot.server.url, channel, conversationId, userId, {
      headers: () => ({
        authorization: `Bearer ${issuer.token({
          claims: {
            iss: issuer.issuer,
            aud: APP_ID,
            serviceurl: channel.serviceUrl,
            nbf: now - 60,
            iat: now - 60,
            exp: now + 3600,
          },
        })}`,
      }),
      fields: {
        from: { id: userId, name, aadObjectId: objectId },
        channelData: { tenant: { id: TENANT_ID } },
        conversation: {
          id: conversationId,
          conversationType,
          isGroup: conversationType !== 'personal',
          name: '',
          tenantId: TENANT_ID,
        },
      } as Partial<Activity>,
    });
  }

  const oauthCardIn = (replies: Partial<Activity>[]) =>
    replies.flatMap((r) => r.attachments ?? []).find((a) => a.contentType === OAUTH_CARD);

  async function journal(): Promise<JournalEntry[]> {
    const response = await fetch(`${simulator.url}/_simulator/requests`);
    return ((await response.json()) as { items: JournalEntry[] }).items;
  }

  it('asks an unsigned person to sign in, calls nothing, then answers the original question as them', async () => {
    const alex = teamsUser('Alex', ALEX);
    const before = (await journal()).length;

    const asked = await alex.say('balance');
    expect(oauthCardIn(asked)).toBeDefined();
    expect(JSON.stringify(oauthCardIn(asked)?.content)).toContain(CONNECTION);
    expect((await journal()).length).toBe(before);

    // The person signs in on the page; Teams hands the bot the code.
    tokenService.completeSignIn('29:Alex', 'assertion-Alex', '493817');
    const after = await alex.invoke('signin/verifyState', { state: '493817' });
    expect(after.status).toBe(200);
    const text = readAll(after.replies);
    expect(text).toContain("you're signed in");
    expect(text).toMatch(/balance/i);

    const calls = (await journal()).slice(before);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.tokenKind === 'user' && c.user === 'Alex')).toBe(true);
    expect(exchanges.at(-1)).toEqual({ assertion: 'assertion-Alex', scopes: [PARTNER_CENTER_USER_SCOPE] });
  });

  it('does not ask a signed-in person again, and asks again after "sign out"', async () => {
    const alex = teamsUser('Alex', ALEX);
    const invoices = await alex.say('invoices');
    expect(oauthCardIn(invoices)).toBeUndefined();
    expect(readAll(invoices)).toMatch(/invoice/i);

    const out = await alex.say('sign out');
    expect(readAll(out)).toContain('signed out');
    expect(tokenService.isSignedIn('29:Alex')).toBe(false);

    // A button of the invoice list, pressed after signing out: asked to sign in, nothing read from Partner Center.
    const beforeClick = (await journal()).length;
    const clicked = await alex.submit(alex.latestButtons()[0].data);
    expect(readAll(clicked)).toContain('Please sign in first');
    expect((await journal()).length).toBe(beforeClick);

    const again = await alex.say('balance');
    expect(oauthCardIn(again)).toBeDefined();
    // A sign-in that never completes: the next message ends the prompt and nothing happens in Partner Center.
    const before = (await journal()).length;
    const abandoned = await alex.say('hello');
    expect(readAll(abandoned)).toContain('not signed in');
    expect((await journal()).length).toBe(before);
  });

  it('signs in silently with Teams single sign-on; a repeated exchange is answered once', async () => {
    const bea = teamsUser('Bea', BEA);
    const asked = await bea.say('invoices');
    const card = oauthCardIn(asked)?.content as { tokenExchangeResource?: { uri?: string } } | undefined;
    expect(card?.tokenExchangeResource?.uri).toBe('api://botid-bot');

    tokenService.acceptSso('teams-sso-token-bea', 'assertion-Bea');
    const exchange = { id: 'exchange-1', connectionName: CONNECTION, token: 'teams-sso-token-bea' };
    const first = await bea.invoke('signin/tokenExchange', exchange);
    expect(first.status).toBe(200);
    expect(readAll(first.replies)).toMatch(/invoice/i);
    const repeated = await bea.invoke('signin/tokenExchange', exchange);
    expect(repeated.status).toBe(200);
    expect(repeated.replies).toEqual([]);
    expect(tokenService.isSignedIn('29:Bea')).toBe(true);
  });

  it('a Teams token the service cannot exchange gets 412, so Teams shows the sign-in card instead', async () => {
    const bea = teamsUser('Bea', BEA);
    const refused = await bea.invoke('signin/tokenExchange', {
      id: 'exchange-2',
      connectionName: CONNECTION,
      token: 'not-exchangeable',
    });
    expect(refused.status).toBe(412);
  });

  it('refuses a viewer who types "buy" without sending them through a sign-in', async () => {
    const viewer = teamsUser('Vic', VIEWER);
    const replies = await viewer.say('buy');
    expect(oauthCardIn(replies)).toBeUndefined();
    expect(readAll(replies)).toContain('buying needs the purchaser role');
  });

  it('lets a member of a purchaser group buy (after signing in) and refuses someone in no group', async () => {
    const gus = teamsUser('Gus', GUS);
    const asked = await gus.say('buy for Contoso Ltd');
    expect(oauthCardIn(asked)).toBeDefined();
    expect(
      graphCalls.some(
        (c) => c.includes(`/v1.0/users/${GUS}/checkMemberGroups`) && c.endsWith('Bearer graph-app-token'),
      ),
    ).toBe(true);

    const nia = teamsUser('Nia', NIA);
    const refused = await nia.say('buy for Contoso Ltd');
    expect(oauthCardIn(refused)).toBeUndefined();
    expect(readAll(refused)).toContain("You're not set up to use this bot");
  });

  it('a checkout whose sign-in lapsed waits for the person, then goes through once after they sign in again', async () => {
    const alex = teamsUser('Alex', ALEX);
    const started = await alex.say('buy for Contoso Ltd');
    expect(oauthCardIn(started)).toBeDefined();
    tokenService.completeSignIn('29:Alex', 'assertion-Alex', '220466');
    const signedIn = await alex.invoke('signin/verifyState', { state: '220466' });
    expect(readAll(signedIn.replies)).toContain('Customer: **Contoso Ltd**');
    await clickToConfirmation(alex);

    // The sign-in lapses between the confirmation and the click (revoked, or the refresh token expired).
    await fetch(
      `${tokenService.url}/api/usertoken/SignOut?userId=${encodeURIComponent('29:Alex')}&connectionName=${CONNECTION}&channelId=msteams`,
      { method: 'DELETE' },
    );
    const checkoutsBefore = (await journal()).filter((c) => /\/checkout$/i.test(c.path)).length;
    await alex.click('Place order');
    await alex.waitFor(/Waiting for you to sign in/);
    expect((await journal()).filter((c) => /\/checkout$/i.test(c.path)).length).toBe(checkoutsBefore);

    const prompt = await alex.say('sign in');
    expect(oauthCardIn(prompt)).toBeDefined();
    tokenService.completeSignIn('29:Alex', 'assertion-Alex', '771203');
    await alex.invoke('signin/verifyState', { state: '771203' });
    await alex.waitFor(/Order placed/);
    const checkouts = (await journal()).filter((c) => c.method === 'POST' && /\/checkout$/i.test(c.path));
    expect(checkouts.length - checkoutsBefore).toBe(1);
    expect(checkouts.at(-1)).toMatchObject({ tokenKind: 'user', user: 'Alex' });
  });

  it('a statement link from a group chat downloads the PDF as the person who asked, outside any turn', async () => {
    const alex = teamsUser('Alex', ALEX, 'groupChat');
    const list = await fetch(`${simulator.url}/v1/invoices?size=1`, { headers: { authorization: 'Bearer user:e2e' } });
    const [invoice] = ((await list.json()) as { items: { id: string }[] }).items;
    const replies = await alex.say(`statement ${invoice.id}`);
    expect(oauthCardIn(replies)).toBeUndefined();
    const link = /https:\/\/bot\.contoso-partner\.test(\/downloads\/statements\/[A-Za-z0-9_.-]+)/.exec(
      JSON.stringify(replies),
    )?.[1];
    expect(link).toBeDefined();

    const before = (await journal()).length;
    // App Service Authentication in front of /downloads names the signed-in caller.
    const pdf = await fetch(`${bot.server.url}${link}`, { headers: { [CALLER_OBJECT_ID_HEADER]: ALEX } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const fetched = (await journal()).slice(before);
    expect(fetched.some((c) => /\/documents\/statement$/i.test(c.path))).toBe(true);
    expect(fetched.every((c) => c.tokenKind === 'user' && c.user === 'Alex')).toBe(true);

    // Once Alex signs out, the same link cannot act for Alex any more.
    await alex.say('sign out');
    const afterSignOut = await fetch(`${bot.server.url}${link}`, { headers: { [CALLER_OBJECT_ID_HEADER]: ALEX } });
    expect(afterSignOut.status).toBe(403);
    expect(await afterSignOut.text()).toContain('not signed in to the bot any more');
  });

  it('a lookup asked at a purchase question signs the person in first, answers, then asks the question again', async () => {
    const bea = teamsUser('Bea', BEA, 'groupChat');
    expect(tokenService.isSignedIn('29:Bea')).toBe(true);
    expect(readAll(await bea.say('buy for Contoso Ltd'))).toContain('Customer: **Contoso Ltd**');
    await bea.click('Software subscriptions');
    await bea.say('sign out');
    expect(tokenService.isSignedIn('29:Bea')).toBe(false);

    const asked = await bea.say('balance');
    expect(oauthCardIn(asked)).toBeDefined();
    tokenService.completeSignIn('29:Bea', 'assertion-Bea', '640213');
    const after = readAll((await bea.invoke('signin/verifyState', { state: '640213' })).replies);
    expect(after).toContain('Carrying on with what you asked');
    expect(after).toContain('Your balance');
    expect(after).toContain('Visual Studio Professional Subscription');

    await bea.click('Visual Studio Professional Subscription');
    await bea.click('1 year');
    await bea.say('2');
    // In a group chat everyone sees the confirmation read-only; Bea's Teams refreshes it into her card with buttons.
    const placeOrder = buttonsOf(await bea.ownView(/Confirm your order/)).find((b) => b.title === 'Place order');
    await bea.submit(placeOrder?.data);
    await bea.waitFor(/Order placed/);
  });

  it("logs none of the people's tokens, the exchanged tokens or the secrets after all of the above", () => {
    expect(logLines.length).toBeGreaterThan(0);
    const log = logLines.join('\n');
    for (const secret of [
      'assertion-Alex',
      'assertion-Bea',
      'teams-sso-token-bea',
      'user:Alex',
      'graph-app-token',
      'bot-app-secret',
      'pc-app-secret',
      'a'.repeat(40),
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
