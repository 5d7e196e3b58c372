import { RunningSimulator, startSimulator } from '../../simulator/server';
import { act, type Step, walk } from '../support/conversationSteps';
import { allText, buttonsOf, cardOf, type DialogHarness } from '../support/dialogHarness';
import { customerAndSubscription } from '../support/purchaseFlows';
import { simulatorHarness } from '../support/simulatorHarness';

/** The titles of the option buttons on the newest card the bot sent (not a typeahead's Choose). */
function newestButtons(h: DialogHarness): string[] {
  const card = [...h.transcript].reverse().map(cardOf).find(Boolean);
  return buttonsOf(card)
    .map((b) => b.title)
    .filter((title) => title !== 'Choose');
}

/** Up to the Dv5 series' 72 reservation SKUs (3 sizes × 12 regions × 2 terms). */
const TO_DV5_SKUS = (subscriptionId: string): Step[] => [
  { say: 'buy for Contoso Ltd' },
  { click: 'Azure reserved VM instances' },
  { say: subscriptionId },
  { click: 'Reserved VM Instance, Dv5 Series' },
];

describe('the whole catalog is reachable: what the person types at a long list → what the list shows', () => {
  let simulator: RunningSimulator;
  let subscriptionId: string;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
    subscriptionId = (await customerAndSubscription(simulator.url, 'Contoso Ltd')).subscriptionId;
  });
  afterAll(() => simulator.close());

  const SIZES = ['Standard_D2s_v5 (24)', 'Standard_D4s_v5 (24)', 'Standard_D8s_v5 (24)'];
  const TERMS = ['1 Year', '3 Years'];

  // typed or clicked at the SKU list → what the newest card says, and its buttons (all of them, or a count and one)
  const table: [string, Step[], RegExp, string[] | [number, string]][] = [
    ['nothing yet: sizes, with counts', [], /Which size\?[\s\S]*72 options\. Pick a size/, SIZES],
    ['a size clicked: regions', [{ click: 'Standard_D4s_v5 (24)' }], /Which region\?/, [12, 'EU West (2)']],
    [
      'a size, then a region clicked: terms, titled by the term alone',
      [{ click: 'Standard_D4s_v5 (24)' }, { click: 'EU West (2)' }],
      /All of these are \*\*Reserved VM Instance, Standard_D4s_v5, EU West\*\*/,
      TERMS,
    ],
    [
      'a size clicked, a region typed',
      [{ click: 'Standard_D8s_v5 (24)' }, { say: 'west europe' }],
      /Standard_D8s_v5, EU West/,
      TERMS,
    ],
    [
      'a size clicked, a region typed as its button says',
      [{ click: 'Standard_D8s_v5 (24)' }, { say: 'UK South' }],
      /Standard_D8s_v5, UK South/,
      TERMS,
    ],
    [
      'a size typed: regions',
      [{ say: 'Standard_D8s_v5' }],
      /24 options \(Standard_D8s_v5\)\. Pick a region/,
      [12, 'US East (2)'],
    ],
    [
      '"more": the options themselves, paged',
      [{ say: 'more' }],
      /Showing 1–10 of 72\. .*Standard_D2s_v5 \(24\), Standard_D4s_v5 \(24\), Standard_D8s_v5 \(24\)/,
      [10, 'US East · 1 Year'],
    ],
    ['"more" twice', [{ say: 'more' }, { say: 'more' }], /Showing 11–20 of 72/, [10, 'JA East · 1 Year']],
    [
      'a size typed, then paged to its end',
      [{ say: 'Standard_D8s_v5' }, { say: 'more' }, { say: 'more' }, { say: 'more' }],
      /Showing 21–24 of 24/,
      [4, 'IN Central · 3 Years'],
    ],
    [
      'size and region typed',
      [{ say: 'Standard_D8s_v5' }, { say: 'west europe' }],
      /Standard_D8s_v5, EU West[\s\S]*2 options matching "west europe"/,
      TERMS,
    ],
    ['size and region typed in one line', [{ say: 'd4s v5 uk south' }], /2 options matching/, TERMS],
    ['words that fit nothing', [{ say: 'zzzz' }], /Nothing here matches "zzzz"/, SIZES],
  ];

  it.each(table)('%s', async (_what, steps, says, buttons) => {
    const h = simulatorHarness(simulator);
    for (const step of TO_DV5_SKUS(subscriptionId)) await act(h, step);
    const replies = steps.length > 0 ? allText(await walk(h, steps)) : allText(h.transcript.slice(-1));
    expect(replies).toMatch(says);
    if (typeof buttons[0] === 'number') {
      expect(newestButtons(h)).toHaveLength(buttons[0]);
      expect(newestButtons(h)).toContain(buttons[1]);
    } else {
      expect(newestButtons(h)).toEqual(buttons);
    }
  });

  it('the series card says how many options each series has (the first structured choice)', async () => {
    const h = simulatorHarness(simulator);
    for (const step of TO_DV5_SKUS(subscriptionId).slice(0, -1)) await act(h, step);
    const card = allText(h.transcript.slice(-1));
    expect(card).toMatch(/Reserved VM Instance, Dv5 Series[\s\S]*72 options/);
    expect(card).toMatch(/Reserved VM Instance, Bs Series[\s\S]*48 options/);
  });

  it('the buttons of a structured choice carry only the verb and an opaque id', async () => {
    const h = simulatorHarness(simulator);
    for (const step of TO_DV5_SKUS(subscriptionId)) await act(h, step);
    const button = h.findButton('Standard_D4s_v5 (24)');
    expect(Object.keys(button.data as object).sort()).toEqual(['id', 'verb']);
    expect(JSON.stringify(button.data)).not.toMatch(/D4s|Standard/);
    expect((button.data as { verb: string }).verb).toBe('narrowList');
  });

  it('a size pressed on the earlier card chooses the size again, keeping the region', async () => {
    const h = simulatorHarness(simulator);
    for (const step of TO_DV5_SKUS(subscriptionId)) await act(h, step);
    await walk(h, [{ click: 'Standard_D4s_v5 (24)' }, { click: 'EU West (2)' }]);
    const replies = allText(await h.click('Standard_D8s_v5 (24)'));
    expect(replies).toContain('All of these are **Reserved VM Instance, Standard_D8s_v5, EU West**.');
    expect(newestButtons(h)).toEqual(TERMS);
  });

  it('a lookup at a structured choice is answered, and the choice still works after it', async () => {
    const h = simulatorHarness(simulator);
    for (const step of TO_DV5_SKUS(subscriptionId)) await act(h, step);
    await h.click('Standard_D8s_v5 (24)');
    expect(allText(await h.say('help'))).toMatch(/buy/i);
    await h.click('EU West (2)');
    expect(newestButtons(h)).toEqual(TERMS);
  });

  it('a size outside the first ten is bought by clicks alone: size → region → term, then quantity and scope', async () => {
    const h = simulatorHarness(simulator);
    for (const step of TO_DV5_SKUS(subscriptionId)) await act(h, step);
    await walk(h, [{ click: 'Standard_D8s_v5 (24)' }, { click: 'IN Central (2)' }]);
    expect(allText(await h.click('3 Years'))).toContain('How many? (1–100)');
    await h.say('2');
    const card = allText(await h.click('Shared'));
    expect(card).toContain('Reserved VM Instance, Standard_D8s_v5, IN Central, 3 Years');
  });

  it('a size outside the first ten is bought: narrowed by typing, then the term typed, then quantity and scope', async () => {
    const h = simulatorHarness(simulator);
    for (const step of TO_DV5_SKUS(subscriptionId)) await act(h, step);
    await h.say('Standard_D8s_v5');
    await h.say('EU West');
    expect(allText(await h.say('3 years'))).toContain('How many? (1–100)');
    await h.say('2');
    const card = allText(await h.click('Shared'));
    expect(card).toContain('Reserved VM Instance, Standard_D8s_v5, EU West, 3 Years');
    await h.click('Place order');
    expect(allText(h.updates.slice(-1))).toContain('Order placed');
  });
});
