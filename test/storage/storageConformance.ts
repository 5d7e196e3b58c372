import type { Storage, StoreItems } from 'botbuilder';

/** What a backend's factory hands the conformance suite for one test. */
export interface StorageUnderTest {
  storage: Storage;
  /** Closes the current instance and returns a new one over the same data, as a bot restart would. */
  reopen?: () => Promise<Storage>;
  cleanup: () => Promise<void>;
}

/** Drops the eTag so stored values can be compared with what was written. */
function withoutEtag(item: StoreItems[string]): Record<string, unknown> {
  const { eTag: _eTag, ...rest } = item as Record<string, unknown>;
  return rest;
}

async function readOne(storage: Storage, key: string): Promise<Record<string, unknown> | undefined> {
  const items = await storage.read([key]);
  return items[key] as Record<string, unknown> | undefined;
}

async function currentEtag(storage: Storage, key: string): Promise<string> {
  const item = await readOne(storage, key);
  if (typeof item?.eTag !== 'string') {
    throw new Error(`expected "${key}" to be stored with a string eTag`);
  }
  return item.eTag;
}

/**
 * The behaviour every botbuilder `Storage` backend must share (botbuilder's MemoryStorage is the reference), so a
 * bot can move between backends without its state handling changing. `makeStorage` is called once per test on a
 * fresh, empty store; the restart case runs only when the factory offers `reopen`.
 */
