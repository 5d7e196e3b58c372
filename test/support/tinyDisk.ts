import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A small file system of its own (tmpfs), so a test can fill it up without touching the machine's disk. */
export interface TinyDisk {
  directory: string;
  /** Writes a filler file until the disk is full. */
  fill(): void;
  /** Removes the filler file again. */
  free(): void;
  unmount(): void;
}

/** Mounts a tmpfs of `sizeKb` on a fresh temporary directory; needs root (CAP_SYS_ADMIN). */
export function mountTinyDisk(sizeKb: number): TinyDisk {
  const directory = mkdtempSync(join(tmpdir(), 'tiny-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', directory], { stdio: 'ignore' });
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  const filler = join(directory, 'filler');
  return {
    directory,
    fill: () => {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(4096, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch {
        // ENOSPC: full.
      } finally {
        closeSync(fd);
      }
    },
    free: () => rmSync(filler, { force: true }),
    unmount: () => {
      execFileSync('umount', [directory], { stdio: 'ignore' });
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Whether this test process may mount a tmpfs (root with CAP_SYS_ADMIN, as in CI's container). */
export function canMountTinyDisk(): boolean {
  try {
    mountTinyDisk(64).unmount();
    return true;
  } catch {
    return false;
  }
}
