import { execFileSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Makes files unwritable the way an operator's mistake or a hardened host does: as root, permissions do not stop a
 * writer, so the immutable attribute (`chattr +i`) is used; otherwise the write permission is removed.
 */
export function makeUnwritable(files: readonly string[]): void {
  for (const file of files) {
    if (isRoot) execFileSync('chattr', ['+i', file]);
    else chmodSync(file, 0o444);
  }
}

/** Undoes {@link makeUnwritable}; files that are gone are skipped. */
export function makeWritable(files: readonly string[]): void {
  for (const file of files) {
    try {
      if (isRoot) execFileSync('chattr', ['-i', file], { stdio: 'ignore' });
      else chmodSync(file, 0o644);
    } catch {
      // Already gone, or never made unwritable.
    }
  }
}

/** Whether this machine lets a test make a file unwritable (chattr needs a file system that supports it). */
export function canMakeFilesUnwritable(): boolean {
  const directory = mkdtempSync(join(tmpdir(), 'unwritable-probe-'));
  const file = join(directory, 'probe');
  writeFileSync(file, 'x');
  try {
    makeUnwritable([file]);
    accessSync(file, constants.W_OK);
    return false;
  } catch {
    return true;
  } finally {
    makeWritable([file]);
    rmSync(directory, { recursive: true, force: true });
  }
}
