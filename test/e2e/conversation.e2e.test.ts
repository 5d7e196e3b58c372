import type { Activity } from 'botbuilder';
import { textFor } from '../../i18n/text';
import { act, type Step } from '../support/conversationSteps';
import { buttonsOf, cardOf, textOf } from '../support/dialogHarness';
import { E2eStack, startE2eStack } from '../support/e2eStack';
import { customerAndSubscription } from '../support/purchaseFlows';
import { readAll, TeamsUser } from '../support/teamsUser';
import { inboundActivity } from '../support/testChannel';

const HELP_TEXT = textFor('en-US')('help.text');

const SOFTWARE: Step[] = [
  { say: 'buy for Contoso Ltd' },
  { click: 'Software subscriptions' },
  { click: 'Visual Studio Professional Subscription' },
  { click: '1 year' },
  { say: '2' },
  { click: 'Place order' },
];

const reservation = (subscriptionId: string): Step[] => [
  { say: 'buy for Contoso Ltd' },
  { click: 'Azure reserved VM instances' },
  { say: subscriptionId },
  { click: 'Reserved VM Instance, Dv5 Series' },
  { click: 'Standard_D2s_v5 (24)' },
  { click: 'US East (2)' },
  { click: '1 Year' },
  { say: '2' },
  { click: 'Shared' },
  { click: 'Place order' },
];

let conversations = 0;
/** A fresh personal chat with the real bot. */
function newUser(stack: E2eStack): TeamsUser {
  conversations += 1;
  return new TeamsUser(stack.bot.server.url, stack.channel, `a:conversation-e2e-${conversations}`);
}

