import type { Activity } from 'botbuilder';
import { RunningSimulator, startSimulator } from '../../simulator/server';
import { allText, cardOf, buttonsOf, DialogHarness, textOf } from '../support/dialogHarness';
import { customerAndSubscription } from '../support/purchaseFlows';
import { simulatorHarness } from '../support/simulatorHarness';

/** A question the bot asks: any reply with buttons, or a line ending in a question mark. */
function questionsIn(replies: Partial<Activity>[]): string[] {
  return replies
    .filter((r) => !isConfirmation(r))
    .filter((r) => buttonsOf(cardOf(r)).length > 0 || /\?\s*(\(.*\))?\s*$/m.test(r.text ?? ''))
    .map(
      (r) =>
        textOf(r)
          .split('\n')
          .find((line) => line.trim() !== '') ?? '',
    );
}

function isConfirmation(reply: Partial<Activity>): boolean {
  return buttonsOf(cardOf(reply)).some((b) => b.title === 'Place order');
}

/** Types each line (clicking nothing) until the confirmation card shows; returns every question asked on the way. */
async function typeUntilConfirmation(
  h: DialogHarness,
  lines: readonly string[],
): Promise<{ asked: string[]; card: string }> {
  const asked: string[] = [];
  for (const line of lines) {
    const replies = await h.say(line);
    asked.push(...questionsIn(replies));
    const confirmation = replies.find(isConfirmation);
    if (confirmation) return { asked, card: textOf(confirmation) };
  }
  throw new Error(`no confirmation card after ${lines.join(' / ')}; asked: ${asked.join(' | ')}`);
}

describe('one line fills every slot it can: what the person types → the questions asked → the confirmation card', () => {
  let simulator: RunningSimulator;
  let subscriptionId: string;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
    subscriptionId = (await customerAndSubscription(simulator.url, 'Contoso Ltd')).subscriptionId;
  });
  afterAll(() => simulator.close());

  const cases: [string, (subscription: string) => string[], number, string[]][] = [
    [
      'a software subscription named with quantity, term and customer',
      () => ['buy 10 Windows Server 2022 Standard 1 year for Fabrikam'],
      0,
      ['Fabrikam Inc', 'Windows Server 2022 Standard - 2 Core License Pack - 1 year', 'Quantity\n10'],
    ],
    [
      'a perpetual product named with its category',
      () => ['buy 3 perpetual Office LTSC Standard 2021 for Contoso Ltd'],
      0,
      ['Contoso Ltd', 'Office LTSC Standard 2021', 'Quantity\n3'],
    ],
    [
      'a product sold two ways: the one question names both',
      () => ['buy 10 Windows Server 2022 Standard for Fabrikam', 'perpetual', '2 core'],
      2,
      ['Windows Server 2022 Standard - 2 Core License Pack'],
    ],
    [
      'a reservation of a size outside the first ten, with region, term, scope and subscription',
      (subscription) => [`buy 2 Standard_D8s_v5 West Europe 3 years shared for Contoso Ltd on ${subscription}`],
      0,
      [
        'Reserved VM Instance, Standard_D8s_v5, EU West, 3 Years',
        'Quantity\n2',
        'Azure subscription\n{subscription}',
        'Region\nwesteurope',
        'VM size\nStandard_D8s_v5',
        'Scope\nShared',
      ],
    ],
    [
      'a typo in the customer: the one question is "did you mean", and the rest of the line is kept',
      () => ['buy 10 Windows Server 2022 Standard 1 year for fabrikm', 'Fabrikam Inc'],
      1,
      ['Fabrikam Inc', 'Windows Server 2022 Standard - 2 Core License Pack - 1 year', 'Quantity\n10'],
    ],
    [
      'a reservation without its subscription: the one question offers the customer’s subscriptions',
      () => ['buy 1 Standard_D4s_v5 UK South 1 year shared for Contoso Ltd', 'Azure plan'],
      1,
      ['Reserved VM Instance, Standard_D4s_v5, UK South, 1 Year', 'Scope\nShared'],
    ],
    [
      'a typo in the product and no quantity: only the quantity is asked',
      () => ['buy visual studio profesional 1 year for Contoso Ltd', '4'],
      1,
      ['Visual Studio Professional Subscription - 1 year', 'Quantity\n4'],
    ],
  ];

  it.each(cases)('%s', async (_name, lines, questions, onCard) => {
    const h = simulatorHarness(simulator);
    const { asked, card } = await typeUntilConfirmation(h, lines(subscriptionId));
    expect(asked).toHaveLength(questions);
    for (const fact of onCard) expect(card).toContain(fact.replace('{subscription}', subscriptionId));
  });

  it('a product found past a typo says what it was taken to mean', async () => {
    const h = simulatorHarness(simulator);
    const replies = allText(await h.say('buy 2 visual studio profesional 1 year for Contoso Ltd'));
    expect(replies).toContain(
      'I read "profesional" as a typo: going on with **Visual Studio Professional Subscription**.',
    );
    expect(replies).toContain('Confirm your order');
  });

  it('a quantity the SKU does not allow is said, then asked', async () => {
    const h = simulatorHarness(simulator);
    const replies = allText(await h.say('buy 2 Windows Server 2022 Standard 1 year for Fabrikam'));
    expect(replies).toContain('This product needs at least 8');
    expect(replies).toContain('How many? (8–512)');
  });
});
