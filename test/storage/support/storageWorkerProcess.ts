import { EtagConflictError } from '../../../services/storage/EtagConflictError';
import { SqliteStorage } from '../../../services/storage/SqliteStorage';

/** Try once to take `key` with a conditional write, as one of several racing processes. */
export interface ConditionalWriteJob {
  kind: 'conditionalWrite';
  directory: string;
  key: string;
  eTag: string;
  holder: string;
}

/** Add one to a counter `times` times by read-modify-write, retrying on conflicts. */
export interface IncrementJob {
  kind: 'increment';
  directory: string;
  key: string;
  times: number;
  maxConflicts: number;
  workerId: string;
}

/** One job for a separate OS process working on the same SQLite file as the test. */
export type StorageWorkerJob = ConditionalWriteJob | IncrementJob;

/** What the process prints as its single line of stdout. */
export type StorageWorkerResult =
  { kind: 'conditionalWrite'; won: boolean; error?: string } | { kind: 'increment'; conflicts: number };

const START_SIGNAL_WAIT_MS = 20_000;
const pause = (ms: number) => new Promise((resume) => setTimeout(resume, ms));

async function conditionalWrite(storage: SqliteStorage, job: ConditionalWriteJob): Promise<StorageWorkerResult> {
  try {
    await storage.write({ [job.key]: { holder: job.holder, eTag: job.eTag } });
    return { kind: 'conditionalWrite', won: true };
  } catch (error) {
    if (error instanceof EtagConflictError) {
      return { kind: 'conditionalWrite', won: false, error: error.message };
    }
    throw error;
  }
}

/** Starting gate shared through the file: report ready, then wait (bounded) until the test writes `go`. */
export async function waitForStartSignal(storage: SqliteStorage, workerId: string): Promise<void> {
  await storage.write({ [`ready/${workerId}`]: { ready: true } });
  for (let waited = 0; waited < START_SIGNAL_WAIT_MS; waited += 5) {
    if ((await storage.read(['go'])).go) {
      return;
    }
    await pause(5);
  }
  throw new Error(`no start signal within ${START_SIGNAL_WAIT_MS} ms`);
}

/**
 * Read-modify-write with retries, the pattern that loses updates if compare-and-set is not atomic across
 * processes. Returns how many conflicts it had to retry.
 */
export async function incrementWithRetries(storage: SqliteStorage, job: IncrementJob): Promise<number> {
  let conflicts = 0;
  let done = 0;
  while (done < job.times) {
    if (conflicts > job.maxConflicts) {
      throw new Error(`gave up after ${conflicts} conflicts`);
    }
    const current = (await storage.read([job.key]))[job.key] as { count: number; eTag: string };
    // Widens the gap between read and write so other writers really do land inside it.
    await pause(1);
    try {
      await storage.write({ [job.key]: { count: current.count + 1, eTag: current.eTag } });
      done += 1;
    } catch (error) {
      if (!(error instanceof EtagConflictError)) {
        throw error;
      }
      conflicts += 1;
    }
  }
  return conflicts;
}

/** Runs one job against its own SqliteStorage instance and returns what happened. */
export async function runStorageWorker(job: StorageWorkerJob): Promise<StorageWorkerResult> {
  const storage = new SqliteStorage({ directory: job.directory });
  try {
    if (job.kind === 'conditionalWrite') {
      return await conditionalWrite(storage, job);
    }
    await waitForStartSignal(storage, job.workerId);
    return { kind: 'increment', conflicts: await incrementWithRetries(storage, job) };
  } finally {
    storage.close();
  }
}

// Entry point when started as a child process: the job arrives as JSON in argv[2], the result leaves on stdout.
if (require.main === module) {
  runStorageWorker(JSON.parse(process.argv[2] ?? '{}') as StorageWorkerJob).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
