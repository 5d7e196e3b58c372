import { performance } from 'node:perf_hooks';
import {
  customerAndSubscription,
  describeCalls,
  type PartnerCenterCall,
  partnerCenterCalls,
} from '../test/support/purchaseFlows';
import { readAll, type TeamsUser } from '../test/support/teamsUser';
import { startBot, startTimedSimulator, type TimedSimulator, TimedTeamsUser } from './timedPurchaseStack';

/** One way to reach the confirmation card: what the person types and presses, in order. */
type Step = { say: string } | { click: string };

/** The same purchase asked for in one line and clicked through. */
interface Purchase {
  name: string;
  oneLine: (subscriptionId: string) => Step[];
  clickThrough: (subscriptionId: string) => Step[];
}

const PURCHASES: Purchase[] = [
  {
    name: '10 × Windows Server 2022 Standard (2-core pack), 1 year, for Fabrikam Inc',
    oneLine: () => [{ say: 'buy 10 Windows Server 2022 Standard 1 year for Fabrikam Inc' }],
    clickThrough: () => [
      { say: 'buy for Fabrikam Inc' },
      { click: 'Software subscriptions' },
      { click: 'Windows Server 2022 Standard - 2 Core License Pack' },
      { click: '1 year' },
      { say: '10' },
    ],
  },
  {
    name: '2 × Standard_D8s_v5 reservations, EU West, 3 years, shared, for Contoso Ltd',
    oneLine: (subscriptionId) => [
      { say: `buy 2 Standard_D8s_v5 West Europe 3 years shared for Contoso Ltd on ${subscriptionId}` },
    ],
    clickThrough: (subscriptionId) => [
      { say: 'buy for Contoso Ltd' },
      { click: 'Azure reserved VM instances' },
      { say: subscriptionId },
      { click: 'Reserved VM Instance, Dv5 Series' },
      // The 72 SKUs narrow by structured choices: size, region, then the term.
      { click: 'Standard_D8s_v5 (24)' },
      { click: 'EU West (2)' },
      { click: '3 Years' },
      { say: '2' },
      { click: 'Shared' },
    ],
  },
];

/** Walks the steps to the confirmation card and places the order; fails loudly if the card never shows. */
async function buy(user: TeamsUser, steps: Step[]): Promise<void> {
  let replies = '';
  for (const step of steps) replies = readAll('say' in step ? await user.say(step.say) : await user.click(step.click));
  if (!replies.includes('Place order')) throw new Error(`no confirmation card; the bot said: ${replies}`);
  await user.click('Place order');
  const outcome = await user.waitFor(/Order placed|nothing was bought|not placed/i);
  if (!/Order placed/.test(outcome)) throw new Error(`the order was not placed: ${outcome}`);
}

/** Runs one purchase in a conversation of its own; prints and returns its calls, turns and the bot's share of time. */
async function measure(
  label: string,
  timed: TimedSimulator,
  stack: Awaited<ReturnType<typeof startBot>>,
  conversationId: string,
  steps: Step[],
): Promise<{ calls: PartnerCenterCall[]; turns: number; botMs: number }> {
  const user = new TimedTeamsUser(stack.bot.server.url, stack.channel, conversationId);
  const before = (await partnerCenterCalls(timed.simulator.url)).length;
  const started = performance.now();
  await buy(user, steps);
  const elapsed = performance.now() - started;
  const calls = (await partnerCenterCalls(timed.simulator.url)).slice(before);
  const { turnMs, partnerCenterMs } = user.timeIn(timed);
  const botMs = turnMs - partnerCenterMs;
  console.log(`  ${label}: ${user.turns.length} turns, ${calls.length} Partner Center calls (${describeCalls(calls)})`);
  console.log(
    `    turns ${turnMs.toFixed(0)} ms in all = Partner Center (simulator) ${partnerCenterMs.toFixed(0)} ms + bot ${botMs.toFixed(0)} ms; first message to order placed ${elapsed.toFixed(0)} ms`,
  );
  return { calls, turns: user.turns.length, botMs };
}

/**
 * The one-line purchase against the click-through of the same purchase, for a software subscription and a
 * reservation: turns the person takes, Partner Center calls (from the simulator's journal) and the bot's own
 * milliseconds, each with a bot that has read nothing yet (cold) and again in the same bot (warm).
 */
async function main(): Promise<void> {
  console.log('One-line purchase vs click-through, over HTTP (test channel → bot → simulator):');
  const timed = await startTimedSimulator({});
  try {
    const { subscriptionId } = await customerAndSubscription(timed.simulator.url, 'Contoso Ltd');
    for (const purchase of PURCHASES) {
      console.log(`\n${purchase.name}`);
      const warm: Record<string, Awaited<ReturnType<typeof measure>>> = {};
      for (const [way, steps] of [
        ['one line', purchase.oneLine(subscriptionId)],
        ['click-through', purchase.clickThrough(subscriptionId)],
      ] as const) {
        const stack = await startBot(timed.simulator);
        try {
          const id = `a:bench-oneline-${way.replace(/\W/g, '')}-${PURCHASES.indexOf(purchase)}`;
          await measure(`${way}, cold`, timed, stack, `${id}-1`, steps);
          warm[way] = await measure(`${way}, warm`, timed, stack, `${id}-2`, steps);
        } finally {
          await stack.close();
        }
      }
      const [line, clicks] = [warm['one line'], warm['click-through']];
      console.log(
        `  warm, one line vs click-through: ${line.turns} vs ${clicks.turns} turns, ${line.calls.length} vs ${clicks.calls.length} Partner Center calls, bot ${line.botMs.toFixed(0)} vs ${clicks.botMs.toFixed(0)} ms`,
      );
    }
  } finally {
    await timed.simulator.close();
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => process.exit());
