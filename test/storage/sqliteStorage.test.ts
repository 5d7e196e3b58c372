import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MemoryStorage, Storage, StoreItems } from 'botbuilder';
import { EtagConflictError } from '../../services/storage/EtagConflictError';
import { MAX_STORAGE_KEY_LENGTH } from '../../services/storage/assertStorageKeys';
import { SqliteStorage } from '../../services/storage/SqliteStorage';

async function errorOf(action: Promise<unknown>): Promise<Error> {
  try {
    await action;
  } catch (error) {
    if (error instanceof Error) {
      return error;
    }
    throw new Error(`expected an Error, got ${String(error)}`);
  }
  throw new Error('expected the call to reject');
}

async function staleWrite(storage: Storage): Promise<Error> {
  await storage.write({ 'msteams/conversations/a:1/': { turn: 1 } });
  const { eTag } = (await storage.read(['msteams/conversations/a:1/']))['msteams/conversations/a:1/'];
  await storage.write({ 'msteams/conversations/a:1/': { turn: 2 } });
  return errorOf(storage.write({ 'msteams/conversations/a:1/': { turn: 3, eTag } }));
}

describe('SqliteStorage', () => {
  let directory: string;
  let storage: SqliteStorage;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'sqlite-storage-'));
    storage = new SqliteStorage({ directory });
  });

  afterEach(async () => {
    storage.close();
    await rm(directory, { recursive: true, force: true });
  });

  it("reports an eTag conflict with MemoryStorage's exact message, as an EtagConflictError", async () => {
    const reference = await staleWrite(new MemoryStorage());
    const actual = await staleWrite(storage);
    expect(actual.message).toBe(reference.message);
    expect(actual).toBeInstanceOf(EtagConflictError);
    expect((actual as EtagConflictError).key).toBe('msteams/conversations/a:1/');
  });

  it('writes nothing from a batch when one item in it conflicts', async () => {
    await storage.write({ order: { status: 'draft' }, cart: { lines: 1 } });
    const { eTag: staleEtag } = (await storage.read(['order'])).order;
    await storage.write({ order: { status: 'submitted' } });

    const batch: StoreItems = {
      cart: { lines: 2 },
      newcomer: { created: true },
      order: { status: 'draft again', eTag: staleEtag },
    };
    await expect(storage.write(batch)).rejects.toBeInstanceOf(EtagConflictError);

    const items = await storage.read(['order', 'cart', 'newcomer']);
    expect(Object.keys(items).sort()).toEqual(['cart', 'order']);
    expect(items.order.status).toBe('submitted');
    expect(items.cart.lines).toBe(1);
  });

  it('accepts a conditional write to a key that is not stored, as MemoryStorage does', async () => {
    const memory = new MemoryStorage();
    await memory.write({ gone: { value: 'recreated', eTag: 'from-an-earlier-read' } });
    await storage.write({ gone: { value: 'recreated', eTag: 'from-an-earlier-read' } });
    const [fromMemory, fromSqlite] = [await memory.read(['gone']), await storage.read(['gone'])];
    expect(fromMemory.gone.value).toBe('recreated');
    expect(fromSqlite.gone.value).toBe('recreated');
  });

  it.each([
    ['a value holding a function', { callback: () => 1 }, /property "callback" is a function/],
    ['a value holding a BigInt', { amount: BigInt(10) }, /property "amount" is a BigInt/],
    ['a value holding NaN', { nested: { price: Number.NaN } }, /property "price" is NaN/],
    ['a value holding a symbol', { tag: Symbol('x') }, /property "tag" is a symbol/],
    [
      'a value holding a circular reference',
      (() => {
        const loop: Record<string, unknown> = {};
        loop.self = loop;
        return loop;
      })(),
      /not JSON-serialisable/,
    ],
    ['a value that is not an object', 'just text', /must be a plain object/],
    ['a value that is an array', [1, 2], /must be a plain object/],
  ])('refuses %s, naming the key, and stores nothing', async (_label, value, message) => {
    await storage.write({ neighbour: { ok: true } });
    const error = await errorOf(storage.write({ neighbour: { ok: false }, broken: value }));
    expect(error.message).toMatch(message);
    expect(error.message).toContain('"broken"');
    const items = await storage.read(['neighbour', 'broken']);
    expect(Object.keys(items)).toEqual(['neighbour']);
    expect(items.neighbour.ok).toBe(true);
  });

  it('drops undefined properties the way JSON does instead of refusing the item', async () => {
    await storage.write({ state: { kept: 1, options: undefined } });
    const { state } = await storage.read(['state']);
    expect(state.kept).toBe(1);
    expect('options' in state).toBe(false);
  });

  it.each([
    ['an empty key', ''],
    ['a non-string key', 42],
    ['a key over the length limit', 'k'.repeat(MAX_STORAGE_KEY_LENGTH + 1)],
  ])('rejects %s on read, write and delete', async (_label, key) => {
    const keys = [key] as string[];
    await expect(storage.read(keys)).rejects.toThrow(/Storage: key/);
    await expect(storage.delete(keys)).rejects.toThrow(/Storage: key/);
    if (typeof key === 'string') {
      await expect(storage.write({ [key]: { value: 1 } })).rejects.toThrow(/Storage: key/);
    }
  });

  it('accepts a key exactly at the length limit', async () => {
    const key = 'k'.repeat(MAX_STORAGE_KEY_LENGTH);
    await storage.write({ [key]: { value: 1 } });
    expect((await storage.read([key]))[key].value).toBe(1);
  });

  it('rejects missing key lists and change sets with the same errors as MemoryStorage', async () => {
    const missing = undefined as unknown as string[];
    await expect(storage.read(missing)).rejects.toThrow(new ReferenceError('Keys are required when reading.'));
    await expect(new MemoryStorage().read(missing)).rejects.toThrow('Keys are required when reading.');
    await expect(storage.write(missing)).rejects.toThrow(new ReferenceError('Changes are required when writing.'));
  });

  it('creates its directory, and the file it creates is in WAL mode with the expected table', async () => {
    const nested = join(directory, 'data', 'state');
    const onDisk = new SqliteStorage({ directory: nested, fileName: 'bot.sqlite' });
    await onDisk.write({ key: { value: 1 } });
    onDisk.close();

    const inspector = new Database(join(nested, 'bot.sqlite'), { readonly: true });
    try {
      expect(inspector.pragma('journal_mode', { simple: true })).toBe('wal');
      const columns = inspector.prepare("SELECT name FROM pragma_table_info('store_items')").all() as {
        name: string;
      }[];
      expect(columns.map((column) => column.name)).toEqual(['key', 'etag', 'json', 'updated_at']);
      const row = inspector.prepare('SELECT json, updated_at FROM store_items WHERE key = ?').get('key') as {
        json: string;
        updated_at: string;
      };
      expect(JSON.parse(row.json)).toEqual({ value: 1 });
      expect(Number.isNaN(Date.parse(row.updated_at))).toBe(false);
    } finally {
      inspector.close();
    }
  });

  it('refuses a fileName that is a path rather than a bare name', () => {
    expect(() => new SqliteStorage({ directory, fileName: '../escape.sqlite' })).toThrow(/bare file name/);
  });

  it('rejects every operation after close, and closing twice is harmless', async () => {
    storage.close();
    storage.close();
    await expect(storage.read(['key'])).rejects.toThrow(/closed/);
    await expect(storage.write({ key: { value: 1 } })).rejects.toThrow(/closed/);
    await expect(storage.delete(['key'])).rejects.toThrow(/closed/);
  });
});
