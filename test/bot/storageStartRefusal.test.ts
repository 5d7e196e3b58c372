import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { STATE_STORAGE_EXIT_CODE } from '../../bot/exitIfStateStorageUnusable';
import { SqliteStorage } from '../../services/storage/SqliteStorage';
import { type BotProcessExit, spawnBot, type SpawnedBot } from '../support/botProcess';
import { inboundActivity, TestChannel } from '../support/testChannel';
import { canMountTinyDisk, mountTinyDisk } from '../support/tinyDisk';
import { canMakeFilesUnwritable, makeUnwritable, makeWritable } from '../support/unwritableFiles';

/** Generous for a busy 2-core machine: the child compiles the bot's sources as it loads them. */
const START_TIMEOUT_MS = 90_000;

jest.setTimeout(3 * START_TIMEOUT_MS);

/** Either the bot exited (what these tests want) or it started listening (what today's code did). */
async function exitOrListening(bot: SpawnedBot): Promise<BotProcessExit | { listening: string }> {
  const exited = bot.exited(START_TIMEOUT_MS);
  const listening = bot.listening(START_TIMEOUT_MS).then(
    (url) => ({ listening: url }),
    () => exited,
  );
  return Promise.race([exited, listening]);
}

/** The refusal lines the bot printed on stderr (the Node deprecation warnings of restify aside). */
function refusalLines(exit: BotProcessExit): string[] {
  return exit.stderr.split('\n').filter((line) => line.startsWith('Refusing to start:'));
}

/** A state database as a running bot leaves it: the table, and enough rows for its trees to have interior pages. */
async function stateDatabaseIn(directory: string): Promise<string> {
  const storage = new SqliteStorage({ directory });
  await storage.write(
    Object.fromEntries(
      Array.from({ length: 2000 }, (_, i) => [`msteams/conversations/a:${i}/`, { text: 'x'.repeat(300) }]),
    ),
  );
  storage.close();
  return join(directory, 'bot-state.sqlite');
}

