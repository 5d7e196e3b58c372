import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCardAction } from '../../cards/cardAction';
import { loadConfig } from '../../bot/config';
import type { Logger } from '../../bot/logger';
import { RunningBotApp, startBotApp } from '../../bot/startBotApp';
import { RunningSimulator, startSimulator } from '../../simulator/server';
import { buttonsOf, cardOf } from '../support/dialogHarness';
import { readAll, TeamsUser } from '../support/teamsUser';
import { inboundActivity, TestChannel } from '../support/testChannel';

/** A CI-sized run; `npm run fuzz:cards` runs the full 10,000 (or FUZZ_PAYLOADS=N, FUZZ_SEED=N to replay one). */
const PAYLOADS = Number(process.env.FUZZ_PAYLOADS ?? 2_000);
const LANES = 4;
const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface JournalEntry {
  method: string;
  path: string;
}

/** mulberry32: small, fast and reproducible from one 32-bit seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Real = { verb: string; id: string };

/** Builds random and mutated card values from the real button data the bot sent. */
function payloadMaker(random: () => number, real: readonly Real[]): () => unknown {
  const int = (n: number): number => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const odd = [
    '\u200b',
    '\u202e',
    '\ud800',
    '\udfff',
    '😀',
    'é',
    'Ａ',
    '\u0000',
    '\n',
    '"',
    '\\',
    '<script>',
    '%00',
    '../',
  ];
  const weirdString = (): string =>
    pick([
      () => '',
      () => 'A'.repeat(1 + int(64)),
      () => 'x'.repeat(int(2) === 0 ? 65 + int(200) : 4000 + int(60_000)),
      () => Array.from({ length: 1 + int(8) }, () => pick(odd)).join(''),
      () => pick(real).id + pick(odd),
      () => pick(real).id.toUpperCase(),
      () => pick(real).id.slice(0, int(pick(real).id.length)),
    ])();
  const junk = (depth: number): unknown => {
    const kinds: (() => unknown)[] = [
      () => null,
      () => int(2) === 0,
      () => pick([0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2]),
      () => weirdString(),
      () => [],
      () => ({}),
    ];
    if (depth < 4) {
      kinds.push(() => Array.from({ length: int(4) }, () => junk(depth + 1)));
      kinds.push(() => Object.fromEntries(Array.from({ length: int(4) }, () => [weirdString(), junk(depth + 1)])));
    }
    return pick(kinds)();
  };
  const mutations: ((base: Real) => unknown)[] = [
    (b) => ({ ...b, id: junk(0) }),
    (b) => ({ ...b, verb: junk(0) }),
    (b) => ({ ...b, id: weirdString() }),
    (b) => ({ ...b, verb: pick(real).verb === b.verb ? 'placeorder' : pick(real).verb }),
    (b) => ({ ...b, [weirdString() || 'extra']: junk(0) }),
    (b) => ({ ...b, customerId: 'c0ffee', quantity: 9999, skuId: '0001' }),
    (b) => JSON.parse(`{"__proto__":{"polluted":true},"verb":"${b.verb}","id":"${b.id}"}`) as unknown,
    (b) => JSON.parse(`{"constructor":{"prototype":{"polluted":true}},"verb":"${b.verb}","id":"${b.id}"}`) as unknown,
    (b) => ({ verb: b.verb }),
    (b) => ({ id: b.id }),
    (b) => [b],
    (b) => ({ data: b }),
    (b) => ({ action: { type: 'Action.Execute', verb: b.verb, data: b } }),
    (b) => ({ ...b, id: [b.id] }),
    (b) => ({ ...b, id: { toString: b.id } }),
    (b) => ({ verb: b.verb, id: b.id, padding: 'p'.repeat(4100) }),
    () => junk(0),
    () => null,
    () => ({}),
    () => '',
    () => pick([0, 42, -7, true, false]),
  ];
  return () => pick(mutations)(pick(real));
}

/** True when an invoke value is exactly what Teams sends for one of the real buttons (its verb and its data). */
function isRealExecute(value: unknown, realKeys: ReadonlySet<string>): boolean {
  const action = (value as { action?: { verb?: unknown; data?: unknown } } | null)?.action;
  const pressed = parseCardAction(action?.data);
  return pressed !== undefined && action?.verb === pressed.verb && realKeys.has(`${pressed.verb}|${pressed.id}`);
}