export function describeStorageConformance(name: string, makeStorage: () => Promise<StorageUnderTest>): void {
  describe(`${name} conforms to the botbuilder Storage contract`, () => {
    let subject: StorageUnderTest;
    let storage: Storage;

    beforeEach(async () => {
      subject = await makeStorage();
      storage = subject.storage;
    });

    afterEach(async () => {
      await subject.cleanup();
    });

    it('reads back nested objects exactly as written', async () => {
      const profile = {
        name: 'Contoso Ltd',
        tenant: { id: '0f5d-11', domains: ['contoso.com', 'contoso.onmicrosoft.com'] },
        cart: [{ sku: 'DZH318Z0BQ3Q:0001', quantity: 3, price: 12.5, trial: false, note: null }],
        emptyList: [],
        emptyObject: {},
      };
      await storage.write({ profile });
      expect(withoutEtag(await readOne(storage, 'profile'))).toEqual(profile);
    });

    it('leaves keys that were never written out of the result', async () => {
      await storage.write({ present: { value: 1 } });
      const items = await storage.read(['present', 'absent']);
      expect(Object.keys(items)).toEqual(['present']);
      expect(await storage.read(['absent'])).toEqual({});
    });

    it('assigns an eTag on write and a different one on every later write', async () => {
      const seen = new Set<string>();
      for (let version = 1; version <= 3; version += 1) {
        await storage.write({ counter: { version } });
        seen.add(await currentEtag(storage, 'counter'));
      }
      expect(seen.size).toBe(3);
      seen.forEach((eTag) => expect(eTag.length).toBeGreaterThan(0));
    });

    it('overwrites unconditionally when the item has no eTag', async () => {
      await storage.write({ item: { value: 'first' } });
      await storage.write({ item: { value: 'second' } });
      expect(withoutEtag(await readOne(storage, 'item'))).toEqual({ value: 'second' });
    });

    it("overwrites unconditionally when the item's eTag is '*'", async () => {
      await storage.write({ item: { value: 'first' } });
      await storage.write({ item: { value: 'second' } });
      await storage.write({ item: { value: 'third', eTag: '*' } });
      expect(withoutEtag(await readOne(storage, 'item'))).toEqual({ value: 'third' });
    });

    it('accepts a write carrying the current eTag', async () => {
      await storage.write({ item: { value: 'first' } });
      const eTag = await currentEtag(storage, 'item');
      await storage.write({ item: { value: 'second', eTag } });
      expect(withoutEtag(await readOne(storage, 'item'))).toEqual({ value: 'second' });
      expect(await currentEtag(storage, 'item')).not.toBe(eTag);
    });

    it('rejects a write carrying a stale eTag and keeps the stored value', async () => {
      await storage.write({ item: { value: 'first' } });
      const staleEtag = await currentEtag(storage, 'item');
      await storage.write({ item: { value: 'second' } });
      await expect(storage.write({ item: { value: 'lost update', eTag: staleEtag } })).rejects.toThrow();
      expect(withoutEtag(await readOne(storage, 'item'))).toEqual({ value: 'second' });
    });

    it('lets exactly one of two concurrent writers holding the same eTag win', async () => {
      await storage.write({ seat: { holder: 'nobody' } });
      const eTag = await currentEtag(storage, 'seat');
      const outcomes = await Promise.allSettled([
        storage.write({ seat: { holder: 'alice', eTag } }),
        storage.write({ seat: { holder: 'bob', eTag } }),
      ]);
      const winners = ['alice', 'bob'].filter((_holder, index) => outcomes[index].status === 'fulfilled');
      expect(winners).toHaveLength(1);
      expect(withoutEtag(await readOne(storage, 'seat'))).toEqual({ holder: winners[0] });
    });

    it('removes deleted keys and keeps the others', async () => {
      await storage.write({ doomed: { value: 1 }, kept: { value: 2 } });
      await storage.delete(['doomed']);
      const items = await storage.read(['doomed', 'kept']);
      expect(Object.keys(items)).toEqual(['kept']);
    });

    it('treats deleting a key that does not exist as a no-op', async () => {
      await storage.write({ kept: { value: 2 } });
      await expect(storage.delete(['never-written'])).resolves.toBeUndefined();
      expect(withoutEtag(await readOne(storage, 'kept'))).toEqual({ value: 2 });
    });

    it('returns many keys from one read', async () => {
      const changes: StoreItems = {};
      for (let index = 0; index < 60; index += 1) {
        changes[`conversation-${index}`] = { index };
      }
      await storage.write(changes);
      const wanted = [...Object.keys(changes), 'missing-1', 'missing-2'];
      const items = await storage.read(wanted);
      expect(Object.keys(items).sort()).toEqual(Object.keys(changes).sort());
      Object.keys(changes).forEach((key) => expect(withoutEtag(items[key])).toEqual(changes[key]));
    });

    it('keeps keys with slashes, colons and unicode distinct and intact', async () => {
      const keys = [
        'msteams/conversations/a:1_abc/',
        'msteams/conversations/a:1_abc',
        'msteams/users/29:1AbC-xyz/',
        '19:meeting_ZjQ@thread.v2;messageid=1700000000000',
        'Kunde/Müller & Söhne/日本語/🙂',
        'a%2Fb',
        'a/b',
      ];
      const changes: StoreItems = {};
      keys.forEach((key, index) => (changes[key] = { index, key }));
      await storage.write(changes);
      const items = await storage.read(keys);
      expect(Object.keys(items).sort()).toEqual([...keys].sort());
      keys.forEach((key, index) => expect(withoutEtag(items[key])).toEqual({ index, key }));
    });

    it('stores and returns a value of about one megabyte', async () => {
      const lines = Array.from({ length: 4000 }, (_line, index) => `line ${index}: ${'x'.repeat(240)}`);
      const big = { lines, summary: { count: lines.length } };
      expect(JSON.stringify(big).length).toBeGreaterThan(1_000_000);
      await storage.write({ big });
      expect(withoutEtag(await readOne(storage, 'big'))).toEqual(big);
    });

    it('is not affected by changes the caller makes to an object after writing it', async () => {
      const state = { step: 1, history: ['start'] };
      await storage.write({ state });
      state.step = 2;
      state.history.push('changed in memory only');
      expect(withoutEtag(await readOne(storage, 'state'))).toEqual({ step: 1, history: ['start'] });
    });

    it('keeps written data across closing and reopening the store (a restart)', async () => {
      if (!subject.reopen) {
        return;
      }
      await storage.write({ dialog: { stack: [{ id: 'greet', state: { stepIndex: 0 } }] } });
      const eTag = await currentEtag(storage, 'dialog');
      storage = await subject.reopen();
      expect(withoutEtag(await readOne(storage, 'dialog'))).toEqual({
        stack: [{ id: 'greet', state: { stepIndex: 0 } }],
      });
      expect(await currentEtag(storage, 'dialog')).toBe(eTag);
    });
  });
}
