import { type ChildProcess, spawn } from 'node:child_process';

/** Another process holding a SQLite database's write lock: what the bot meets when its storage is busy. */
export interface SqliteLockHolder {
  /** Resolves when the lock has been released and the process has ended. */
  released: Promise<void>;
}

/**
 * Starts a separate Node process that takes the write lock of the SQLite file (`BEGIN IMMEDIATE`), holds it for
 * `holdMs` and commits; resolves once the lock is held. A separate process because better-sqlite3 waits for a lock
 * synchronously: a holder inside the test process could never let go while the bot waits in that same process.
 */
export async function holdSqliteWriteLock(file: string, holdMs: number): Promise<SqliteLockHolder> {
  const script = `
    const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
    const db = new Database(process.argv[1]);
    db.pragma('busy_timeout = 10000');
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[2]));
  `;
  const child: ChildProcess = spawn(process.execPath, ['-e', script, file, String(holdMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const released = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the lock holder ended before locking (code ${code})`)));
  });
  return { released };
}
