import { textFor } from '../../i18n/text';
import { RunningSimulator, startSimulator } from '../../simulator/server';
import { act, type Step } from '../support/conversationSteps';
import { allText, buttonsOf, cardOf, type DialogHarness } from '../support/dialogHarness';
import { simulatorHarness } from '../support/simulatorHarness';

const CUSTOMERS_TEXT = textFor('en-US')('help.customers');
const HELLO_TEXT = textFor('en-US')('help.hello');
const HELP_TEXT = textFor('en-US')('help.text');

/** The titles of the buttons on the newest card the bot sent, in order. */
function newestButtons(h: DialogHarness): string[] {
  const card = [...h.transcript].reverse().map(cardOf).find(Boolean);
  return buttonsOf(card).map((b) => b.title);
}

describe('forgiving names: what the person types → what the bot offers', () => {
  let simulator: RunningSimulator;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(() => simulator.close());

  const typos: [string, Step[], string, string[]][] = [
    ['a typo', [{ say: 'buy for contso' }], 'Did you mean one of these?', ['Contoso Ltd', 'Contoso Pharmaceuticals']],
    ['no accent', [{ say: 'buy for rio logistica' }], 'Did you mean Rio Logística SA?', ['Rio Logística SA']],
    ['a dropped letter', [{ say: 'buy for fabrikm' }], 'Did you mean Fabrikam Inc?', ['Fabrikam Inc']],
    [
      'a typo in an accented name',
      [{ say: 'buy for leman horlogeri' }],
      'Léman Horlogerie SA',
      ['Léman Horlogerie SA'],
    ],
    [
      'a typo when the last customer ties: the last customer comes first',
      [{ say: 'buy for Contoso Pharmaceuticals' }, { say: 'cancel' }, { say: 'buy for contso' }],
      'Did you mean one of these?',
      ['Contoso Pharmaceuticals', 'Contoso Ltd'],
    ],
  ];

  it.each(typos)('%s', async (_name, steps, said, buttons) => {
    const h = simulatorHarness(simulator);
    let replies = '';
    for (const step of steps) replies = allText(await act(h, step));
    expect(replies).toContain(said);
    expect(newestButtons(h)).toEqual(buttons);
    // Picking the suggestion carries on with the purchase for that customer.
    expect(allText(await h.click(buttons[0]))).toContain(`Customer: **${buttons[0]}**`);
  });

  it('a lookup forgives the same typos: "orders for contso" offers Contoso Ltd, then shows its orders', async () => {
    const h = simulatorHarness(simulator);
    expect(allText(await h.say('orders for contso'))).toContain('Did you mean one of these?');
    expect(allText(await h.click('Contoso Ltd'))).toContain('Orders for Contoso Ltd');
  });

  it('a name nothing is close to is still said plainly', async () => {
    const h = simulatorHarness(simulator);
    expect(allText(await h.say('buy for qqqzzzxx'))).toContain("No customer matches 'qqqzzzxx'");
  });

  // typed → taken without a list (the customer line), or the list offered (its buttons). `contoso` is the first label of
  // contoso.onmicrosoft.com, Contoso Ltd's own domain, so it wins over Contoso Pharmaceuticals, which merely starts so.
  const domains: [string, string | undefined, string[] | undefined][] = [
    ['buy for contoso', 'Customer: **Contoso Ltd** (contoso.onmicrosoft.com', undefined],
    ['buy for CONTOSO', 'Customer: **Contoso Ltd** (contoso.onmicrosoft.com', undefined],
    ['buy for contosopharma', 'Customer: **Contoso Pharmaceuticals**', undefined],
    ['buy for contos', undefined, ['Contoso Ltd', 'Contoso Pharmaceuticals']],
    ['buy for cont', undefined, ['Contoso Ltd', 'Contoso Pharmaceuticals', 'Contour Logistics UK']],
  ];

  it.each(domains)('an exact domain wins, a prefix is offered: "%s"', async (typed, taken, offered) => {
    const h = simulatorHarness(simulator);
    const replies = allText(await h.say(typed));
    if (taken) {
      expect(replies).toContain(taken);
      expect(replies).not.toContain('Customers matching');
      expect(replies).toContain('What would you like to buy for');
    } else {
      expect(replies).toContain('Customers matching');
      expect(newestButtons(h)).toEqual(offered);
    }
  });

  const greetings: [string, string][] = [
    ['hi', HELLO_TEXT],
    ['hello', HELLO_TEXT],
    ['menu', HELP_TEXT],
    ['customers', CUSTOMERS_TEXT],
  ];

  it.each(greetings)(
    '"%s" is answered, and at the customer question the question comes back',
    async (typed, answer) => {
      const h = simulatorHarness(simulator);
      expect(allText(await h.say(typed))).toContain(answer);
      await h.say('buy');
      const replies = allText(await h.say(typed));
      expect(replies).toContain(answer);
      expect(replies).toContain('Which customer is this for?');
      expect(replies).not.toMatch(/No customer matches/);
    },
  );
});
