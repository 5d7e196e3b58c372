import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../bot/config';
import type { Logger } from '../../bot/logger';
import { type BotAppSeams, RunningBotApp, startBotApp } from '../../bot/startBotApp';
import { RunningSimulator, SimulatorOptions, startSimulator } from '../../simulator/server';
import { readAll, TeamsUser } from './teamsUser';
import { TestChannel } from './testChannel';

/** Silent unless E2E_LOG is set (then every line goes to the console, to see what a failing test's bot did). */
const silent: Logger = process.env.E2E_LOG
  ? {
      info: (message, fields) => console.log('info', message, JSON.stringify(fields ?? {})),
      warn: (message, fields) => console.log('warn', message, JSON.stringify(fields ?? {})),
      error: (message, fields) => console.log('error', message, JSON.stringify(fields ?? {})),
    }
  : { info: () => undefined, warn: () => undefined, error: () => undefined };
const APP_TOKEN = { authorization: 'Bearer e2e-test' };

/** The simulator, the real bot over a temporary SQLite directory, and a Teams test channel, all on loopback. */
export interface E2eStack {
  simulator: RunningSimulator;
  bot: RunningBotApp;
  channel: TestChannel;
  contosoId: string;
  /** The bot's SQLite state directory. */
  dataDir: string;
  /** Contoso's orders as Partner Center lists them once the listing delay has passed (advances the simulator clock). */
  listedOrderIds(): Promise<string[]>;
  /** Registers a simulator fault (`POST /_simulator/faults`) for the next `count` (default 1) matching calls. */
  fault(spec: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the whole loop for an end-to-end test. `env` adds bot settings; the duplicate guard is off unless a test sets
 * DUPLICATE_GUARD_MINUTES (most tests buy the same first SKU again and again).
 */
export async function startE2eStack(
  simulatorOptions: SimulatorOptions,
  env: Record<string, string> = {},
  seams: BotAppSeams = {},
): Promise<E2eStack> {
  const simulator = await startSimulator({ port: 0, ...simulatorOptions });
  const channel = new TestChannel();
  await channel.start();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bot-e2e-'));
  const bot = await startBotApp(
    loadConfig({
      PORT: '0',
      PARTNER_CENTER_BASE_URL: simulator.url,
      // The simulator also plays the partner API host (the price sheet).
      PARTNER_API_BASE_URL: simulator.url,
      DATA_DIR: dataDir,
      DUPLICATE_GUARD_MINUTES: '0',
      ...env,
    }),
    silent,
    'e2e',
    seams,
  );
  const search = await fetch(
    `${simulator.url}/v1/customers?size=10&filter=${encodeURIComponent(
      JSON.stringify({ Field: 'CompanyName', Value: 'Contoso Ltd', Operator: 'starts_with' }),
    )}`,
    { headers: APP_TOKEN },
  );
  const contosoId = ((await search.json()) as { items: { id: string }[] }).items[0].id;
  return {
    simulator,
    bot,
    channel,
    contosoId,
    dataDir,
    async fault(spec) {
      const response = await fetch(`${simulator.url}/_simulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ count: 1, ...spec }),
      });
      if (response.status !== 201) throw new Error(`fault refused: ${response.status}`);
    },
    async listedOrderIds() {
      await fetch(`${simulator.url}/_simulator/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advanceSeconds: 3600 }),
      });
      const response = await fetch(`${simulator.url}/v1/customers/${contosoId}/orders`, { headers: APP_TOKEN });
      return ((await response.json()) as { items: { id: string }[] }).items.map((o) => o.id);
    },
    async close() {
      await bot.close();
      await simulator.close();
      await channel.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * From the category card to the confirmation card of a software subscription, clicking the first option of each card
 * and typing one more than the minimum quantity; returns that quantity.
 */
export async function clickToConfirmation(user: TeamsUser): Promise<number> {
  let replies = await user.click('Software subscriptions');
  for (let step = 0; step < 4; step += 1) {
    const asked = /How many\? \((\d+)–(\d+)\)/.exec(readAll(replies));
    if (asked) {
      const quantity = Number(asked[1]) + 1;
      replies = await user.say(String(quantity));
      if (!readAll(replies).includes('Place order')) throw new Error('no confirmation card after the quantity');
      return quantity;
    }
    replies = await user.submit(user.latestButtons()[0].data);
  }
  throw new Error(`never asked for a quantity; last replies: ${readAll(replies)}`);
}
