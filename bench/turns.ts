import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Activity } from 'botbuilder';
import { textOf } from '../test/support/dialogHarness';
import { readAll, TeamsUser } from '../test/support/teamsUser';
import { TestChannel } from '../test/support/testChannel';
import { summarizeCpuProfile } from './cpuProfileSummary';
import { type DistProcess, startDistProcess } from './distProcess';
import type { FloorReplyData } from './echoFloor';
import { percentile } from './percentile';

/** A command both sides answer, and how to tell that each answered it. */
interface Command {
  text: string;
  bot: RegExp;
  floor: RegExp;
}

const COMMANDS: readonly Command[] = [
  { text: 'help', bot: /I buy one-time products/, floor: /Echo floor/ },
  { text: 'balance', bot: /Your balance/, floor: /Balances in \d+ currencies/ },
  // The full name: one match, so the answer is the order list (a partial name could ask which customer is meant).
  { text: 'orders for Contoso Ltd', bot: /Orders for Contoso Ltd/, floor: /Orders for Contoso Ltd: \d+/ },
];

type Side = 'bot' | 'floor';

interface Options {
  rounds: number;
  conversations: number;
  balanceTurns: number;
  profile: boolean;
}

/** `--rounds N` (10), `--conversations N` (50), `--balance-turns N` (1000), `--profile` (CPU profile of the bot). */
function optionsOf(argv: string[]): Options {
  const whole = (name: string, fallback: number): number => {
    const at = argv.indexOf(name);
    if (at < 0) return fallback;
    const n = Number(argv[at + 1]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} needs a positive whole number, not ${argv[at + 1]}`);
    return n;
  };
  return {
    rounds: whole('--rounds', 10),
    conversations: whole('--conversations', 50),
    balanceTurns: whole('--balance-turns', 1000),
    profile: argv.includes('--profile'),
  };
}

/**
 * The Node options `npm run bot` starts the bot with (package.json), so the benchmark measures the process production
 * runs: `node --max-old-space-size=1536 dist/bot/main.js` gives `['--max-old-space-size=1536']`.
 */
function botNodeOptions(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const words = (manifest.scripts?.bot ?? '').split(/\s+/);
  return words.slice(words.indexOf('node') + 1).filter((word) => word.startsWith('--'));
}

/** Far more than a run needs on a slow, busy machine (about a minute for the defaults here). */
function watchdogMinutes(options: Options): number {
  const turns = (options.rounds + 1) * 6 * options.conversations + options.balanceTurns;
  return 10 + Math.ceil(turns / 1000);
}

/** One side of the comparison: its process and one Teams user per conversation. */
interface Contestant {
  side: Side;
  process: DistProcess;
  users: TeamsUser[];
}

interface Samples {
  turnMs: number[];
  /** Partner Center time of each floor turn (the floor measures its own calls). */
  partnerCenterMs: number[];
  cpuMs: number;
  turns: number;
}

/** Everything a person would read, for an error message. */
function shown(replies: Partial<Activity>[]): string {
  return readAll(replies).slice(0, 300);
}

/**
 * One turn per conversation, all at once: each user types `command`; returns per-turn times from the POST to Teams'
 * HTTP answer (the turn has ended), and the floor's Partner Center times.
 */
async function batch(
  contestant: Contestant,
  command: Command,
  channel: TestChannel,
  count = contestant.users.length,
): Promise<{ turnMs: number[]; partnerCenterMs: number[] }> {
  const expected = contestant.side === 'bot' ? command.bot : command.floor;
  const results = await Promise.all(
    contestant.users.slice(0, count).map(async (user) => {
      const started = performance.now();
      const replies = await user.say(command.text);
      const turnMs = performance.now() - started;
      const answer = replies.find((reply) => expected.test(textOf(reply)));
      if (!answer) throw new Error(`${contestant.side} did not answer "${command.text}": ${shown(replies)}`);
      const data = answer.channelData as Partial<FloorReplyData> | undefined;
      return { turnMs, partnerCenterMs: data?.partnerCenterMs };
    }),
  );
  // Nothing is in flight between batches: the channel's record of them can go (it would hold every card sent).
  channel.calls.length = 0;
  return {
    turnMs: results.map((r) => r.turnMs),
    partnerCenterMs: results.flatMap((r) => (r.partnerCenterMs === undefined ? [] : [r.partnerCenterMs])),
  };
}

/** How many Partner Center requests the simulator has seen so far. */
async function journalLength(simulatorUrl: string): Promise<number> {
  const response = await fetch(`${simulatorUrl}/_simulator/requests`);
  return ((await response.json()) as { items: unknown[] }).items.length;
}

function ms(value: number): string {
  return value.toFixed(1).padStart(7);
}

function ratio(value: number): string {
  return `${value.toFixed(2)}×`.padStart(7);
}

/**
 * The bot against an echo floor on the same stack (restify + CloudAdapter, no dialogs, state, cards or middleware),
 * each in its own process from dist/, with the simulator in a third: N conversations at once type `help`, `balance`
 * and `orders for Contoso Ltd`, bot and floor taking turns (the side going first alternates per round). The floor makes
 * the bot's Partner Center calls for each command with the same client and reports their time; the bot's own time is
 * its turn minus that. Then the bot answers `balance` turns up to `--balance-turns` and its memory is read.
 */
async function main(): Promise<void> {
  const options = optionsOf(process.argv.slice(2));
  const work = mkdtempSync(path.join(tmpdir(), 'bench-turns-'));
  const profileDir = path.join(work, 'profile');
  const started: DistProcess[] = [];
  // Bounded whatever happens: a turn that never ends (HTTP calls here have no timeout of their own) stops the run.
  const watchdog = setTimeout(
    () => {
      console.error(`the benchmark did not finish in ${watchdogMinutes(options)} minutes; stopping it`);
      void Promise.all(started.map((p) => p.stop())).finally(() => process.exit(1));
    },
    watchdogMinutes(options) * 60_000,
  );
  watchdog.unref();
  const channel = new TestChannel();
  await channel.start();
  try {
    const simulator = await startDistProcess({
      main: 'simulator/main.js',
      cwd: work,
      env: { PC_SIMULATOR_PORT: '0', PC_SIMULATOR_THROTTLE_PER_MINUTE: '100000000' },
      ready: /listening on (http:\/\/\S+)/,
    });
    started.push(simulator);
    const simulatorUrl = simulator.ready[1];
    const bot = await startDistProcess({
      main: 'bot/main.js',
      cwd: work,
      nodeArgs: [...botNodeOptions(), ...(options.profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])],
      env: {
        MODE: 'local',
        BOT_HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: path.join(work, 'bot-state'),
        PARTNER_CENTER_BASE_URL: simulatorUrl,
      },
      ready: /"bot listening","url":"(http:\/\/127\.0\.0\.1:\d+)\/api\/messages"/,
    });
    started.push(bot);
    const floor = await startDistProcess({
      main: 'bench/echoFloor.js',
      args: [simulatorUrl],
      cwd: work,
      ready: /echo floor listening on (http:\/\/\S+)/,
    });
    started.push(floor);
    const usersOf = (side: Side, url: string) =>
      Array.from(
        { length: options.conversations },
        (_, i) => new TeamsUser(url, channel, `a:bench-${side}-${i}`, `29:bench-${side}-${i}`),
      );
    const contestants: Record<Side, Contestant> = {
      bot: { side: 'bot', process: bot, users: usersOf('bot', bot.ready[1]) },
      floor: { side: 'floor', process: floor, users: usersOf('floor', floor.ready[1]) },
    };
    const idleRss = { bot: bot.rssMb(), floor: floor.rssMb() };

    // Both sides must make the same calls, or subtracting the floor's Partner Center time would be wrong.
    const calls: string[] = [];
    for (const command of COMMANDS) {
      const perSide: number[] = [];
      for (const side of ['bot', 'floor'] as const) {
        const before = await journalLength(simulatorUrl);
        await batch(contestants[side], command, channel, 1);
        perSide.push((await journalLength(simulatorUrl)) - before);
      }
      calls.push(`${command.text} ${perSide[0]}/${perSide[1]}`);
      if (perSide[0] !== perSide[1]) {
        console.log(`WARNING: "${command.text}" makes ${perSide[0]} calls in the bot, ${perSide[1]} in the floor`);
      }
    }
    // One unmeasured round: every conversation exists, code is compiled, connections are open.
    for (const command of COMMANDS) {
      for (const side of ['bot', 'floor'] as const) await batch(contestants[side], command, channel);
    }

    const samples = new Map<string, Samples>();
    const samplesOf = (side: Side, command: Command): Samples => {
      const key = `${side} ${command.text}`;
      let found = samples.get(key);
      if (!found) {
        found = { turnMs: [], partnerCenterMs: [], cpuMs: 0, turns: 0 };
        samples.set(key, found);
      }
      return found;
    };
    const benchStarted = performance.now();
    for (let round = 0; round < options.rounds; round += 1) {
      const order: Side[] = round % 2 === 0 ? ['bot', 'floor'] : ['floor', 'bot'];
      for (const command of COMMANDS) {
        for (const side of order) {
          const contestant = contestants[side];
          const cpuBefore = contestant.process.cpuMs();
          const result = await batch(contestant, command, channel);
          const into = samplesOf(side, command);
          into.cpuMs += contestant.process.cpuMs() - cpuBefore;
          into.turns += result.turnMs.length;
          into.turnMs.push(...result.turnMs);
          into.partnerCenterMs.push(...result.partnerCenterMs);
        }
      }
    }
    const roundsMs = performance.now() - benchStarted;
    const afterRoundsRss = { bot: bot.rssMb(), floor: floor.rssMb() };

    // Memory after a working day's worth of balance cards, counting those of the rounds.
    const balance = COMMANDS[1];
    let balanceTurns = (options.rounds + 1) * options.conversations + 1;
    while (balanceTurns < options.balanceTurns) {
      const count = Math.min(options.conversations, options.balanceTurns - balanceTurns);
      await batch(contestants.bot, balance, channel, count);
      balanceTurns += count;
    }
    const afterBalanceRss = bot.rssMb();

    const cores = cpus().length;
    const nodeOptions = botNodeOptions();
    console.log(
      `Turns: ${options.rounds} rounds × ${options.conversations} conversations at once, bot and floor alternating, ` +
        `simulator in its own process, ${cores} cores (${(roundsMs / 1000).toFixed(1)} s of rounds)`,
    );
    console.log(`Bot started as npm run bot starts it: node ${[...nodeOptions, 'dist/bot/main.js'].join(' ')}`);
    console.log(`Partner Center calls per turn, bot/floor: ${calls.join(', ')}`);
    console.log("Times in ms; bot own = bot turn − Partner Center (the floor's, same percentile); CPU in ms per turn");
    const columns = ['bot turn', 'floor turn', 'Partner Center', 'bot own', 'own/floor', 'CPU bot/floor'];
    const pair = (a: string, b: string) => ` ${a.padStart(7)} ${b.padStart(7)}`;
    console.log(`${'command'.padEnd(24)}${columns.map((c) => c.padStart(16)).join('')}`);
    console.log(`${''.padEnd(24)}${pair('p50', 'p90').repeat(5)}${pair('bot', 'floor')}`);
    for (const command of COMMANDS) {
      const bot = samplesOf('bot', command);
      const floor = samplesOf('floor', command);
      const at = (values: number[], p: number) => percentile(values, p);
      const own = (p: number) => Math.max(0, at(bot.turnMs, p) - at(floor.partnerCenterMs, p));
      console.log(
        command.text.padEnd(24) +
          pair(ms(at(bot.turnMs, 0.5)), ms(at(bot.turnMs, 0.9))) +
          pair(ms(at(floor.turnMs, 0.5)), ms(at(floor.turnMs, 0.9))) +
          pair(ms(at(floor.partnerCenterMs, 0.5)), ms(at(floor.partnerCenterMs, 0.9))) +
          pair(ms(own(0.5)), ms(own(0.9))) +
          pair(ratio(own(0.5) / at(floor.turnMs, 0.5)), ratio(own(0.9) / at(floor.turnMs, 0.9))) +
          pair(ms(bot.cpuMs / bot.turns), ms(floor.cpuMs / floor.turns)),
      );
    }
    console.log(
      `RSS: bot ${idleRss.bot.toFixed(0)} MB idle, ${afterRoundsRss.bot.toFixed(0)} MB after the rounds, ` +
        `${afterBalanceRss.toFixed(0)} MB after ${balanceTurns} balance turns; floor ${idleRss.floor.toFixed(0)} MB idle, ` +
        `${afterRoundsRss.floor.toFixed(0)} MB after the rounds`,
    );
    if (options.profile) {
      await bot.stop();
      const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
      if (!file) throw new Error(`no CPU profile in ${profileDir}`);
      // Kept for a closer look (Chrome DevTools, Performance panel); the rest of the working directory goes.
      const kept = path.join(tmpdir(), `bench-turns-bot-${Date.now()}.cpuprofile`);
      renameSync(path.join(profileDir, file), kept);
      const summary = summarizeCpuProfile(kept);
      console.log(`\nBot CPU profile ${kept} (whole run, ${summary.busyMs.toFixed(0)} ms busy), self time by area:`);
      for (const area of summary.areas) console.log(`  ${ms(area.ms)} ms  ${area.name}`);
      console.log('by function:');
      for (const fn of summary.functions) console.log(`  ${ms(fn.ms)} ms  ${fn.name}`);
    }
  } finally {
    clearTimeout(watchdog);
    await Promise.all(started.map((p) => p.stop()));
    await channel.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
