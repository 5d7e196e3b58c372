import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StateStorageUnusableError } from './StateStorageUnusableError';

/** One wal-index region: what SQLite must be able to add to the -shm file before it can open the database. */
const SPACE_PROBE_BYTES = 32 * 1024;

const FIX_FILE = 'Make it readable and writable by the bot (owner and permissions, `chattr -i`, read-only mounts).';

/** One of the files SQLite keeps for a database in WAL mode. */
export interface SqliteFile {
  path: string;
  kind: 'database' | 'wal' | 'shm';
}

/** The errno name of a failed file-system call (checked by shape: errors may come from another realm). */
function codeOf(error: unknown): string {
  const code: unknown = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : 'unknown error';
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Usually it was never created; a leftover is a small dot-file and harmless.
  }
}

/** The database file and the two files SQLite keeps beside it in WAL mode. */
export function sqliteFilesOf(directory: string, fileName: string): SqliteFile[] {
  const database = join(directory, fileName);
  return [
    { path: database, kind: 'database' },
    { path: `${database}-wal`, kind: 'wal' },
    { path: `${database}-shm`, kind: 'shm' },
  ];
}

/**
 * Throws a {@link StateStorageUnusableError} naming the first of the given files that exists but may not be read and
 * written by this process. Three access(2) calls, cheap enough to run before every storage operation.
 *
 * This matters most for `-shm`: SQLite maps it into memory, and writing through the mapping of a file that became
 * unwritable kills the process with SIGBUS — no exception, no log line. Checked with access(2), never by opening the
 * file: closing any descriptor of a file drops every POSIX lock this process holds on it, SQLite's included.
 */
export function assertSqliteFilesWritable(files: readonly SqliteFile[]): void {
  for (const file of files) {
    try {
      accessSync(file.path, constants.R_OK | constants.W_OK);
    } catch (error) {
      const code = codeOf(error);
      if (code === 'ENOENT') continue;
      // With every bot process stopped a -shm file is disposable: SQLite rebuilds it from the -wal file.
      const shmHint = file.kind === 'shm' ? ' Or, with every bot process using it stopped, delete that -shm file.' : '';
      throw new StateStorageUnusableError(
        `the state database file ${file.path} is not writable (${code}). ${FIX_FILE}${shmHint}`,
        'state storage is read-only',
      );
    }
  }
}

/**
 * Checks, before SQLite opens and maps anything, that the state database can work in `directory`: the directory
 * exists (it is created if missing) and takes new files and data, and the database's files are regular files the bot
 * may write. Throws a {@link StateStorageUnusableError} with a one-line message naming the path and what to do.
 */
export function assertSqliteDirectoryUsable(directory: string, fileName: string): void {
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw new StateStorageUnusableError(
      `cannot create the state directory ${directory} (${codeOf(error)}). Create it, or point DATA_DIR at a writable directory.`,
      'state directory cannot be created',
    );
  }
  if (!statSync(directory).isDirectory()) {
    throw new StateStorageUnusableError(
      `DATA_DIR ${directory} is not a directory. Point DATA_DIR at a directory.`,
      'state directory is not a directory',
    );
  }
  // A real write, because a read-only mount, an immutable directory or a full disk are only told apart by trying.
  const probe = join(directory, `.${fileName}.start-check-${process.pid}-${randomBytes(4).toString('hex')}`);
  let code: string | undefined;
  try {
    writeFileSync(probe, Buffer.alloc(SPACE_PROBE_BYTES), { flag: 'wx' });
    // SQLite deletes its -wal and -shm files again, so removing a file must work too.
    unlinkSync(probe);
  } catch (error) {
    code = codeOf(error);
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    removeQuietly(probe);
    throw new StateStorageUnusableError(
      `no space left for the state database in ${directory} (${code}). Free space on that disk, then start again.`,
      'state storage is full',
    );
  }
  if (code !== undefined) {
    removeQuietly(probe);
    throw new StateStorageUnusableError(
      `the state directory ${directory} is not writable (${code}). Make it writable by the bot (permissions, \`chattr -i\`, read-only mounts) or point DATA_DIR elsewhere.`,
      'state storage is read-only',
    );
  }
  const files = sqliteFilesOf(directory, fileName);
  for (const file of files) {
    let isFile = true;
    try {
      isFile = statSync(file.path).isFile();
    } catch {
      // Missing is fine (SQLite creates it); any other problem shows in the access check below.
    }
    if (!isFile) {
      throw new StateStorageUnusableError(
        `${file.path} is not a regular file, so SQLite cannot use it. Move it out of the way, then start again.`,
        'state database file is not a regular file',
      );
    }
  }
  assertSqliteFilesWritable(files);
}
