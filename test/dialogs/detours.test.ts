import { RunningSimulator, startSimulator } from '../../simulator/server';
import { act, type Step, walk } from '../support/conversationSteps';
import { allText, cardOf, DialogHarness, textOf } from '../support/dialogHarness';
import { simulatorHarness } from '../support/simulatorHarness';

/** From `buy for Contoso Ltd` to the confirmation card of two Visual Studio Professional subscriptions. */
const TO_CONFIRMATION: Step[] = [
  { say: 'buy for Contoso Ltd' },
  { click: 'Software subscriptions' },
  { click: 'Visual Studio Professional Subscription' },
  { click: '1 year' },
  { say: '2' },
];

/** The order result cards this harness's checkouts put in place of their confirmation cards. */
const placedOrders = (h: DialogHarness) => h.updates.filter((u) => textOf(u).includes('Order placed'));

describe('detours while a question waits', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, orderListDelaySeconds: 600, orderCompletionSeconds: 30 });
  });
  afterAll(() => simulator.close());
  afterEach(async () => {
    await fetch(`${simulator.url}/_simulator/reset`, { method: 'POST' });
  });

  describe('an open confirmation card still works after the person asks something else', () => {
    it.each<[string, Step[], Step]>([
      ['typed lookups', [{ say: 'balance' }, { say: 'orders for Contoso Ltd' }], { click: 'Place order' }],
      [
        'an Open button of an order list',
        [{ say: 'orders for Contoso Ltd' }, { click: 'Open' }],
        { click: 'Place order' },
      ],
      ['help, then typing "place order"', [{ say: 'help' }], { say: 'place order' }],
      ['a lookup of another customer', [{ say: 'orders for Fabrikam Inc' }], { click: 'Place order' }],
    ])('%s, then Place order places the order once', async (_label, detour, placeOrder) => {
      const h = simulatorHarness(simulator);
      await walk(h, TO_CONFIRMATION);
      const card = h.transcript.find((a) => textOf(a).includes('Confirm your order'));
      for (const step of detour) {
        const replies = allText(await act(h, step));
        expect(replies).not.toMatch(/Press \*\*Place order\*\*/);
      }
      expect(allText(h.transcript.slice(-1))).toContain('still waiting on the confirmation card above');
      await act(h, placeOrder);
      expect(placedOrders(h)).toHaveLength(1);
      expect(h.updates.at(-1)?.id).toBe(card?.id);
    });
  });

  describe('a new purchase at a question sets the earlier one aside', () => {
    it.each<[string, number]>([
      ['the category pick', 1],
      ['the quantity', 4],
      ['the confirmation card', 5],
    ])('at %s, "buy for Fabrikam Inc" starts the new purchase and says so', async (_question, before) => {
      const h = simulatorHarness(simulator);
      await walk(h, TO_CONFIRMATION.slice(0, before));
      const oldPlaceOrder = before === 5 ? h.findButton('Place order') : undefined;

      const replies = allText(await h.say('buy for Fabrikam Inc'));
      expect(replies).toContain('I set aside the purchase we were working on (nothing was bought)');
      expect(replies).toContain('Customer: **Fabrikam Inc**');
      expect(replies).toContain('What would you like to buy for Fabrikam Inc?');
      if (oldPlaceOrder) {
        expect(textOf(h.updates.at(-1))).toContain('Purchase set aside');
        expect(allText(await h.submit(oldPlaceOrder.data))).toMatch(/isn't active any more/);
      }
      await walk(h, TO_CONFIRMATION.slice(1));
      await h.click('Place order');
      expect(placedOrders(h)).toHaveLength(1);
      expect(textOf(placedOrders(h)[0])).toContain('Fabrikam Inc');
    });
  });

  describe('cancel answers with one message', () => {
    it.each<[string, number, Step, number, string | undefined]>([
      // [where, steps before, how, messages posted, what the confirmation card then says]
      ['the Cancel button of the confirmation card', 5, { click: 'Cancel' }, 0, 'Purchase cancelled'],
      ['typing cancel with the confirmation card open', 5, { say: 'cancel' }, 1, 'Purchase cancelled'],
      ['typing cancel at the quantity', 4, { say: 'cancel' }, 1, undefined],
      ['typing cancel at the customer pick', 0, { say: 'cancel' }, 1, undefined],
    ])('%s', async (_where, before, how, posted, cardSays) => {
      const h = simulatorHarness(simulator);
      await walk(h, before === 0 ? [{ say: 'buy for cont' }] : TO_CONFIRMATION.slice(0, before));
      const updatesBefore = h.updates.length;
      const replies = await act(h, how);
      expect(replies).toHaveLength(posted);
      if (posted === 1) expect(allText(replies)).toContain('Cancelled — nothing was bought.');
      const updated = h.updates.slice(updatesBefore);
      if (cardSays) {
        expect(updated).toHaveLength(1);
        expect(textOf(updated[0])).toContain(cardSays);
        expect(textOf(updated[0])).toContain('Nothing was bought.');
        expect(JSON.stringify(cardOf(updated[0]))).not.toContain('Action.Execute');
      } else {
        expect(updated).toHaveLength(0);
      }
      expect(allText(await h.say('2'))).toContain("Sorry, I didn't understand");
    });
  });

  describe('text that is both an answer and a command (a customer named "Balance Ltd")', () => {
    beforeEach(async () => {
      const search = await fetch(
        `${simulator.url}/v1/customers?size=5&filter=${encodeURIComponent(
          JSON.stringify({ Field: 'CompanyName', Value: 'Fabrikam', Operator: 'starts_with' }),
        )}`,
        { headers: { authorization: 'Bearer tests' } },
      );
      const [fabrikam] = ((await search.json()) as { items: { id: string }[] }).items;
      const renamed = await fetch(`${simulator.url}/_simulator/customers/rename`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ customerId: fabrikam.id, companyName: 'Balance Ltd' }),
      });
      expect(renamed.ok).toBe(true);
    });

    it.each<[string, Step[], string, string[], string[]]>([
      // [situation, before, typed, the reply says, the reply does not say]
      [
        'typed bare at the customer question: the command, with how to mean the name',
        [{ say: 'buy' }],
        'Balance Ltd',
        ['Your balance', 'type it in quotes: "Balance Ltd"', 'Which customer is this for?'],
        ['Customer: **Balance Ltd**'],
      ],
      [
        'in quotes at the customer question: the name',
        [{ say: 'buy' }],
        '"Balance Ltd"',
        ['Customer: **Balance Ltd**'],
        ['Your balance'],
      ],
      [
        'offered as the last customer: typing its whole name picks it',
        [{ say: 'buy for "Balance Ltd"' }, { say: 'cancel' }, { say: 'buy' }],
        'balance ltd',
        ['Customer: **Balance Ltd**'],
        ['Your balance'],
      ],
      ['with no question waiting: the command', [], 'Balance Ltd', ['Your balance'], ['Customer:']],
    ])('%s', async (_situation, before, typed, says, doesNotSay) => {
      const h = simulatorHarness(simulator);
      await walk(h, before);
      const replies = allText(await h.say(typed));
      for (const text of says) expect(replies).toContain(text);
      for (const text of doesNotSay) expect(replies).not.toContain(text);
    });
  });

  it.each<[string, Step[], string, string[]]>([
    [
      '"register 123" says 123 is not a subscription id instead of dropping it, and asks for one',
      [],
      'register 123 for Contoso Ltd',
      ['"123" isn\'t an Azure subscription id', 'Which Azure subscription of Contoso Ltd should I register'],
    ],
    [
      'a choice from an earlier card, pressed at another question, is refused and the question comes back',
      TO_CONFIRMATION.slice(0, 3),
      'click:Software subscriptions',
      ["That button isn't active any more", 'Visual Studio Professional Subscription - 3 years'],
    ],
  ])('%s', async (_label, before, typed, says) => {
    const h = simulatorHarness(simulator);
    await walk(h, before);
    const step: Step = typed.startsWith('click:') ? { click: typed.slice('click:'.length) } : { say: typed };
    const replies = allText(await act(h, step));
    for (const text of says) expect(replies).toContain(text);
  });
});
