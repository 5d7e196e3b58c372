import { textFor } from '../../i18n/text';
import { RunningSimulator, startSimulator } from '../../simulator/server';
import { act, type Step } from '../support/conversationSteps';
import { allText, DialogHarness, textOf } from '../support/dialogHarness';
import { REGISTERED_SUBSCRIPTION } from '../support/FakePurchaseService';
import { customerAndSubscription } from '../support/purchaseFlows';
import { anInvoiceId, simulatorHarness } from '../support/simulatorHarness';

const HELP_TEXT = textFor('en-US')('help.text');

/** Everything a person does to buy, from the first message to Place order. */
function softwarePurchase(start: Step[]): Step[] {
  return [
    ...start,
    { click: 'Software subscriptions' },
    { click: 'Visual Studio Professional Subscription' },
    { click: '1 year' },
    { say: '2' },
    { click: 'Place order' },
  ];
}

function reservationPurchase(subscriptionId: string): Step[] {
  return [
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
}

/**
 * Every kind of question a purchase asks: how to get there (the steps of a purchase, and how many of them come before
 * the question) and what the question says when it is offered again.
 */
const QUESTIONS: [string, (subscriptionId: string) => Step[], number, string][] = [
  [
    'the customer question (typed name)',
    () => softwarePurchase([{ say: 'buy' }, { say: 'Contoso Ltd' }]),
    1,
    'Which customer is this for?',
  ],
  [
    'the customer pick card',
    () => softwarePurchase([{ say: 'buy for cont' }, { click: 'Contoso Ltd' }]),
    1,
    "Customers matching 'cont'",
  ],
  ['the category pick', () => softwarePurchase([{ say: 'buy for Contoso Ltd' }]), 1, 'What would you like to buy'],
  [
    'the product pick',
    () => softwarePurchase([{ say: 'buy for Contoso Ltd' }]),
    2,
    'Visual Studio Enterprise Subscription',
  ],
  [
    'the SKU pick',
    () => softwarePurchase([{ say: 'buy for Contoso Ltd' }]),
    3,
    'Visual Studio Professional Subscription - 3 years',
  ],
  ['the quantity', () => softwarePurchase([{ say: 'buy for Contoso Ltd' }]), 4, 'How many? (1–1000)'],
  ['the Azure subscription id', reservationPurchase, 2, 'Which Azure subscription is the reservation for?'],
  ['the reservation scope', reservationPurchase, 8, 'Which scope should the reservation have?'],
  [
    'the confirmation card',
    () => softwarePurchase([{ say: 'buy for Contoso Ltd' }]),
    5,
    'still waiting on the confirmation card above',
  ],
];

/** What the person asks instead of answering, and what shows it was answered. */
const DETOURS: [string, (invoiceId: string) => string, (invoiceId: string) => string | RegExp][] = [
  ['balance', () => 'balance', () => 'Your balance'],
  ['orders for a customer', () => 'orders for Contoso Ltd', () => 'Orders for Contoso Ltd'],
  ['one invoice', (invoiceId) => `invoice ${invoiceId}`, (invoiceId) => invoiceId],
  ['the audit trail', () => 'audit 5', () => /purchase attempts/],
  ['help', () => 'help', () => HELP_TEXT],
  ['sign in', () => 'sign in', () => 'nothing to sign in to'],
];

/** What the bot said when a question trapped the person (before prompts let lookups through). */
const TRAPPED =
  /No customer matches|Press \*\*Place order\*\*|Please pick one of the options|doesn't look like an Azure subscription id|Please type a quantity|Please pick Shared/;

describe('prompts never trap: a lookup at every kind of question is answered, the question comes back, the purchase finishes', () => {
  let simulator: RunningSimulator;
  let subscriptionId: string;
  let invoiceId: string;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, orderListDelaySeconds: 600, orderCompletionSeconds: 30 });
    subscriptionId = (await customerAndSubscription(simulator.url, 'Contoso Ltd')).subscriptionId;
    invoiceId = await anInvoiceId(simulator);
  });
  afterAll(() => simulator.close());

  const cases = QUESTIONS.flatMap(([question, steps, before, askedAgain]) =>
    DETOURS.map(([detour, typed, answered]) => [question, detour, steps, before, askedAgain, typed, answered] as const),
  );

  it.each(cases)('at %s, asking for %s', async (_question, _detour, steps, before, askedAgain, typed, answered) => {
    const h = simulatorHarness(simulator);
    const purchase = steps(subscriptionId);
    for (const step of purchase.slice(0, before)) await act(h, step);

    const replies = allText(await h.say(typed(invoiceId)));
    expect(replies).toMatch(answered(invoiceId));
    expect(replies).toContain(askedAgain);
    expect(replies).not.toMatch(TRAPPED);

    for (const step of purchase.slice(before)) await act(h, step);
    expect(textOf(h.updates.at(-1))).toContain('Order placed');
    expect(h.updates.filter((u) => textOf(u).includes('Order placed'))).toHaveLength(1);
  });
});

describe('prompts never trap: the term pick (only the test catalog has SKUs with several terms)', () => {
  it.each([
    ['help', HELP_TEXT],
    ['audit 5', 'purchase attempts'],
    ['sign in', 'nothing to sign in to'],
  ])('at the term pick, %s is answered and the terms are offered again', async (typed, answered) => {
    const h = new DialogHarness();
    await h.say('buy for contoso ltd');
    await h.click('Azure reserved VM instances');
    await h.say(REGISTERED_SUBSCRIPTION);
    await h.click('Reserved VM Instance, Dv5 series');
    await h.click('Standard_D2s_v5 East US');
    const replies = allText(await h.say(typed));
    expect(replies).toContain(answered);
    expect(replies).toContain('Which term?');
    await h.click('1 year, paid up front');
    await h.say('2');
    await h.click('Shared');
    await h.click('Place order');
    expect(h.service.orders).toHaveLength(1);
  });
});
