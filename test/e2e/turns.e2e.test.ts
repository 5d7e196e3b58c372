import { textOf } from '../support/dialogHarness';
import { E2eStack, startE2eStack } from '../support/e2eStack';
import { readAll, TeamsUser } from '../support/teamsUser';

describe('turns Teams can live with, over HTTP', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack({ orderListDelaySeconds: 60, orderCompletionSeconds: 30 }, { SLOW_TURN_SECONDS: '1' });
  });
  afterAll(() => stack.close());
  afterEach(async () => {
    await fetch(`${stack.simulator.url}/_simulator/faults`, { method: 'DELETE' });
  });

  it('a slow Partner Center answer: Teams gets its HTTP answer within the budget, the person a notice the answer then replaces', async () => {
    const conversationId = 'a:slow-customer-search';
    const user = new TeamsUser(stack.bot.server.url, stack.channel, conversationId);
    await stack.fault({ method: 'GET', path: '/v1/customers', delayMs: 6_000, count: 2 });
    const replies = await user.say('buy for Contoso Ltd');

    // Teams has its HTTP answer while the customer search still runs (a 6 s delay; the budget is 1 s): all the person
    // has seen by then is the notice.
    expect(readAll(replies)).toMatch(/taking a moment/);
    expect(readAll(replies)).not.toMatch(/Customer:/);
    await user.waitFor(/Customer: \*\*Contoso Ltd\*\*/, 20_000);
    const calls = stack.channel.calls.filter(
      (c) => c.conversationId === conversationId && c.activity?.type !== 'typing',
    );
    // One message: the notice, updated in place with the answer; the category card follows it.
    const notice = calls.find((c) => c.method === 'POST' && /taking a moment/.test(textOf(c.activity)));
    const update = calls.find((c) => c.method === 'PUT' && /Customer: \*\*Contoso Ltd\*\*/.test(textOf(c.activity)));
    expect(update?.activityId).toBe(notice?.activityId);
    expect(
      calls.filter((c) => c.method === 'POST' && /Customer: \*\*Contoso Ltd\*\*/.test(textOf(c.activity))),
    ).toEqual([]);
  });

  it('a throttled lookup (429 with Retry-After) carries on after Teams was answered, and its answer arrives', async () => {
    const conversationId = 'a:throttled-balance';
    const user = new TeamsUser(stack.bot.server.url, stack.channel, conversationId);
    await stack.fault({ method: 'GET', path: '/v1/customers', status: 429, retryAfterSeconds: 4, count: 1 });
    const replies = await user.say('buy for Contoso Ltd');
    expect(readAll(replies)).toMatch(/taking a moment/);
    expect(readAll(replies)).not.toMatch(/Customer:/);
    await user.waitFor(/Customer: \*\*Contoso Ltd\*\*/, 20_000);
  });
});
