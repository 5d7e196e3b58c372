import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Activity } from 'botbuilder';
import { loadConfig } from '../bot/config';
import type { Logger } from '../bot/logger';
import { type RunningBotApp, startBotApp } from '../bot/startBotApp';
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '../simulator/server';
import { TeamsUser } from '../test/support/teamsUser';
import { TestChannel } from '../test/support/testChannel';

/*
 * The purchase benchmarks' stack: the simulator with the time it spent on each request, the bot over HTTP with a state
 * directory of its own, and a Teams user whose turns are timed, so a turn's time splits into Partner Center's share
 * and the bot's.
 */

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** How long the simulator itself took over each request, stamped when it answered. */
export interface SimulatorTime {
  endedAt: number;
  ms: number;
}

/** A simulator whose request log is kept as timings, so Partner Center's share of a turn can be taken out. */
export interface TimedSimulator {
  simulator: RunningSimulator;
  times: SimulatorTime[];
}

export async function startTimedSimulator(options: SimulatorOptions): Promise<TimedSimulator> {
  const times: SimulatorTime[] = [];
  const simulator = await startSimulator({
    port: 0,
    throttlePerMinute: 1_000_000,
    orderCompletionSeconds: 0,
    ...options,
    log: (line) => {
      const ms = /\((\d+) ms\)$/.exec(line)?.[1];
      if (ms !== undefined) times.push({ endedAt: performance.now(), ms: Number(ms) });
    },
  });
  return { simulator, times };
}

/** A Teams user whose turns are timed: each message or click from sending it to the bot's HTTP answer. */
export class TimedTeamsUser extends TeamsUser {
  readonly turns: { startedAt: number; endedAt: number }[] = [];

  override async send(fields: Partial<Activity>): Promise<Partial<Activity>[]> {
    const startedAt = performance.now();
    try {
      return await super.send(fields);
    } finally {
      this.turns.push({ startedAt, endedAt: performance.now() });
    }
  }

  /** Time in turns, and how much of it the simulator spent answering requests made during them. */
  timeIn(simulator: TimedSimulator): { turnMs: number; partnerCenterMs: number } {
    const turnMs = this.turns.reduce((sum, turn) => sum + (turn.endedAt - turn.startedAt), 0);
    const partnerCenterMs = simulator.times
      .filter((time) => this.turns.some((turn) => time.endedAt >= turn.startedAt && time.endedAt <= turn.endedAt))
      .reduce((sum, time) => sum + time.ms, 0);
    return { turnMs, partnerCenterMs };
  }
}

/** A bot with its own state directory (so its caches start empty), and the channel it answers through. */
export async function startBot(
  simulator: RunningSimulator,
): Promise<{ bot: RunningBotApp; channel: TestChannel; close(): Promise<void> }> {
  const channel = new TestChannel();
  await channel.start();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-purchase-'));
  const bot = await startBotApp(
    loadConfig({
      PORT: '0',
      PARTNER_CENTER_BASE_URL: simulator.url,
      DATA_DIR: dataDir,
      // The warm purchase buys the same SKU again on purpose.
      DUPLICATE_GUARD_MINUTES: '0',
      SLOW_TURN_SECONDS: '12',
    }),
    silent,
    'bench',
  );
  return {
    bot,
    channel,
    async close() {
      await bot.close();
      await channel.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
