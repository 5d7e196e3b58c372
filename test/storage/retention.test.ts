import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerClient } from '@azure/storage-blob';
import type { Logger } from '../../bot/logger';
import { RetentionJob } from '../../bot/RetentionJob';
import type { AtomicCreateStorage } from '../../services/storage/AtomicCreateStorage';
import { BlobStateStorage } from '../../services/storage/BlobStateStorage';
import type { PrefixPurge } from '../../services/storage/PrefixPurge';
import { checkedRetentionRules, retentionRules } from '../../services/storage/retentionRules';
import { SqliteStorage } from '../../services/storage/SqliteStorage';
import { type RunningAzurite, startAzurite } from './azurite';

const DAY_MS = 24 * 60 * 60 * 1000;

type PurgeableStorage = AtomicCreateStorage & PrefixPurge;

interface OpenedStorage {
  storage: PurgeableStorage;
  cleanup(): Promise<void>;
}

/** One key of every kind the bot keeps, as the bot names them. */
const KEYS = {
  inbound: ['inbound/msteams/a:1/act-1', 'inbound/msteams/a:1/act-2', 'inbound/msteams/19:chan@thread.tacv2/act-3'],
  ledgerCarts: ['checkout-ledger/carts/cart-1', 'checkout-ledger/carts/cart-2'],
  ledgerCartIds: ['checkout-ledger/cart-ids/customer-1/cart-1'],
  ledgerOpen: ['checkout-ledger/open'],
  audit: ['audit-trail/days/2026-01-01/head', 'audit-trail/days/2026-01-01/slots/0'],
  conversation: ['msteams/conversations/a:1/', 'msteams/users/user-1/'],
  registrations: ['registration-watches/index'],
};

const ALL_KEYS = Object.values(KEYS).flat();

const silentLogger = (): Logger & { lines: string[] } => {
  const lines: string[] = [];
  const push = (message: string, fields?: Record<string, unknown>): void => {
    lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  };
  return { lines, info: push, warn: push, error: push };
};

async function storeEveryKind(storage: PurgeableStorage): Promise<void> {
  await storage.write(Object.fromEntries(ALL_KEYS.map((key) => [key, { kind: key.split('/')[0] }])));
  // The ledger and dedupe create their records this way; both paths must be found by the purge.
  await storage.createIfAbsent('inbound/msteams/a:1/act-created', { receivedAt: new Date().toISOString() });
}

async function present(storage: PurgeableStorage, keys: readonly string[]): Promise<string[]> {
  return Object.keys(await storage.read([...keys])).sort();
}

function jobAt(storage: PurgeableStorage, offsetMs: number, logger: Logger, maxPerRulePerRun?: number): RetentionJob {
  return new RetentionJob({
    storage,
    rules: retentionRules({ ledgerRetentionDays: 400 }),
    logger,
    // The records were written just now; the job's clock says it is `offsetMs` later.
    now: () => Date.now() + offsetMs,
    maxPerRulePerRun,
  });
}

let azurite: RunningAzurite | undefined;

const backends: [string, () => Promise<OpenedStorage>][] = [
  [
    'SQLite',
    async () => {
      const directory = await mkdtemp(join(tmpdir(), 'retention-'));
      const storage = new SqliteStorage({ directory });
      return {
        storage,
        cleanup: async () => {
          storage.close();
          await rm(directory, { recursive: true, force: true });
        },
      };
    },
  ],
  [
    'Azure Blob Storage (Azurite)',
    async () => {
      azurite ??= await startAzurite();
      const connectionString = azurite.connectionString;
      const container = `retention-${randomUUID().slice(0, 8)}`;
      const storage = new BlobStateStorage({ connectionString, container });
      return {
        storage,
        cleanup: async () => {
          storage.close();
          await new ContainerClient(connectionString, container).deleteIfExists();
        },
      };
    },
  ],
];

afterAll(async () => {
  await azurite?.stop();
});

