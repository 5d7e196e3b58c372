import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StoreItems } from 'botbuilder';
import { RegistrationWatchRecord, RegistrationWatchStore } from '../../services/registrations/RegistrationWatchStore';
import { blobsStorageKey } from '../../services/storage/blobsStorageKey';
import { SqliteStorage } from '../../services/storage/SqliteStorage';

const T0 = Date.parse('2026-11-24T10:00:00Z');
const STALE_MS = 30_000;

function record(overrides: Partial<RegistrationWatchRecord> = {}): RegistrationWatchRecord {
  return {
    reference: {
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      conversation: { id: 'a:1', conversationType: 'personal' },
      channelId: 'msteams',
    },
    activityId: '1:card',
    customer: {
      id: 'c1',
      companyName: 'Fabrikam',
      domain: 'fabrikam.example',
      country: 'US',
      countryName: 'United States',
    },
    registration: { customerId: 'c1', subscriptionId: 's1', status: 'notregistered' },
    user: { id: 'oid-1', name: 'Alex', signIn: { channelId: 'msteams', channelUserId: '29:alex' } },
    locale: 'de-DE',
    timeZone: 'Europe/Berlin',
    deadline: T0 + 30 * 60_000,
    owner: 'bot-a',
    heartbeatAt: T0,
    ...overrides,
  };
}

describe('registration watch store', () => {
  let dir: string;
  let storages: SqliteStorage[];
  let now: number;
  let a: RegistrationWatchStore;
  let b: RegistrationWatchStore;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'reg-watch-store-'));
    // Two connections to one file, as two bot processes would have.
    storages = [new SqliteStorage({ directory: dir }), new SqliteStorage({ directory: dir })];
    now = T0;
    a = new RegistrationWatchStore(storages[0], () => now);
    b = new RegistrationWatchStore(storages[1], () => now);
  });

  afterEach(() => {
    storages.forEach((s) => s.close());
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives back everything a saved watch needs to update its card after a restart', async () => {
    await a.save('c1/s1/1:card', record());
    storages[0].close();
    const reopened = new SqliteStorage({ directory: dir });
    try {
      expect(await new RegistrationWatchStore(reopened).list()).toEqual([{ key: 'c1/s1/1:card', record: record() }]);
    } finally {
      reopened.close();
    }
  });

  it('no longer lists a removed watch, and removing it twice is harmless', async () => {
    await a.save('c1/s1/x', record({ activityId: 'x' }));
    await a.save('c1/s1/y', record({ activityId: 'y' }));
    await a.remove('c1/s1/x');
    await b.remove('c1/s1/x');
    expect((await b.list()).map((w) => w.key)).toEqual(['c1/s1/y']);
    expect(await b.get('c1/s1/x')).toBeUndefined();
  });

  it('leaves a watch to its owner while its heartbeat is fresh, and hands it over once it is stale', async () => {
    await a.save('k', record({ owner: 'bot-a', heartbeatAt: T0 }));
    now = T0 + STALE_MS - 1;
    const refused = await b.touch('k', 'bot-b', STALE_MS);
    expect(refused).toEqual({ outcome: 'held', record: expect.objectContaining({ owner: 'bot-a' }) });
    expect((await a.get('k'))?.owner).toBe('bot-a');

    now = T0 + STALE_MS;
    const taken = await b.touch('k', 'bot-b', STALE_MS);
    expect(taken.outcome).toBe('claimed');
    expect(await a.get('k')).toEqual(record({ owner: 'bot-b', heartbeatAt: T0 + STALE_MS }));
  });

  it("renews its owner's heartbeat and saves a new status with it", async () => {
    await a.save('k', record());
    now = T0 + 5_000;
    const registering = { customerId: 'c1', subscriptionId: 's1', status: 'registering' as const };
    expect((await a.touch('k', 'bot-a', STALE_MS, { registration: registering })).outcome).toBe('claimed');
    expect(await b.get('k')).toEqual(record({ heartbeatAt: T0 + 5_000, registration: registering }));
  });

  it('says a watch is gone instead of bringing a removed one back', async () => {
    await a.save('k', record());
    await a.remove('k');
    expect(await b.touch('k', 'bot-b', STALE_MS)).toEqual({ outcome: 'gone' });
    expect(await b.list()).toEqual([]);
  });

  it('lets exactly one of many instances claim a stale watch at the same moment', async () => {
    await a.save('k', record({ owner: 'bot-dead', heartbeatAt: T0 - STALE_MS }));
    const stores = [a, b, a, b, a, b];
    const claims = await Promise.all(stores.map((store, i) => store.touch('k', `bot-${i}`, STALE_MS)));
    const winners = claims.flatMap((claim, i) => (claim.outcome === 'claimed' ? [`bot-${i}`] : []));
    expect(winners).toHaveLength(1);
    expect((await a.get('k'))?.owner).toBe(winners[0]);
    for (const claim of claims) {
      if (claim.outcome === 'held') expect(claim.record.owner).toBe(winners[0]);
    }
  });

  it('lists every watch saved by two instances at the same time', async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `c1/s${i}/card-${i}`);
    await Promise.all(keys.map((key, i) => (i % 2 ? a : b).save(key, record({ activityId: `card-${i}` }))));
    expect((await a.list()).map((w) => w.key).sort()).toEqual([...keys].sort());
  });

  it('stores channel activity ids of any shape under keys SQLite and Blob storage both accept', async () => {
    const written: string[] = [];
    const storage = storages[0];
    const recording = Object.assign(Object.create(storage) as SqliteStorage, {
      write: (changes: StoreItems) => {
        written.push(...Object.keys(changes));
        return storage.write(changes);
      },
    });
    const store = new RegistrationWatchStore(recording, () => now);
    const activityIds = [
      '1:1vXk_AbC-xyz',
      'f:7d1a/2b3c;messageid=1700000000000',
      'sha256:abc',
      'Kunde/Müller & Söhne/🙂',
      'x'.repeat(1500),
      'broken\uD800surrogate',
    ];
    for (const id of activityIds) await store.save(`c1/s1/${id}`, record({ activityId: id }));
    expect((await b.list()).map((w) => w.record.activityId).sort()).toEqual([...activityIds].sort());
    expect(new Set(written).size).toBe(activityIds.length + 1);
    for (const key of written) {
      expect(key.length).toBeLessThanOrEqual(1024);
      expect(() => blobsStorageKey(key)).not.toThrow();
    }
  });

  it('skips an unreadable item instead of failing the whole list', async () => {
    await a.save('good', record({ activityId: 'good' }));
    await a.save('bad', record({ activityId: 'bad' }));
    await storages[0].write({ 'registration-watches/watch/bad': { key: 'bad', record: { deadline: 'soon' } } });
    expect((await b.list()).map((w) => w.key)).toEqual(['good']);
  });
});
