import { textOf } from '../support/dialogHarness';
import { clickToConfirmation, E2eStack, startE2eStack } from '../support/e2eStack';
import { readAll, TeamsUser } from '../support/teamsUser';

const REQUESTER = '00000000-0000-0000-0000-0000000000a1';
const APPROVER = '00000000-0000-0000-0000-0000000000b2';
const VIEWER = '00000000-0000-0000-0000-0000000000c3';
const HOUR = 3_600_000;

/** Requester, approver and a viewer, each in their own personal chat with the bot. */
function people(stack: E2eStack, tag: string) {
  const person = (objectId: string, name: string, id: string) =>
    new TeamsUser(stack.bot.server.url, stack.channel, `a:${tag}-${id}`, `29:${id}`, {
      fields: { from: { id: `29:${id}`, name, aadObjectId: objectId } },
    });
  return {
    requester: person(REQUESTER, 'Alex Wilber', 'alex'),
    approver: person(APPROVER, 'Megan Bowen', 'megan'),
    viewer: person(VIEWER, 'Lee Gu', 'lee'),
  };
}

describe('purchases above the threshold need an approval, over HTTP with a requester and an approver', () => {
  let stack: E2eStack;
  let clockOffsetMs = 0;

  const env: Record<string, string> = {
    // The first software SKU costs $155 a unit in the simulator's sheet: any quantity above 6 is over $1,000.
    APPROVAL_THRESHOLDS: 'USD=1000',
    // Alex approves too, so the self-approval refusal is about the request, not the role.
    APPROVER_IDS: `${APPROVER},${REQUESTER}`,
    PURCHASER_IDS: REQUESTER,
    VIEWER_IDS: `${APPROVER},${VIEWER}`,
    APPROVAL_EXPIRY_HOURS: '24',
  };
  const seams = { now: () => Date.now() + clockOffsetMs };

  beforeAll(async () => {
    stack = await startE2eStack({ orderListDelaySeconds: 0, orderCompletionSeconds: 30 }, env, seams);
  });
  afterAll(() => stack.close());

  async function checkoutCalls(): Promise<number> {
    const response = await fetch(`${stack.simulator.url}/_simulator/requests`);
    const { items } = (await response.json()) as { items: { method: string; path: string }[] };
    return items.filter((e) => e.method === 'POST' && /\/checkout$/i.test(e.path)).length;
  }

  /** The audit trail as a purchaser reads it in chat (`audit 30`). */
  async function auditText(who: TeamsUser): Promise<string> {
    return readAll(await who.say('audit 30'));
  }

  /** Asks for an approval as the requester; returns the approver's Approve button data. */
  async function requestApproval(tag: string) {
    const who = people(stack, tag);
    // The approver has opened a chat with the bot once, so requests can reach them.
    await who.approver.say('help');
    await who.requester.say('buy for Contoso Ltd');
    await clickToConfirmation(who.requester);
    const card = await who.requester.waitFor(/Confirm your order/);
    expect(card).toContain('Request approval');
    expect(card).toMatch(
      /This order needs an approval: the estimated total is at or above the approval threshold of \$1,000\.00/,
    );
    const asked = readAll(await who.requester.click('Request approval'));
    expect(asked).toMatch(/Waiting for approval/);
    const approverCard = await who.approver.waitFor(/Approval requested/);
    expect(approverCard).toContain('Alex Wilber');
    expect(approverCard).toContain('Contoso Ltd');
    expect(approverCard).toMatch(/\d+ × \$155\.00 = \$[\d,]+\.00 \(estimate\)/);
    return { ...who, approve: who.approver.findButton('Approve').data };
  }

  it('approve → exactly one order, placed with the request, shown on the requester’s card; a second Approve buys nothing', async () => {
    const before = await checkoutCalls();
    const { requester, approver } = await requestApproval('approve');
    expect(await checkoutCalls()).toBe(before);

    expect(readAll(await approver.click('Approve'))).toMatch(/Approved\. The order for Contoso Ltd is being placed/);
    await requester.waitFor(/Order placed/);
    await stack.bot.checkouts.drain();
    expect(await checkoutCalls()).toBe(before + 1);

    // A second press (or another approver racing the first) finds the request decided.
    expect(readAll(await approver.submit(approver.findButton('Approve').data))).toMatch(
      /already approved by Megan Bowen/,
    );
    await stack.bot.checkouts.drain();
    expect(await checkoutCalls()).toBe(before + 1);
    expect(await approver.waitFor(/Approved by Megan Bowen/)).not.toMatch(/\bReject\b/);

    const audit = await auditText(requester);
    for (const step of ['approval requested', 'approved', 'checkout started', 'order placed']) {
      expect(audit).toContain(`**${step}**`);
    }
    // The checkout went out with the MS-RequestId chosen when the approval was requested.
    // Each entry's ids are on the line below it.
    const lines = audit.split('\n');
    const at = lines.findIndex((line) => line.includes('**approval requested**'));
    const requestId = /MS-RequestId ([0-9a-f-]{36})/.exec(lines[at + 1] ?? '')?.[1];
    expect(requestId).toBeDefined();
    const journal = await fetch(`${stack.simulator.url}/_simulator/requests`);
    const { items } = (await journal.json()) as { items: { method: string; path: string; requestId?: string }[] };
    const checkouts = items.filter((e) => e.method === 'POST' && /\/checkout$/i.test(e.path));
    expect(checkouts.at(-1)?.requestId).toBe(requestId);
  });

  it('reject → nothing bought, the requester is told on their card', async () => {
    const before = await checkoutCalls();
    const { requester, approver } = await requestApproval('reject');
    // Pressed in Teams as an Action.Execute (an adaptiveCard/action invoke on the approver's card).
    const approverCard = stack.channel.calls.find(
      (c) => c.conversationId === approver.conversationId && /Approval requested/.test(textOf(c.activity)),
    );
    const rejected = await approver.executeData(approverCard?.activityId ?? '', approver.findButton('Reject').data);
    expect(rejected.status).toBe(200);
    expect(JSON.stringify(rejected.body) + readAll(rejected.replies)).toMatch(/Rejected: nothing was bought/);
    await requester.waitFor(/Request rejected/);
    await stack.bot.checkouts.drain();
    expect(await checkoutCalls()).toBe(before);
  });

  it('the requester can’t approve their own request, and a viewer who is no approver can’t either', async () => {
    const before = await checkoutCalls();
    const { requester, viewer, approve } = await requestApproval('self');
    expect(readAll(await requester.submit(approve))).toMatch(/can't approve or reject your own request/);
    expect(readAll(await viewer.submit(approve))).toMatch(/Only the configured approvers/);
    await stack.bot.checkouts.drain();
    expect(await checkoutCalls()).toBe(before);
    const refusals = (await auditText(requester))
      .split('\n')
      .filter((line) => line.includes('**approval decision refused**'));
    expect(refusals.some((line) => line.includes(REQUESTER))).toBe(true);
    expect(refusals.some((line) => line.includes(VIEWER))).toBe(true);
  });

  it('an unanswered request expires: the expiry job tells both sides, and a late Approve buys nothing', async () => {
    const before = await checkoutCalls();
    const { requester, approver, approve } = await requestApproval('expiry');
    clockOffsetMs += 25 * HOUR;
    try {
      const desk = stack.bot.approvals;
      if (!desk) throw new Error('approvals are configured');
      for (const job of await desk.open()) await desk.step(job.id);
      await requester.waitFor(/Request expired/);
      await approver.waitFor(/Expired without a decision/);
      expect(readAll(await approver.submit(approve))).toMatch(/already expired/);
      await stack.bot.checkouts.drain();
      expect(await checkoutCalls()).toBe(before);
    } finally {
      clockOffsetMs -= 25 * HOUR;
    }
  });
});