describe.each(backends)('retention on %s', (_name, open) => {
  let opened: OpenedStorage;

  beforeEach(async () => {
    opened = await open();
  });

  afterEach(async () => {
    await opened.cleanup();
  });

  it('keeps every record while it is younger than its retention', async () => {
    const { storage } = opened;
    await storeEveryKind(storage);

    const report = await jobAt(storage, 60 * 60 * 1000, silentLogger()).runOnce();

    expect(report.failed).toEqual([]);
    expect(Object.values(report.removed).reduce((a, b) => a + b, 0)).toBe(0);
    expect(await present(storage, ALL_KEYS)).toEqual([...ALL_KEYS].sort());
  });

  it('a day later removes inbound dedupe claims and nothing else', async () => {
    const { storage } = opened;
    await storeEveryKind(storage);

    const report = await jobAt(storage, DAY_MS + 60_000, silentLogger()).runOnce();

    expect(report.removed['inbound dedupe']).toBe(KEYS.inbound.length + 1);
    expect(await present(storage, [...KEYS.inbound, 'inbound/msteams/a:1/act-created'])).toEqual([]);
    const others = ALL_KEYS.filter((key) => !key.startsWith('inbound/'));
    expect(await present(storage, others)).toEqual([...others].sort());
  });

  it('after the ledger retention removes ledger records, keeping the open index, audit trail and conversations', async () => {
    const { storage } = opened;
    await storeEveryKind(storage);

    const report = await jobAt(storage, 401 * DAY_MS, silentLogger()).runOnce();

    expect(report.removed['checkout ledger']).toBe(KEYS.ledgerCarts.length);
    expect(report.removed['checkout ledger cart ids']).toBe(KEYS.ledgerCartIds.length);
    expect(await present(storage, [...KEYS.ledgerCarts, ...KEYS.ledgerCartIds, ...KEYS.inbound])).toEqual([]);
    const kept = [...KEYS.ledgerOpen, ...KEYS.audit, ...KEYS.conversation, ...KEYS.registrations];
    expect(await present(storage, kept)).toEqual([...kept].sort());
  });

  it('removes a backlog over several bounded runs', async () => {
    const { storage } = opened;
    const backlog = Array.from({ length: 25 }, (_, i) => `inbound/msteams/a:backlog/act-${i}`);
    await storage.write(Object.fromEntries(backlog.map((key) => [key, { receivedAt: 'then' }])));
    const job = jobAt(storage, 2 * DAY_MS, silentLogger(), 10);

    const removedPerRun: number[] = [];
    for (let run = 0; run < 4; run += 1) removedPerRun.push((await job.runOnce()).removed['inbound dedupe']);

    expect(removedPerRun).toEqual([10, 10, 5, 0]);
    expect(await present(storage, backlog)).toEqual([]);
  });

  it('runs at start and again on its interval without being asked, and logs what it removed', async () => {
    const { storage } = opened;
    const logger = silentLogger();
    const job = jobAt(storage, 2 * DAY_MS, logger);
    job.start(50);
    try {
      // Written after the first run has begun: only a later, scheduled run can remove these.
      await storage.write({ 'inbound/msteams/a:late/act-1': { receivedAt: 'then' } });
      const deadline = Date.now() + 20_000;
      while ((await present(storage, ['inbound/msteams/a:late/act-1'])).length > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      job.close();
    }
    expect(await present(storage, ['inbound/msteams/a:late/act-1'])).toEqual([]);
    expect(logger.lines.some((line) => /^retention purge finished .*"inbound dedupe":1/.test(line))).toBe(true);
  });
});

describe('retention on SQLite at scale', () => {
  it('removes the 6,001 dedupe claims 1,000 purchases leave behind in one run', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'retention-scale-'));
    const storage = new SqliteStorage({ directory });
    try {
      const keys = Array.from({ length: 6001 }, (_, i) => `inbound/msteams/a:${i % 50}/act-${i}`);
      await storage.write(Object.fromEntries(keys.map((key) => [key, { receivedAt: 'then' }])));
      await storage.write({ 'audit-trail/days/2026-01-01/head': { next: 1 } });

      const report = await jobAt(storage, 2 * DAY_MS, silentLogger()).runOnce();

      expect(report.removed['inbound dedupe']).toBe(6001);
      expect(await present(storage, keys.slice(0, 100))).toEqual([]);
      expect(await present(storage, ['audit-trail/days/2026-01-01/head'])).toHaveLength(1);
    } finally {
      storage.close();
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('the retention job under storage failures', () => {
  it('logs a failing rule, carries on with the others and never rejects', async () => {
    const purged: string[] = [];
    const storage: PrefixPurge = {
      purgeOlderThan: async (prefix) => {
        purged.push(prefix);
        if (prefix === 'inbound/') throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
        return 1;
      },
    };
    const logger = silentLogger();
    const job = new RetentionJob({ storage, rules: retentionRules({ ledgerRetentionDays: 400 }), logger });

    const report = await job.runOnce();

    expect(report.failed).toEqual(['inbound dedupe']);
    // Every purge rule was run after the failing one.
    const purgeRules = retentionRules({ ledgerRetentionDays: 400 }).filter((rule) => rule.kind === 'purge');
    expect(purged).toEqual(purgeRules.map((rule) => rule.prefix));
    expect(purged.length).toBeGreaterThan(1);
    expect(logger.lines.some((line) => /^retention purge failed.*inbound\//.test(line))).toBe(true);
  });
});

describe('the retention rules', () => {
  it('never purge the audit trail, the open checkouts index or conversation state', () => {
    const purged = retentionRules({ ledgerRetentionDays: 400 })
      .filter((rule) => rule.kind === 'purge')
      .map((rule) => rule.prefix);
    for (const key of [...KEYS.audit, ...KEYS.ledgerOpen, ...KEYS.conversation]) {
      expect(purged.filter((prefix) => key.startsWith(prefix))).toEqual([]);
    }
  });

  it('keep ledger records for ever when LEDGER_RETENTION_DAYS is 0', () => {
    const prefixes = retentionRules({ ledgerRetentionDays: 0 }).map((rule) => rule.prefix);
    expect(prefixes.filter((prefix) => prefix.startsWith('checkout-ledger/carts'))).toEqual([]);
  });

  it('refuse a purge prefix that would sweep up a kept key', () => {
    expect(() =>
      checkedRetentionRules([
        { kind: 'purge', name: 'everything in the ledger', prefix: 'checkout-ledger/', maxAgeMs: DAY_MS },
        { kind: 'keep', name: 'open checkouts index', prefix: 'checkout-ledger/open', why: 'recovery' },
      ]),
    ).toThrow(/would remove "checkout-ledger\/open"/);
    expect(() =>
      checkedRetentionRules([{ kind: 'purge', name: 'no slash', prefix: 'inbound', maxAgeMs: DAY_MS }]),
    ).toThrow(/must be non-empty and end with/);
  });
});
