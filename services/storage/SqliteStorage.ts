import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import type { StoreItem, StoreItems } from 'botbuilder';
import type { AtomicCreateStorage } from './AtomicCreateStorage';
import { assertStorageKeys } from './assertStorageKeys';
import { EtagConflictError } from './EtagConflictError';
import { serializeStoreItem } from './serializeStoreItem';

/** Where the database lives; `fileName` is a bare name inside `directory`. */
export interface SqliteStorageOptions {
  directory: string;
  fileName?: string;
}

interface StoredRow {
  key: string;
  etag: string;
  json: string;
}

interface PendingWrite {
  key: string;
  expectedEtag: unknown;
  json: string;
}

const DEFAULT_FILE_NAME = 'bot-state.sqlite';
/** Long enough to ride out another process's write transaction, short enough that a stuck lock surfaces. */
const BUSY_TIMEOUT_MS = 5000;

/** Opens the file in WAL mode with the table in place, closing it again if any of that fails. */
function openDatabase(path: string): Database.Database {
  const db = new Database(path);
  try {
    // busy_timeout first: switching to WAL needs a lock another process may be holding right now.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.exec(
      `CREATE TABLE IF NOT EXISTS store_items (
         key TEXT PRIMARY KEY NOT NULL,
         etag TEXT NOT NULL,
         json TEXT NOT NULL,
         updated_at TEXT NOT NULL
       )`,
    );
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * botbuilder `Storage` backed by one SQLite file, so conversation and user state survive a restart and can be
 * shared by several bot processes on one machine.
 *
 * Behaves like botbuilder's MemoryStorage (same eTag rules, same error messages) with two deliberate
 * differences: a `write` batch is all-or-nothing, and keys and values are validated up front.
 */
export class SqliteStorage implements AtomicCreateStorage {
  private readonly db: Database.Database;
  private readonly selectMany: Database.Statement<[string], StoredRow>;
  private readonly selectEtag: Database.Statement<[string], Pick<StoredRow, 'etag'>>;
  private readonly upsert: Database.Statement<[string, string, string, string]>;
  private readonly deleteMany: Database.Statement<[string]>;
  private readonly insertIfAbsent: Database.Statement<[string, string, string, string]>;
  private readonly writeBatch: Database.Transaction<(writes: PendingWrite[]) => void>;

  constructor(options: SqliteStorageOptions) {
    const fileName = options.fileName ?? DEFAULT_FILE_NAME;
    if (fileName.length === 0 || basename(fileName) !== fileName) {
      throw new TypeError(`SqliteStorage: fileName "${fileName}" must be a bare file name, not a path.`);
    }
    mkdirSync(options.directory, { recursive: true });
    this.db = openDatabase(join(options.directory, fileName));
    // Keys travel as one JSON array so a read or delete of any size is a single statement.
    this.selectMany = this.db.prepare(
      'SELECT key, etag, json FROM store_items WHERE key IN (SELECT value FROM json_each(?))',
    );
    this.selectEtag = this.db.prepare('SELECT etag FROM store_items WHERE key = ?');
    this.upsert = this.db.prepare(
      `INSERT INTO store_items (key, etag, json, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, json = excluded.json, updated_at = excluded.updated_at`,
    );
    this.deleteMany = this.db.prepare('DELETE FROM store_items WHERE key IN (SELECT value FROM json_each(?))');
    this.insertIfAbsent = this.db.prepare(
      'INSERT INTO store_items (key, etag, json, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING',
    );
    this.writeBatch = this.db.transaction((writes: PendingWrite[]) => this.applyWrites(writes));
  }

  /** Returns the stored items for the keys that exist, each with its current `eTag`; missing keys are absent. */
  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) {
      throw new ReferenceError('Keys are required when reading.');
    }
    assertStorageKeys(keys);
    this.assertOpen();
    const items: StoreItems = {};
    for (const row of this.selectMany.all(JSON.stringify(keys))) {
      items[row.key] = { ...(JSON.parse(row.json) as Record<string, unknown>), eTag: row.etag };
    }
    return items;
  }

  /**
   * Saves every item in one transaction. An item without an eTag, with an empty one or with `'*'` overwrites;
   * otherwise it is saved only if the stored eTag still equals it (or nothing is stored under the key, as in
   * MemoryStorage), and one conflict rejects the whole batch with an `EtagConflictError`.
   */
  async write(changes: StoreItems): Promise<void> {
    if (!changes) {
      throw new ReferenceError('Changes are required when writing.');
    }
    const keys = Object.keys(changes);
    assertStorageKeys(keys);
    const writes = keys.map((key): PendingWrite => {
      const item: unknown = changes[key];
      const json = serializeStoreItem(key, item);
      return { key, json, expectedEtag: (item as { eTag?: unknown }).eTag };
    });
    this.assertOpen();
    // IMMEDIATE takes the write lock before the eTag is read, so no other process can slip in between compare and set.
    this.writeBatch.immediate(writes);
  }

  /** Stores the item only if the key is free, atomically across processes; true when this call created it. */
  async createIfAbsent(key: string, item: StoreItem): Promise<boolean> {
    assertStorageKeys([key]);
    const json = serializeStoreItem(key, item);
    this.assertOpen();
    return this.insertIfAbsent.run(key, randomUUID(), json, new Date().toISOString()).changes === 1;
  }

  /** Removes the given keys; keys that do not exist are ignored. */
  async delete(keys: string[]): Promise<void> {
    if (!keys) {
      throw new ReferenceError('Keys are required when deleting.');
    }
    assertStorageKeys(keys);
    this.assertOpen();
    this.deleteMany.run(JSON.stringify(keys));
  }

  /** Closes the database file; later calls reject. Safe to call more than once. */
  close(): void {
    if (this.db.open) {
      this.db.close();
    }
  }

  private applyWrites(writes: PendingWrite[]): void {
    const updatedAt = new Date().toISOString();
    for (const { key, json, expectedEtag } of writes) {
      if (expectedEtag && expectedEtag !== '*') {
        const stored = this.selectEtag.get(key);
        if (stored && stored.etag !== expectedEtag) {
          throw new EtagConflictError(key);
        }
      }
      this.upsert.run(key, randomUUID(), json, updatedAt);
    }
  }

  private assertOpen(): void {
    if (!this.db.open) {
      throw new Error('SqliteStorage: the storage has been closed.');
    }
  }
}
