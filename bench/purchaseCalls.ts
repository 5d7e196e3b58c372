import { performance } from 'node:perf_hooks';
import {
  buyReservation,
  buySoftwareSubscription,
  customerAndSubscription,
  describeCalls,
  type PartnerCenterCall,
  partnerCenterCalls,
} from '../test/support/purchaseFlows';
import { readAll, TeamsUser } from '../test/support/teamsUser';
import { type RunningBotApp } from '../bot/startBotApp';
import { TestChannel } from '../test/support/testChannel';
import { startBot, startTimedSimulator, type TimedSimulator, TimedTeamsUser } from './timedPurchaseStack';

const APP_TOKEN = { authorization: 'Bearer bench' };

/** Runs one purchase in a conversation of its own and prints its calls and times. */
async function measurePurchase(
  label: string,
  timed: TimedSimulator,
  bot: { bot: RunningBotApp; channel: TestChannel },
  conversationId: string,
  buy: (user: TeamsUser) => Promise<string>,
): Promise<PartnerCenterCall[]> {
  const user = new TimedTeamsUser(bot.bot.server.url, bot.channel, conversationId);
  const before = (await partnerCenterCalls(timed.simulator.url)).length;
  const started = performance.now();
  await buy(user);
  const elapsed = performance.now() - started;
  const calls = (await partnerCenterCalls(timed.simulator.url)).slice(before);
  const { turnMs, partnerCenterMs } = user.timeIn(timed);
  console.log(`  ${label}: ${calls.length} Partner Center calls (${describeCalls(calls)})`);
  console.log(
    `    ${user.turns.length} turns: ${turnMs.toFixed(0)} ms in all, of which Partner Center (simulator) ${partnerCenterMs.toFixed(0)} ms, bot ${(turnMs - partnerCenterMs).toFixed(0)} ms; first message to order placed ${elapsed.toFixed(0)} ms`,
  );
  return calls;
}

async function purchases(): Promise<void> {
  console.log('Purchases over HTTP (test channel → bot → simulator), calls from the simulator journal:');
  const timed = await startTimedSimulator({});
  try {
    const software = await startBot(timed.simulator);
    try {
      await measurePurchase('software subscription, cold', timed, software, 'a:bench-software-1', (user) =>
        buySoftwareSubscription(user, 'Contoso Ltd'),
      );
      await measurePurchase('software subscription, warm', timed, software, 'a:bench-software-2', (user) =>
        buySoftwareSubscription(user, 'Contoso Ltd'),
      );
    } finally {
      await software.close();
    }
    const { subscriptionId } = await customerAndSubscription(timed.simulator.url, 'Contoso Ltd');
    const reservations = await startBot(timed.simulator);
    try {
      await measurePurchase('reservation, cold', timed, reservations, 'a:bench-reservation-1', (user) =>
        buyReservation(user, 'Contoso Ltd', subscriptionId),
      );
      await measurePurchase('reservation, warm', timed, reservations, 'a:bench-reservation-2', (user) =>
        buyReservation(user, 'Contoso Ltd', subscriptionId),
      );
    } finally {
      await reservations.close();
    }
  } finally {
    await timed.simulator.close();
  }
}

async function manyCustomers(customers: number): Promise<void> {
  console.log(`\nA partner with ${customers.toLocaleString('en')} customers: "buy for contoso"`);
  const timed = await startTimedSimulator({ customers });
  const stack = await startBot(timed.simulator);
  try {
    const user = new TimedTeamsUser(stack.bot.server.url, stack.channel, 'a:bench-contoso');
    const before = (await partnerCenterCalls(timed.simulator.url)).length;
    const replies = await user.say('buy for contoso');
    const calls = (await partnerCenterCalls(timed.simulator.url)).slice(before);
    const { turnMs, partnerCenterMs } = user.timeIn(timed);
    console.log(
      `  ${calls.length} Partner Center calls (${describeCalls(calls)}); the turn took ${turnMs.toFixed(0)} ms, simulator ${partnerCenterMs.toFixed(0)} ms of it`,
    );
    // `contoso` is the first label of Contoso Ltd's domain: taken without a pick list, among hundreds of Contosos.
    const said = readAll(replies);
    console.log(
      said.includes('Customer: **Contoso Ltd** (contoso.onmicrosoft.com')
        ? '  Contoso Ltd (contoso.onmicrosoft.com) is taken without a pick list'
        : `  Contoso Ltd was not taken: ${said}`,
    );
  } finally {
    await stack.close();
    await timed.simulator.close();
  }
}