describe('the conversation over HTTP: Teams test channel → real bot → Partner Center simulator', () => {
  let stack: E2eStack;
  let subscriptionId: string;
  beforeAll(async () => {
    stack = await startE2eStack({ orderListDelaySeconds: 60, orderCompletionSeconds: 30 });
    subscriptionId = (await customerAndSubscription(stack.simulator.url, 'Contoso Ltd')).subscriptionId;
  });
  afterAll(() => stack.close());

  /** What the bot posted (new messages) and updated (cards changed in place) in a conversation since `from`. */
  function callsSince(user: TeamsUser, from: number): { posted: Partial<Activity>[]; updated: Partial<Activity>[] } {
    const calls = stack.channel.calls
      .slice(from)
      .filter((c) => c.conversationId === user.conversationId && c.activity?.type !== 'typing');
    return {
      posted: calls.filter((c) => c.method === 'POST').map((c) => c.activity ?? {}),
      updated: calls.filter((c) => c.method === 'PUT').map((c) => c.activity ?? {}),
    };
  }

  describe('a lookup at every kind of question is answered, the question comes back, and the purchase finishes', () => {
    const QUESTIONS: [string, (subscriptionId: string) => Step[], number, string][] = [
      ['the category pick', () => SOFTWARE, 1, 'What would you like to buy for Contoso Ltd?'],
      ['the product pick', () => SOFTWARE, 2, 'Visual Studio Enterprise Subscription'],
      ['the SKU pick', () => SOFTWARE, 3, 'Visual Studio Professional Subscription - 3 years'],
      ['the quantity', () => SOFTWARE, 4, 'How many? (1–1000)'],
      ['the Azure subscription id', reservation, 2, 'Which Azure subscription is the reservation for?'],
      ['the reservation scope', reservation, 8, 'Which scope should the reservation have?'],
      ['the confirmation card', () => SOFTWARE, 5, 'still waiting on the confirmation card above'],
    ];
    const LOOKUPS: [string, string][] = [
      ['balance', 'Your balance'],
      ['orders for Contoso Ltd', 'Orders for Contoso Ltd'],
    ];
    const cases = QUESTIONS.flatMap(([question, steps, before, askedAgain]) =>
      LOOKUPS.map(([typed, answered]) => [question, typed, steps, before, askedAgain, answered] as const),
    );

    it.each(cases)('at %s, "%s"', async (_question, typed, steps, before, askedAgain, answered) => {
      const user = newUser(stack);
      const purchase = steps(subscriptionId);
      for (const step of purchase.slice(0, before)) await act(user, step);
      const replies = readAll(await user.say(typed));
      expect(replies).toContain(answered);
      expect(replies).toContain(askedAgain);
      for (const step of purchase.slice(before)) await act(user, step);
      await user.waitFor(/Order placed/);
    });
  });

  it('with the confirmation card open, a lookup and an Open button, then Place order on that card places the order', async () => {
    const user = newUser(stack);
    for (const step of SOFTWARE.slice(0, 5)) await act(user, step);
    const placeOrder = user.findButton('Place order');
    expect(readAll(await user.say('orders for Contoso Ltd'))).toContain('still waiting on the confirmation card above');
    expect(readAll(await user.click('Open'))).toContain('still waiting on the confirmation card above');
    await user.submit(placeOrder.data);
    expect(await user.waitFor(/Order placed/)).toContain('Contoso Ltd');
  });

  it.each<[string, number, Step, number, number]>([
    // [how, steps before, the cancel, messages posted, cards updated]
    ['the Cancel button of the confirmation card', 5, { click: 'Cancel' }, 0, 1],
    ['typing cancel at the quantity', 4, { say: 'cancel' }, 1, 0],
  ])('cancel is one message: %s', async (_how, before, cancel, posted, updated) => {
    const user = newUser(stack);
    for (const step of SOFTWARE.slice(0, before)) await act(user, step);
    const from = stack.channel.calls.length;
    await act(user, cancel);
    const calls = callsSince(user, from);
    expect(calls.posted).toHaveLength(posted);
    expect(calls.updated).toHaveLength(updated);
    expect([...calls.posted, ...calls.updated].map(textOf).join('\n')).toMatch(/nothing was bought/i);
  });

  describe('one welcome per install', () => {
    /** What Teams (and Agents Playground) send when the app is installed in a personal chat: two announcements. */
    function announcements(user: TeamsUser, action = 'add'): Partial<Activity>[] {
      const fields = { conversationId: user.conversationId, userId: user.userId };
      return [
        inboundActivity(stack.channel, { ...fields, type: 'installationUpdate', action }),
        ...(action === 'add'
          ? [
              inboundActivity(stack.channel, {
                ...fields,
                type: 'conversationUpdate',
                membersAdded: [
                  { id: user.userId, name: 'Alex Wilber' },
                  { id: '28:bot', name: 'Purchase bot' },
                ],
              }),
            ]
          : []),
      ];
    }
    const post = (activity: Partial<Activity>) =>
      fetch(`${stack.bot.server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
    const welcomes = (user: TeamsUser) =>
      stack.channel.replies(user.conversationId).filter((a) => textOf(a).includes('Buy something'));

    it.each([['one after the other'], ['at the same moment']])(
      'installationUpdate and conversationUpdate %s: one card, and both of its buttons work',
      async (when) => {
        const user = newUser(stack);
        const [install, membersAdded] = announcements(user);
        if (when === 'at the same moment') await Promise.all([post(install), post(membersAdded)]);
        else for (const activity of [install, membersAdded]) await post(activity);
        expect(welcomes(user)).toHaveLength(1);
        expect(readAll(await user.click('Help'))).toContain(HELP_TEXT);
        expect(readAll(await user.click('Buy something'))).toContain('Which customer is this for?');
      },
    );

    it('the welcome card keeps working after hundreds of later buttons', async () => {
      const user = newUser(stack);
      for (const activity of announcements(user)) await post(activity);
      const welcome = cardOf(welcomes(user)[0]);
      // Each invoice list registers ten Open buttons and a More: 220 buttons, more than the registry keeps.
      for (let page = 0; page < 20; page += 1) await user.say('invoices');
      const help = buttonsOf(welcome).find((b) => b.title === 'Help');
      expect(readAll(await user.submit(help?.data))).toContain(HELP_TEXT);
    });

    it('uninstalled and installed again: greeted once more', async () => {
      const user = newUser(stack);
      for (const activity of announcements(user)) await post(activity);
      for (const activity of announcements(user, 'remove')) await post(activity);
      for (const activity of announcements(user)) await post(activity);
      expect(welcomes(user)).toHaveLength(2);
    });
  });
});
