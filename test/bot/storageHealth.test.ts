import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityHandler, ConversationState, MemoryStorage } from 'botbuilder';
import Database from 'better-sqlite3';
import { loadConfig } from '../../bot/config';
import type { Logger } from '../../bot/logger';
import { RunningBotServer, startBotServer } from '../../bot/server';
import { StorageHealth } from '../../bot/StorageHealth';
import type { AtomicCreateStorage } from '../../services/storage/AtomicCreateStorage';
import { BlobStateStorage } from '../../services/storage/BlobStateStorage';
import { openStateStorage } from '../../services/storage/openStateStorage';
import { SqliteStorage } from '../../services/storage/SqliteStorage';
import { StateStorageUnusableError } from '../../services/storage/StateStorageUnusableError';
import { type RunningAzurite, startAzurite } from '../storage/azurite';
import { canMountTinyDisk, mountTinyDisk } from '../support/tinyDisk';
import { canMakeFilesUnwritable, makeUnwritable, makeWritable } from '../support/unwritableFiles';

type ProbedStorage = AtomicCreateStorage & { checkFiles?(): void };

const recordingLogger = (): Logger & { lines: string[] } => {
  const lines: string[] = [];
  const push = (message: string, fields?: Record<string, unknown>): void => {
    lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  };
  return { lines, info: push, warn: push, error: push };
};

/** The bot's HTTP edge with its storage health check, over the given storage, on a free loopback port. */
async function serveHealth(storage: ProbedStorage, logger: Logger, timeoutMs = 5000): Promise<RunningBotServer> {
  const config = loadConfig({ PORT: '0' });
  config.bot.port = 0;
  const health = new StorageHealth({ storage, logger, timeoutMs });
  return startBotServer({
    config,
    bot: new ActivityHandler(),
    conversationState: new ConversationState(new MemoryStorage()),
    logger,
    version: '9.9.9',
    health: () => health.check(),
  });
}

