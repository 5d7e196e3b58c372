import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../bot/config';
import type { Logger } from '../bot/logger';
import { startBotApp } from '../bot/startBotApp';
import { startSimulator } from '../simulator/server';
import { textOf } from '../test/support/dialogHarness';
import { readAll, TeamsUser } from '../test/support/teamsUser';
import { type ChannelCall, TestChannel } from '../test/support/testChannel';
import { percentile } from './percentile';

const CHECKOUT_DELAY_MS = 20_000;
const SETUP_CONCURRENCY = 4;
const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface Sample {
  /** Click → the HTTP POST of the click returns (the turn has ended). */
  httpMs: number;
  /** Click → the "Placing your order…" update reaches the channel. */
  ackMs: number;
}

/** `--n N`: conversations per run (default 30). */
function conversationsWanted(argv: string[]): number {
  const at = argv.indexOf('--n');
  const n = at >= 0 ? Number(argv[at + 1]) : 30;
  if (!Number.isInteger(n) || n < 1) throw new Error(`--n needs a positive whole number, not ${argv[at + 1]}`);
  return n;
}

/** Types and clicks through to the confirmation card, as the e2e tests do. */
async function reachConfirmation(user: TeamsUser): Promise<void> {
  await user.say('buy for Contoso Ltd');
  let replies = await user.click('Software subscriptions');
  for (let step = 0; step < 4; step += 1) {
    const asked = /How many\? \((\d+)–(\d+)\)/.exec(readAll(replies));
    if (asked) {
      replies = await user.say(String(Number(asked[1]) + 1));
      if (readAll(replies).includes('Place order')) return;
      break;
    }
    replies = await user.submit(user.latestButtons()[0].data);
  }
  throw new Error(`${user.conversationId} never reached the confirmation card: ${readAll(replies)}`);
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

function summary(label: string, values: number[]): string {
  const f = (v: number) => `${v.toFixed(1)} ms`;
  return `${label}: n=${values.length} p50=${f(percentile(values, 0.5))} p90=${f(percentile(values, 0.9))} p99=${f(percentile(values, 0.99))} max=${f(Math.max(...values))}`;
}

/**
 * How fast "Place order" is acknowledged while Partner Center takes 20 s per checkout: simulator and bot on loopback,
 * N conversations brought to the confirmation card over HTTP, then "Place order" pressed in each — one after another,
 * then N more all at once — timing click → turn answered and click → "Placing your order…" at the channel. Exits
 * without waiting for the slow checkouts.
 */
async function main(): Promise<void> {
  const n = conversationsWanted(process.argv.slice(2));
  const simulator = await startSimulator({ port: 0, throttlePerMinute: 1_000_000, orderListDelaySeconds: 60 });
  const channel = new TestChannel();
  await channel.start();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-place-order-'));
  const bot = await startBotApp(
    loadConfig({ PORT: '0', PARTNER_CENTER_BASE_URL: simulator.url, DATA_DIR: dataDir }),
    silent,
    'bench',
  );
  // The channel records calls without times; stamping each as it is recorded gives the arrival of the acknowledgement.
  const arrivals = new Map<ChannelCall, number>();
  const record = channel.calls.push.bind(channel.calls);
  channel.calls.push = (...calls: ChannelCall[]) => {
    const at = performance.now();
    for (const call of calls) arrivals.set(call, at);
    return record(...calls);
  };
  try {
    const users = Array.from({ length: 2 * n }, (_, i) => new TeamsUser(bot.server.url, channel, `a:bench-${i}`));
    const setupStarted = performance.now();
    await inBatches(users, SETUP_CONCURRENCY, reachConfirmation);
    console.log(
      `${users.length} conversations at the confirmation card in ${Math.round(performance.now() - setupStarted)} ms`,
    );
    await fetch(`${simulator.url}/_simulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        method: 'POST',
        path: '/v1/customers/*/carts/*/checkout',
        count: users.length,
        delayMs: CHECKOUT_DELAY_MS,
      }),
    });

    const press = async (user: TeamsUser): Promise<Sample> => {
      const button = user.findButton('Place order');
      const clicked = performance.now();
      const replies = await user.submit(button.data);
      const httpMs = performance.now() - clicked;
      if (!readAll(replies).includes('Placing your order…')) {
        throw new Error(`${user.conversationId}: no "Placing your order…" in ${readAll(replies)}`);
      }
      const ack = channel.calls.find(
        (c) =>
          c.conversationId === user.conversationId &&
          (arrivals.get(c) ?? 0) >= clicked &&
          textOf(c.activity).includes('Placing your order…'),
      );
      return { httpMs, ackMs: (arrivals.get(ack as ChannelCall) ?? Number.NaN) - clicked };
    };
    const oneByOne: Sample[] = [];
    for (const user of users.slice(0, n)) oneByOne.push(await press(user));
    const together = await Promise.all(users.slice(n).map(press));

    console.log(`Place order acknowledgement while each checkout takes ${CHECKOUT_DELAY_MS / 1000} s:`);
    console.log(
      summary(
        '  one after another, click → turn answered    ',
        oneByOne.map((s) => s.httpMs),
      ),
    );
    console.log(
      summary(
        '  one after another, click → "Placing…" shown ',
        oneByOne.map((s) => s.ackMs),
      ),
    );
    console.log(
      summary(
        '  all at once,       click → turn answered    ',
        together.map((s) => s.httpMs),
      ),
    );
    console.log(
      summary(
        '  all at once,       click → "Placing…" shown ',
        together.map((s) => s.ackMs),
      ),
    );
  } finally {
    await bot.close();
    await simulator.close();
    await channel.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  // The checkouts still waiting on Partner Center's 20 s would retry against the closed simulator for a while more;
  // they are abandoned by design, so the benchmark ends here.
  .finally(() => process.exit());