async function largeInvoice(lineItems: number): Promise<void> {
  console.log(`\nAn invoice of ${lineItems.toLocaleString('en')} one-time lines: "invoice <id>"`);
  const simulatorStarted = performance.now();
  const timed = await startTimedSimulator({ newestInvoiceLineItems: lineItems });
  console.log(`  (simulator seeded in ${(performance.now() - simulatorStarted).toFixed(0)} ms)`);
  const stack = await startBot(timed.simulator);
  try {
    const list = await fetch(`${timed.simulator.url}/v1/invoices?size=500`, { headers: APP_TOKEN });
    const invoices = ((await list.json()) as { items: { id: string; currencyCode: string; invoiceType: string }[] })
      .items;
    // The list is newest first: the first USD OneTime invoice is the large one.
    const invoice = invoices.find((item) => item.currencyCode === 'USD' && item.invoiceType === 'OneTime');
    if (!invoice) throw new Error('the simulator has no USD OneTime invoice');
    const user = new TimedTeamsUser(stack.bot.server.url, stack.channel, 'a:bench-invoice');
    const before = (await partnerCenterCalls(timed.simulator.url)).length;
    const started = performance.now();
    await user.say(`invoice ${invoice.id}`);
    const card = await user.waitFor(/one-time charges/, 120_000);
    const elapsed = performance.now() - started;
    const calls = (await partnerCenterCalls(timed.simulator.url)).slice(before);
    const pages = calls.filter((call) => call.path.toLowerCase().endsWith('/lineitems'));
    const sizes = [...new Set(pages.map((call) => new URLSearchParams(call.query).get('size')))].join(', ');
    const { partnerCenterMs } = user.timeIn(timed);
    console.log(
      `  ${calls.length} Partner Center calls (${describeCalls(calls)}), line-item pages of size ${sizes}; summary shown after ${elapsed.toFixed(0)} ms (simulator ${partnerCenterMs.toFixed(0)} ms of it)`,
    );
    const count = /([\d,]+) one-time charges/.exec(card)?.[1];
    console.log(`  the card says: ${count ?? '?'} one-time charges`);
  } finally {
    await stack.close();
    await timed.simulator.close();
  }
}

/** `--customers N` and `--line-items N` for the scale runs (defaults 10,000 and 100,000). */
function scaleArguments(argv: string[]): { customers: number; lineItems: number } {
  const valueOf = (name: string, fallback: number): number => {
    const at = argv.indexOf(name);
    if (at < 0) return fallback;
    const value = Number(argv[at + 1]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} needs a positive whole number`);
    return value;
  };
  return { customers: valueOf('--customers', 10_000), lineItems: valueOf('--line-items', 100_000) };
}

/**
 * Partner Center calls per purchase, cold (a bot that has read nothing yet) and warm (the same purchase again in the
 * same bot), for a software subscription and a reservation, with the time the person waits in turns split into the
 * simulator's share and the bot's; then, at scale, whether "buy for contoso" finds Contoso Ltd among 10,000 customers and
 * how long a 100,000-line invoice summary takes with Partner Center's largest line-item page (2,000).
 */
async function main(): Promise<void> {
  const { customers, lineItems } = scaleArguments(process.argv.slice(2));
  await purchases();
  await manyCustomers(customers);
  await largeInvoice(lineItems);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => process.exit());