async function healthOf(server: RunningBotServer): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}/healthz`);
  return { status: response.status, body: await response.json() };
}

function sqliteFiles(directory: string): string[] {
  const database = join(directory, 'bot-state.sqlite');
  return [database, `${database}-wal`, `${database}-shm`];
}

const unhealthyLines = (logger: { lines: string[] }): string[] =>
  logger.lines.filter((line) => line.startsWith('state storage unhealthy'));

const itWithUnwritableFiles = canMakeFilesUnwritable() ? it : it.skip;
const itWithTinyDisk = canMountTinyDisk() ? it : it.skip;

describe('/healthz over SQLite state storage', () => {
  let directory: string;
  let storage: SqliteStorage | undefined;
  let server: RunningBotServer | undefined;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'health-'));
  });

  afterEach(async () => {
    makeWritable(sqliteFiles(directory));
    await server?.close();
    storage?.close();
    server = undefined;
    storage = undefined;
    await rm(directory, { recursive: true, force: true });
  });

  it('answers 200 with version and mode, and leaves no probe record behind', async () => {
    storage = new SqliteStorage({ directory });
    server = await serveHealth(storage, recordingLogger());

    expect(await healthOf(server)).toEqual({ status: 200, body: { status: 'ok', version: '9.9.9', mode: 'local' } });

    const raw = new Database(join(directory, 'bot-state.sqlite'), { readonly: true });
    try {
      expect(raw.prepare("SELECT count(*) AS n FROM store_items WHERE key LIKE 'health/%'").get()).toEqual({ n: 0 });
    } finally {
      raw.close();
    }
  });

  itWithUnwritableFiles(
    'answers 503 "read-only" once the database files cannot be written, logs it once, and recovers',
    async () => {
      storage = new SqliteStorage({ directory });
      const logger = recordingLogger();
      server = await serveHealth(storage, logger);
      expect((await healthOf(server)).status).toBe(200);

      makeUnwritable(sqliteFiles(directory));
      const answers = [await healthOf(server), await healthOf(server), await healthOf(server)];
      makeWritable(sqliteFiles(directory));
      const afterFix = await healthOf(server);

      for (const answer of answers) {
        expect(answer).toEqual({ status: 503, body: { status: 'unavailable', reason: 'state storage is read-only' } });
      }
      expect(afterFix.status).toBe(200);
      // Three failing probes, one line; the file is named so the operator knows what to fix.
      expect(unhealthyLines(logger)).toHaveLength(1);
      expect(unhealthyLines(logger)[0]).toContain('bot-state.sqlite');
      expect(logger.lines.filter((line) => line.startsWith('state storage healthy again'))).toHaveLength(1);
    },
  );

  itWithTinyDisk('answers 503 "full" when the disk holding the database fills up', async () => {
    const disk = mountTinyDisk(1024);
    try {
      storage = new SqliteStorage({ directory: disk.directory });
      const logger = recordingLogger();
      server = await serveHealth(storage, logger);
      expect((await healthOf(server)).status).toBe(200);

      disk.fill();
      const full = await healthOf(server);
      disk.free();
      const freed = await healthOf(server);

      expect(full).toEqual({ status: 503, body: { status: 'unavailable', reason: 'state storage is full' } });
      expect(unhealthyLines(logger)[0]).toMatch(/SQLITE_FULL/);
      expect(freed.status).toBe(200);
    } finally {
      await server?.close();
      server = undefined;
      storage?.close();
      storage = undefined;
      disk.unmount();
    }
  });

  it('answers 503 "full" when SQLite refuses writes with SQLITE_FULL', async () => {
    storage = new SqliteStorage({ directory });
    const real = storage;
    // A disk that fills up, as SQLite reports it, for machines where the test cannot mount a small file system.
    const filling: ProbedStorage = {
      read: (keys) => real.read(keys),
      delete: (keys) => real.delete(keys),
      createIfAbsent: (key, item) => real.createIfAbsent(key, item),
      write: async () => {
        throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
      },
    };
    server = await serveHealth(filling, recordingLogger());

    expect(await healthOf(server)).toEqual({
      status: 503,
      body: { status: 'unavailable', reason: 'state storage is full' },
    });
  });

  it('answers 503 "corrupt" when pages of the running database are damaged', async () => {
    storage = new SqliteStorage({ directory });
    // Enough rows for the table and its key index to have interior pages.
    await storage.write(
      Object.fromEntries(
        Array.from({ length: 2000 }, (_, i) => [`msteams/conversations/a:${i}/`, { text: 'x'.repeat(300) }]),
      ),
    );
    const logger = recordingLogger();
    server = await serveHealth(storage, logger);
    expect((await healthOf(server)).status).toBe(200);

    damageInteriorPages(join(directory, 'bot-state.sqlite'));

    expect(await healthOf(server)).toEqual({
      status: 503,
      body: { status: 'unavailable', reason: 'state database is corrupt' },
    });
    expect(unhealthyLines(logger)[0]).toMatch(/SQLITE_CORRUPT/);
  });
});

describe('/healthz over Azure Blob state storage', () => {
  let azurite: RunningAzurite | undefined;
  let servers: RunningBotServer[] = [];

  beforeAll(async () => {
    azurite = await startAzurite();
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    servers = [];
    await azurite?.stop();
  });

  it('answers 200 while the account accepts its key, and 503 without any secret once the key is wrong', async () => {
    const connectionString = azurite?.connectionString ?? '';
    const good = new BlobStateStorage({ connectionString, container: 'health-check' });
    await good.init();
    const goodServer = await serveHealth(good, recordingLogger());
    servers.push(goodServer);
    expect((await healthOf(goodServer)).status).toBe(200);

    // A rotated account key: every request is refused with 403 from now on.
    const rotatedKey = Buffer.alloc(64, 7).toString('base64');
    const stale = new BlobStateStorage({
      connectionString: connectionString.replace(/AccountKey=[^;]+/, `AccountKey=${rotatedKey}`),
      container: 'health-check',
    });
    const logger = recordingLogger();
    const staleServer = await serveHealth(stale, logger);
    servers.push(staleServer);
    const response = await fetch(`${staleServer.url}/healthz`);
    const text = await response.text();

    expect(response.status).toBe(503);
    expect(JSON.parse(text)).toEqual({ status: 'unavailable', reason: 'state storage refused access' });
    expect(text).not.toContain(rotatedKey);
    expect(text).not.toContain('devstoreaccount1');
    expect(unhealthyLines(logger)).toHaveLength(1);
  });

  it('refuses to open a container whose account refuses the key, naming the container and no secret', async () => {
    const rotatedKey = Buffer.alloc(64, 9).toString('base64');
    const connectionString = (azurite?.connectionString ?? '').replace(/AccountKey=[^;]+/, `AccountKey=${rotatedKey}`);

    const opening = openStateStorage({ kind: 'blob', connectionString, container: 'never-created' });

    await expect(opening).rejects.toBeInstanceOf(StateStorageUnusableError);
    const error = (await opening.catch((e: unknown) => e)) as StateStorageUnusableError;
    expect(error.message).toMatch(
      /^Azure Blob Storage container "never-created" cannot be used \(state storage refused access\)/,
    );
    expect(error.message).not.toContain(rotatedKey);
  });
});

/**
 * Overwrites the interior b-tree pages of a live database from outside, the way a bad disk or a stray writer would,
 * then makes a change through another connection so the bot's connection drops its cached copies of the pages.
 */
function damageInteriorPages(file: string): void {
  const other = new Database(file);
  let pageSize: number;
  let interior: { pageno: number }[];
  try {
    other.pragma('wal_checkpoint(TRUNCATE)');
    pageSize = Number(other.pragma('page_size', { simple: true }));
    interior = other.prepare("SELECT pageno FROM dbstat WHERE pagetype = 'internal'").all() as { pageno: number }[];
  } finally {
    other.close();
  }
  if (interior.length === 0) throw new Error('the test database has no interior pages to damage');
  const fd = openSync(file, 'r+');
  try {
    // Each page's first 100 bytes stay (page 1 holds the file header): the damage is inside the trees.
    for (const { pageno } of interior) {
      writeSync(fd, Buffer.alloc(pageSize - 100, 0xee), 0, pageSize - 100, (pageno - 1) * pageSize + 100);
    }
  } finally {
    closeSync(fd);
  }
  const nudge = new Database(file);
  try {
    nudge.exec('CREATE TABLE IF NOT EXISTS health_test_nudge (x)');
  } finally {
    nudge.close();
  }
}
