import { randomUUID } from 'node:crypto';
import { basename, join } from 'node:path';
import { setImmediate as nextTurnOfEventLoop } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { StoreItem, StoreItems } from 'botbuilder';
import type { AtomicCreateStorage } from './AtomicCreateStorage';
import { assertStorageKeys } from './assertStorageKeys';
import { EtagConflictError } from './EtagConflictError';
import { assertPurgePrefix, keyPrefixEnd, type PrefixPurge } from './PrefixPurge';
import { serializeStoreItem } from './serializeStoreItem';
import {
  assertSqliteDirectoryUsable,
  assertSqliteFilesWritable,
  type SqliteFile,
  sqliteFilesOf,
} from './sqliteFileChecks';
import { StateStorageUnusableError } from './StateStorageUnusableError';
import { storageFailureReason } from './storageFailureReason';

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
/** Rows removed per purge statement: each batch is one short write transaction, so turns wait at most that long. */
const PURGE_BATCH_ROWS = 500;

/** What an operator does about a database SQLite reports as damaged; state lost with it includes open checkouts. */
function corruptDatabaseMessage(path: string, finding: string): string {
  // quick_check starts its report with the schema name ("*** in database main ***"), which says nothing here.
  const summary = finding
    .replace(/^\*\*\* in database \w+ \*\*\*/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 160);
  return (
    `the state database ${path} is corrupt (${summary}). ` +
    `Stop every bot process using it and keep a copy; then restore it from a backup, or rebuild it with ` +
    `\`sqlite3 ${basename(path)} .recover | sqlite3 recovered.sqlite\` and put that in its place. ` +
    `Check Partner Center for recent orders before anyone orders again.`
  );
}

/**
 * Opens the file in WAL mode with the table in place, after a quick integrity check, closing it again if any of that
 * fails. Failures become a {@link StateStorageUnusableError}: a bot on a database it cannot open, or one with damaged
 * pages, would otherwise start and then fail every turn.
 */
function openDatabase(path: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(path);
    // busy_timeout first: switching to WAL needs a lock another process may be holding right now.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    // quick_check reads every page (O(N), no index cross-checks): a damaged interior page shows here, not mid-turn.
    const finding = db.pragma('quick_check(1)', { simple: true });
    if (finding !== 'ok') {
      throw new StateStorageUnusableError(corruptDatabaseMessage(path, String(finding)), 'state database is corrupt');
    }
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
    db?.close();
    if (error instanceof StateStorageUnusableError) throw error;
    const reason = storageFailureReason(error);
    const code = (error as { code?: unknown }).code;
    const finding = typeof code === 'string' ? code : 'unknown error';
    if (reason === 'state database is corrupt') {
      throw new StateStorageUnusableError(corruptDatabaseMessage(path, finding), reason);
    }
    throw new StateStorageUnusableError(
      `cannot open the state database ${path} (${finding}: ${reason}). ` +
        'Check that its directory and files are writable and the disk has space, then start again.',
      reason,
    );
  }
}

/**
 * botbuilder `Storage` backed by one SQLite file, so conversation and user state survive a restart and can be
 * shared by several bot processes on one machine.
 *
 * Behaves like botbuilder's MemoryStorage (same eTag rules, same error messages) with two deliberate
 * differences: a `write` batch is all-or-nothing, and keys and values are validated up front.
 *
 * The constructor refuses (with a {@link StateStorageUnusableError}) a directory or file it cannot write, a full disk
 * and a database failing SQLite's quick check, before SQLite maps any file; every operation first checks that the
 * files are still writable (see {@link SqliteStorage.checkFiles}).
 */
export class SqliteStorage implements AtomicCreateStorage, PrefixPurge {
  private readonly db: Database.Database;
  private readonly selectMany: Database.Statement<[string], StoredRow>;
  private readonly selectEtag: Database.Statement<[string], Pick<StoredRow, 'etag'>>;
  private readonly upsert: Database.Statement<[string, string, string, string]>;
  private readonly deleteMany: Database.Statement<[string]>;
  private readonly insertIfAbsent: Database.Statement<[string, string, string, string]>;
  private readonly writeBatch: Database.Transaction<(writes: PendingWrite[]) => void>;
  private readonly purgeBatch: Database.Statement<[string, string, string, number]>;
  private readonly files: SqliteFile[];
  /** Set when close() had to leave the connection to the operating system; every later call rejects. */
  private abandoned = false;

  constructor(options: SqliteStorageOptions) {
    const fileName = options.fileName ?? DEFAULT_FILE_NAME;
    if (fileName.length === 0 || basename(fileName) !== fileName) {
      throw new TypeError(`SqliteStorage: fileName "${fileName}" must be a bare file name, not a path.`);
    }
    this.files = sqliteFilesOf(options.directory, fileName);
    assertSqliteDirectoryUsable(options.directory, fileName);
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
    // A key range rather than LIKE, so the primary-key index finds the kind's rows; rowid, so the batch is cheap.
    this.purgeBatch = this.db.prepare(
      `DELETE FROM store_items WHERE rowid IN (
         SELECT rowid FROM store_items WHERE key >= ? AND key < ? AND updated_at < ? LIMIT ?)`,
    );
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

  /**
   * Removes keys under `prefix` whose last write (`updated_at`) is before `cutoff`, at most `limit`, in batches of
   * {@link PURGE_BATCH_ROWS} rows with the event loop free between them.
   */
  async purgeOlderThan(prefix: string, cutoff: Date, limit: number): Promise<number> {
    assertPurgePrefix(prefix);
    const end = keyPrefixEnd(prefix);
    // updated_at holds toISOString() values, which sort as text in time order.
    const before = cutoff.toISOString();
    let removed = 0;
    while (removed < limit) {
      this.assertOpen();
      const batch = Math.min(PURGE_BATCH_ROWS, limit - removed);
      const changes = this.purgeBatch.run(prefix, end, before, batch).changes;
      removed += changes;
      if (changes < batch) break;
      await nextTurnOfEventLoop();
    }
    return removed;
  }

  /**
   * Throws a {@link StateStorageUnusableError} when the database, its -wal or its -shm file can no longer be written
   * (made read-only or immutable while the bot runs). Every operation checks this first: SQLite would otherwise find
   * out by writing through its mapping of the -shm file, which ends the process with SIGBUS and no log line.
   */
  checkFiles(): void {
    assertSqliteFilesWritable(this.files);
  }

  /** Closes the database file; later calls reject. Safe to call more than once. */
  close(): void {
    if (!this.db.open || this.abandoned) return;
    try {
      this.checkFiles();
    } catch {
      // Closing checkpoints through the -shm mapping, which SIGBUSes on an unwritable file; the OS releases it at exit.
      this.abandoned = true;
      return;
    }
    this.db.close();
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
    if (!this.db.open || this.abandoned) {
      throw new Error('SqliteStorage: the storage has been closed.');
    }
    this.checkFiles();
  }
}
