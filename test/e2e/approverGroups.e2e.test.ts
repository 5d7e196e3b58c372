import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '../../bot/config';
import { textOf } from '../support/dialogHarness';
import { clickToConfirmation, E2eStack, startE2eStack } from '../support/e2eStack';
import { readAll, TeamsUser } from '../support/teamsUser';

const REQUESTER = '00000000-0000-0000-0000-0000000000a1';
const MEMBER = '00000000-0000-0000-0000-0000000000b2';
const OUTSIDER = '00000000-0000-0000-0000-0000000000c3';
/** An approver by id who never opens a chat with the bot, so every card sent goes to a group member. */
const ABSENT_APPROVER = '00000000-0000-0000-0000-0000000000d4';
const APPROVERS_GROUP = 'bbbbbbbb-0000-0000-0000-000000000001';

/**
 * Approver groups need MODE=live (membership is read from Microsoft Graph), which this local stack can't run; the
 * configuration is loaded as usual and given the approver group that `loadConfig` reads from APPROVER_GROUP_IDS in live
 * mode, with answers never cached so that a Graph outage shows at once.
 */
jest.mock('../../bot/config', () => {
  const actual = jest.requireActual<typeof import('../../bot/config')>('../../bot/config');
  return {
    ...actual,
    loadConfig: (env: Record<string, string | undefined>): AppConfig => {
      const config = actual.loadConfig(env);
      if (!config.approvals) return config;
      return {
        ...config,
        approvals: {
          ...config.approvals,
          groups: { approverGroupIds: [APPROVERS_GROUP], graphBaseUrl: 'https://graph.microsoft.com', cacheSeconds: 0 },
        },
      };
    },
  };
});

describe('members of an approver group approve, over HTTP with Microsoft Graph stubbed', () => {
  let stack: E2eStack;
  // Microsoft Graph's checkMemberGroups (transitive): the requester and Megan are in the approvers group; `down`
  // answers 503 as during an outage.
  const members = new Set([REQUESTER, MEMBER]);
  let down = false;
  const graph = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (down) {
      res.statusCode = 503;
      res.end(JSON.stringify({ error: { code: 'ServiceUnavailable', message: 'down' } }));
      return;
    }
    const user = /\/users\/([^/]+)\/checkMemberGroups$/.exec(req.url ?? '')?.[1] ?? '';
    res.end(JSON.stringify({ value: members.has(user) ? [APPROVERS_GROUP] : [] }));
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => graph.listen(0, '127.0.0.1', resolve));
    stack = await startE2eStack(
      { orderListDelaySeconds: 0, orderCompletionSeconds: 30 },
      {
        // The first software SKU costs $155 a unit in the simulator's sheet: any quantity above 6 is over $1,000.
        APPROVAL_THRESHOLDS: 'USD=1000',
        APPROVER_IDS: ABSENT_APPROVER,
        PURCHASER_IDS: REQUESTER,
        VIEWER_IDS: `${MEMBER},${OUTSIDER}`,
      },
      {
        graph: {
          baseUrl: `http://127.0.0.1:${(graph.address() as AddressInfo).port}`,
          getToken: async () => 'graph-app-token',
        },
      },
    );
  });
  afterAll(async () => {
    await stack.close();
    await new Promise<void>((resolve) => graph.close(() => resolve()));
  });

  async function checkoutCalls(): Promise<number> {
    const response = await fetch(`${stack.simulator.url}/_simulator/requests`);
    const { items } = (await response.json()) as { items: { method: string; path: string }[] };
    return items.filter((e) => e.method === 'POST' && /\/checkout$/i.test(e.path)).length;
  }

  /** Everyone has opened a personal chat with the bot; the requester asks for an approval. */
  async function requestApproval(tag: string) {
    const person = (objectId: string, name: string, id: string) =>
      new TeamsUser(stack.bot.server.url, stack.channel, `a:${tag}-${id}`, `29:${id}`, {
        fields: { from: { id: `29:${id}`, name, aadObjectId: objectId } },
      });
    const requester = person(REQUESTER, 'Alex Wilber', 'alex');
    const member = person(MEMBER, 'Megan Bowen', 'megan');
    const outsider = person(OUTSIDER, 'Lee Gu', 'lee');
    for (const who of [member, outsider, requester]) await who.say('help');
    await requester.say('buy for Contoso Ltd');
    await clickToConfirmation(requester);
    await requester.waitFor(/Confirm your order/);
    expect(readAll(await requester.click('Request approval'))).toMatch(/Waiting for approval/);
    expect(await member.waitFor(/Approval requested/)).toContain('Alex Wilber');
    const cardsIn = (conversationId: string) =>
      stack.channel.calls.filter(
        (c) => c.conversationId === conversationId && /Approval requested/.test(textOf(c.activity)),
      ).length;
    // The requester is in the group too, but is never asked to approve their own request; a non-member isn't asked.
    expect(cardsIn(requester.conversationId)).toBe(0);
    expect(cardsIn(outsider.conversationId)).toBe(0);
    return { requester, member, outsider, approve: member.findButton('Approve').data };
  }

  it('a group member who opened a chat gets the card and approves: exactly one order', async () => {
    const before = await checkoutCalls();
    const { requester, member } = await requestApproval('approve');
    expect(readAll(await member.click('Approve'))).toMatch(/Approved\. The order for Contoso Ltd is being placed/);
    await requester.waitFor(/Order placed/);
    await stack.bot.checkouts.drain();
    expect(await checkoutCalls()).toBe(before + 1);
  });

  it('a non-member can’t decide, the requester in the group can’t approve their own, a Graph outage changes nothing', async () => {
    const before = await checkoutCalls();
    const { requester, member, outsider, approve } = await requestApproval('refused');
    expect(readAll(await outsider.submit(approve))).toMatch(/Only the configured approvers/);
    expect(readAll(await requester.submit(approve))).toMatch(/can't approve or reject your own request/);
    down = true;
    try {
      expect(readAll(await member.submit(approve))).toMatch(/couldn't check your group membership/);
      // Someone new writing during the outage (their approver status can't be read) still gets an answer.
      const newcomer = new TeamsUser(stack.bot.server.url, stack.channel, 'a:refused-lee2', '29:lee2', {
        fields: { from: { id: '29:lee2', name: 'Lee Gu', aadObjectId: OUTSIDER } },
      });
      expect(readAll(await newcomer.say('help')).length).toBeGreaterThan(0);
    } finally {
      down = false;
    }
    await stack.bot.checkouts.drain();
    expect(await checkoutCalls()).toBe(before);
    // Still pending: once Graph answers again, the member's approval goes through.
    expect(readAll(await member.submit(approve))).toMatch(/Approved\./);
    await requester.waitFor(/Order placed/);
    await stack.bot.checkouts.drain();
    expect(await checkoutCalls()).toBe(before + 1);
  });
});