/** Overwrites the interior b-tree pages of a closed database, leaving its header and schema page readable. */
function damageInteriorPages(file: string): void {
  const db = new Database(file);
  let pageSize: number;
  let interior: number[];
  try {
    pageSize = Number(db.pragma('page_size', { simple: true }));
    interior = (db.prepare("SELECT pageno FROM dbstat WHERE pagetype = 'internal'").all() as { pageno: number }[])
      .map((row) => row.pageno)
      .filter((page) => page > 1);
  } finally {
    db.close();
  }
  if (interior.length === 0) throw new Error('the test database has no interior pages to damage');
  const fd = openSync(file, 'r+');
  try {
    for (const page of interior) {
      writeSync(fd, Buffer.alloc(pageSize - 100, 0xee), 0, pageSize - 100, (page - 1) * pageSize + 100);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Leaves the database's -wal and -shm files behind the way a killed bot does: a separate process opens it in WAL mode,
 * reads, and is killed (never closed from this process, whose own close would write to the -shm file).
 */
function leaveShmBehind(file: string): void {
  const script = `
    const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
    const db = new Database(${JSON.stringify(file)});
    db.pragma('journal_mode = WAL');
    db.prepare("INSERT INTO store_items VALUES ('inbound/x', 'e', '{}', '2026-01-01T00:00:00.000Z')").run();
    process.kill(process.pid, 'SIGKILL');`;
  try {
    execFileSync(process.execPath, ['-e', script], { stdio: 'ignore', timeout: 30_000 });
  } catch {
    // Killed, as intended.
  }
  if (!existsSync(`${file}-shm`)) throw new Error('the killed process left no -shm file behind');
}

/** Waits (bounded) until the bot's log has a line containing `text`, and returns those lines. */
async function loggedLines(bot: SpawnedBot, text: string): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { stdout, stderr } = bot.output();
    const lines = `${stdout}\n${stderr}`.split('\n').filter((line) => line.includes(text));
    if (lines.length > 0 || Date.now() > deadline) return lines;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const itWithUnwritableFiles = canMakeFilesUnwritable() ? it : it.skip;
const itWithTinyDisk = canMountTinyDisk() ? it : it.skip;

describe('the bot process refuses to start on state storage it cannot use', () => {
  const channel = new TestChannel();
  beforeAll(() => channel.start());
  afterAll(() => channel.stop());
  let workDirectory: string;
  let dataDirectory: string;
  let bot: SpawnedBot | undefined;
  const unwritable: string[] = [];

  beforeEach(async () => {
    workDirectory = await mkdtemp(join(tmpdir(), 'bot-start-'));
    dataDirectory = join(workDirectory, 'data');
  });

  afterEach(async () => {
    await bot?.kill();
    bot = undefined;
    makeWritable(unwritable.splice(0));
    await rm(workDirectory, { recursive: true, force: true });
  });

  it('exits with the storage code and one line naming a corrupt database and what to do', async () => {
    const file = await stateDatabaseIn(dataDirectory);
    damageInteriorPages(file);

    bot = spawnBot(workDirectory, { DATA_DIR: dataDirectory });
    const outcome = await exitOrListening(bot);

    expect(outcome).toMatchObject({ code: STATE_STORAGE_EXIT_CODE });
    const exit = outcome as BotProcessExit;
    expect(refusalLines(exit)).toHaveLength(1);
    expect(refusalLines(exit)[0]).toContain(`the state database ${file} is corrupt`);
    expect(refusalLines(exit)[0]).toMatch(/restore it from a backup/);
    expect(exit.stderr).not.toMatch(/^\s+at /m);
    expect(exit.stdout).not.toContain('bot listening');
  });

  itWithUnwritableFiles(
    'exits with one line naming an unwritable -shm file instead of starting and failing every turn',
    async () => {
      const file = await stateDatabaseIn(dataDirectory);
      leaveShmBehind(file);
      const shm = `${file}-shm`;
      makeUnwritable([shm]);
      unwritable.push(shm);

      bot = spawnBot(workDirectory, { DATA_DIR: dataDirectory });
      const outcome = await exitOrListening(bot);

      expect(outcome).toMatchObject({ code: STATE_STORAGE_EXIT_CODE, signal: null });
      const exit = outcome as BotProcessExit;
      expect(refusalLines(exit)).toEqual([expect.stringContaining(`the state database file ${shm} is not writable`)]);
    },
  );

  itWithTinyDisk('exits with one line saying the disk is full', async () => {
    const disk = mountTinyDisk(1024);
    try {
      disk.fill();
      bot = spawnBot(workDirectory, { DATA_DIR: join(disk.directory, 'data') });
      const outcome = await exitOrListening(bot);

      expect(outcome).toMatchObject({ code: STATE_STORAGE_EXIT_CODE });
      expect(refusalLines(outcome as BotProcessExit)).toEqual([expect.stringContaining('no space left')]);
    } finally {
      await bot?.kill();
      disk.unmount();
    }
  });

  itWithUnwritableFiles(
    'a running bot whose database files become unwritable answers 503, logs it, and survives the next turn',
    async () => {
      await stateDatabaseIn(dataDirectory);
      bot = spawnBot(workDirectory, { DATA_DIR: dataDirectory });
      const url = await bot.listening(START_TIMEOUT_MS);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);

      const database = join(dataDirectory, 'bot-state.sqlite');
      const files = [database, `${database}-wal`, `${database}-shm`];
      makeUnwritable(files);
      unwritable.push(...files);
      // Written back, the -shm pages the bot has mapped are write-protected again: its next write through the
      // mapping faults, and on an unwritable file that fault is SIGBUS.
      execFileSync('sync');
      const response = await fetch(`${url}/healthz`);

      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable', reason: 'state storage is read-only' });
      const logged = await loggedLines(bot, 'state storage unhealthy');
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain('bot-state.sqlite');

      const turn = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(inboundActivity(channel, { text: 'help', conversationId: 'a:read-only' })),
      });
      expect(turn.status).toBe(200);
      // The turn failed with an apology instead of the process dying mid-turn.
      expect(channel.replies('a:read-only')).toHaveLength(1);
      expect((await fetch(`${url}/healthz`)).status).toBe(503);
    },
  );
});