describe('fuzzing card submits over HTTP', () => {
  let simulator: RunningSimulator;
  let bot: RunningBotApp;
  const channel = new TestChannel();
  let dataDir: string;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => {
    rejections.push(reason);
  };

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, orderListDelaySeconds: 60, orderCompletionSeconds: 30 });
    await channel.start();
    dataDir = mkdtempSync(path.join(tmpdir(), 'bot-fuzz-'));
    bot = await startBotApp(
      loadConfig({ PORT: '0', PARTNER_CENTER_BASE_URL: simulator.url, DATA_DIR: dataDir }),
      silent,
      'fuzz',
    );
    process.on('unhandledRejection', onRejection);
  });

  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    await bot.close();
    await simulator.close();
    await channel.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function reachConfirmation(user: TeamsUser): Promise<void> {
    await user.say('buy for Contoso Ltd');
    let replies = await user.click('Software subscriptions');
    for (let step = 0; step < 4; step += 1) {
      const asked = /How many\? \((\d+)–(\d+)\)/.exec(readAll(replies));
      if (asked) {
        replies = await user.say(String(Number(asked[1]) + 1));
        expect(readAll(replies)).toContain('Place order');
        return;
      }
      replies = await user.submit(user.latestButtons()[0].data);
    }
    throw new Error('never reached the confirmation card');
  }

  async function journal(): Promise<JournalEntry[]> {
    const response = await fetch(`${simulator.url}/_simulator/requests`);
    return ((await response.json()) as { items: JournalEntry[] }).items;
  }

  it(
    `${PAYLOADS} random and mutated card values (Action.Submit and Action.Execute): no 5xx, no unhandled rejection, no Partner Center write`,
    async () => {
      const conversations = Array.from({ length: LANES }, (_, lane) => `a:fuzz-${lane}`);
      for (const conversation of conversations)
        await reachConfirmation(new TeamsUser(bot.server.url, channel, conversation));
      const real: Real[] = channel.calls
        .flatMap((call) => buttonsOf(cardOf(call.activity)))
        .map((button) => button.data)
        .filter((data): data is Real => typeof data?.verb === 'string' && typeof data.id === 'string');
      expect(real.some((r) => r.verb === 'placeOrder')).toBe(true);
      const realKeys = new Set(real.map((r) => `${r.verb}|${r.id}`));

      const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 32);
      console.log(`card payload fuzz seed: ${seed} (rerun with FUZZ_SEED=${seed})`);
      const next = payloadMaker(prng(seed), real);
      const before = (await journal()).length;
      const statuses = new Map<number, number>();
      const executeStatuses = new Set<number>();
      const started = Date.now();
      let sent = 0;
      let drawn = 0;

      await Promise.all(
        conversations.map(async (conversationId) => {
          while (sent < PAYLOADS && drawn < PAYLOADS * 3) {
            drawn += 1;
            const value = next();
            const parsed = parseCardAction(value);
            // A value identical to a real button is a legitimate click, not fuzz.
            if (parsed && realKeys.has(`${parsed.verb}|${parsed.id}`)) continue;
            // Every fifth payload arrives as Action.Execute (an adaptiveCard/action invoke), every tenth as the invoke's
            // whole value: a value that is exactly a real button's Execute (`{ action: { verb, data } }` of a real
            // button) is then that button clicked by its owner, a legitimate click, not fuzz.
            const asExecute = (sent + 1) % 5 === 0;
            const asWholeInvokeValue = (sent + 1) % 10 === 0;
            if (asWholeInvokeValue && isRealExecute(value, realKeys)) continue;
            sent += 1;
            const activity = inboundActivity(channel, {
              conversationId,
              userId: '29:fuzz-user',
              ...(asExecute
                ? {
                    type: 'invoke',
                    name: 'adaptiveCard/action',
                    value: asWholeInvokeValue
                      ? value
                      : { action: { type: 'Action.Execute', verb: 'fuzz', data: value } },
                  }
                : { value }),
            });
            const response = await fetch(`${bot.server.url}/api/messages`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(activity),
            });
            await response.arrayBuffer();
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
            if (asExecute) executeStatuses.add(response.status);
          }
        }),
      );
      await bot.checkouts.drain();
      console.log(
        `card payload fuzz: ${sent} payloads in ${Date.now() - started} ms; statuses ${JSON.stringify([...statuses])}`,
      );

      expect(sent).toBeGreaterThanOrEqual(PAYLOADS);
      expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
      // Executes are answered (200 with a sentence, or 400 for a malformed invoke), never 501.
      expect([...executeStatuses].every((status) => status === 200 || status === 400)).toBe(true);
      expect(executeStatuses.has(200)).toBe(true);
      expect(rejections).toEqual([]);
      const after = await journal();
      expect(after.length).toBeLessThan(5000);
      const writes = after.slice(before).filter((entry) => ['POST', 'PUT', 'PATCH'].includes(entry.method));
      expect(writes).toEqual([]);
      expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
      // Generous: the count is what matters, not how fast a busy machine gets through it.
    },
    120_000 + PAYLOADS * 60,
  );

  it("an Action.Execute carrying someone else's real Place order button runs nothing and is answered with one sentence", async () => {
    const user = new TeamsUser(bot.server.url, channel, 'a:fuzz-execute');
    await reachConfirmation(user);
    const other = new TeamsUser(bot.server.url, channel, 'a:fuzz-execute', '29:someone-else', {
      fields: { from: { id: '29:someone-else', name: 'Someone Else', aadObjectId: 'someone-else' } },
    });
    const before = (await journal()).length;
    const { activityId, button } = user.findCardWith('Place order');
    const { status, body } = await other.executeData(activityId, button.data);
    expect(status).toBe(200);
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(JSON.stringify(body)).toContain('That card was shown to someone else');
    await bot.checkouts.drain();
    expect((await journal()).slice(before)).toEqual([]);
  });
});
