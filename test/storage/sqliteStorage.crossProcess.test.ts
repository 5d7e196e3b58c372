import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { EtagConflictError } from '../../services/storage/EtagConflictError';
import { SqliteStorage } from '../../services/storage/SqliteStorage';
import {
  incrementWithRetries,
  IncrementJob,
  StorageWorkerJob,
  StorageWorkerResult,
  waitForStartSignal,
} from './support/storageWorkerProcess';

const run = promisify(execFile);
const projectRoot = resolve(__dirname, '../..');
const workerScript = join(__dirname, 'support', 'storageWorkerProcess.ts');

// The child is plain Node: this preamble teaches it to load .ts files with the project's own TypeScript compiler.
const loadTypeScriptThenRunWorker = `
const fs = require('node:fs');
const ts = require('typescript');
require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
  module._compile(ts.transpileModule(source, { compilerOptions: options, fileName: filename }).outputText, filename);
};
require('node:module').runMain(process.argv[1]);
`;

/** Runs one job in its own Node process against the shared database file. */
async function inChildProcess(job: StorageWorkerJob): Promise<StorageWorkerResult> {
  const { stdout } = await run(
    process.execPath,
    ['-e', loadTypeScriptThenRunWorker, '--', workerScript, JSON.stringify(job)],
    { cwd: projectRoot, timeout: 30_000, killSignal: 'SIGKILL' },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as StorageWorkerResult;
}

describe('SqliteStorage shared by several instances and processes on one file', () => {
  let directory: string;
  const opened: SqliteStorage[] = [];
  const open = (): SqliteStorage => {
    const storage = new SqliteStorage({ directory });
    opened.push(storage);
    return storage;
  };

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'sqlite-storage-shared-'));
  });

  afterEach(async () => {
    opened.splice(0).forEach((storage) => storage.close());
    await rm(directory, { recursive: true, force: true });
  });

  it('detects a conflict when another instance wrote after this one read', async () => {
    const first = open();
    const second = open();
    await first.write({ 'msteams/conversations/a:1/': { step: 'ask quantity' } });
    const seenByFirst = (await first.read(['msteams/conversations/a:1/']))['msteams/conversations/a:1/'];
    const seenBySecond = (await second.read(['msteams/conversations/a:1/']))['msteams/conversations/a:1/'];
    expect(seenBySecond.eTag).toBe(seenByFirst.eTag);

    await second.write({ 'msteams/conversations/a:1/': { step: 'confirm', eTag: seenBySecond.eTag } });
    await expect(
      first.write({ 'msteams/conversations/a:1/': { step: 'checkout', eTag: seenByFirst.eTag } }),
    ).rejects.toBeInstanceOf(EtagConflictError);
    expect((await first.read(['msteams/conversations/a:1/']))['msteams/conversations/a:1/'].step).toBe('confirm');
  });

  it('lets exactly one of several processes holding the same eTag win, and stores the winner', async () => {
    const parent = open();
    await parent.write({ seat: { holder: 'nobody' } });
    const { eTag } = (await parent.read(['seat'])).seat;
    const holders = ['process-a', 'process-b', 'process-c'];

    const results = await Promise.all(
      holders.map((holder) => inChildProcess({ kind: 'conditionalWrite', directory, key: 'seat', eTag, holder })),
    );

    const winners = holders.filter((_holder, index) => {
      const result = results[index];
      return result.kind === 'conditionalWrite' && result.won;
    });
    expect(winners).toHaveLength(1);
    results.forEach((result) => {
      if (result.kind === 'conditionalWrite' && !result.won) {
        expect(result.error).toBe('Storage: error writing "seat" due to eTag conflict.');
      }
    });
    expect((await parent.read(['seat'])).seat.holder).toBe(winners[0]);
  });

  it('loses no update when processes and an in-process instance increment one counter concurrently', async () => {
    const parent = open();
    await parent.write({ counter: { count: 0 } });
    const job = (workerId: string): IncrementJob => ({
      kind: 'increment',
      directory,
      key: 'counter',
      times: 25,
      maxConflicts: 2000,
      workerId,
    });
    const local = open();
    // Release everyone at once, so the increments overlap instead of running one process after another.
    const releaseWhenAllReady = async (): Promise<void> => {
      const readyKeys = ['ready/child-1', 'ready/child-2', 'ready/parent'];
      for (let polls = 0; Object.keys(await parent.read(readyKeys)).length < readyKeys.length; polls += 1) {
        if (polls > 2000) {
          throw new Error('workers did not report ready');
        }
        await new Promise((resume) => setTimeout(resume, 10));
      }
      await parent.write({ go: { released: true } });
    };

    const [first, second, parentConflicts] = await Promise.all([
      inChildProcess(job('child-1')),
      inChildProcess(job('child-2')),
      waitForStartSignal(local, 'parent').then(() => incrementWithRetries(local, job('parent'))),
      releaseWhenAllReady(),
    ]);

    expect((await parent.read(['counter'])).counter.count).toBe(75);
    const childConflicts = [first, second].map((result) => (result.kind === 'increment' ? result.conflicts : 0));
    // Conflicts prove the writers really interleaved; without them this test could not catch a lost update.
    expect(childConflicts.reduce((sum, count) => sum + count, parentConflicts)).toBeGreaterThan(0);
  });
});
