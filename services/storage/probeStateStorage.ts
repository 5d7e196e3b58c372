import { randomUUID } from 'node:crypto';
import type { AtomicCreateStorage } from './AtomicCreateStorage';
import { storageFailureReason } from './storageFailureReason';

/** What one probe of the state storage found. */
export type StorageProbeResult =
  | { ok: true }
  /** `reason` is a few safe words; `detail` (error code and message) is for the log only. */
  | { ok: false; reason: string; detail: string };

/** Where and how long {@link probeStateStorage} may probe. */
export interface StorageProbeOptions {
  /** The key the probe writes, reads back and deletes; one per process, so concurrent instances never race on it. */
  key: string;
  timeoutMs: number;
}

type ProbedStorage = AtomicCreateStorage & { checkFiles?(): void };

/** Error code and message for the log (the logger redacts secrets), checked by shape rather than by class. */
function detailOf(error: unknown): string {
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    message?: unknown;
  };
  const text = typeof message === 'string' ? message : String(error);
  return `${typeof code === 'string' ? `${code}: ` : ''}${text}`.slice(0, 300);
}

async function writeReadDelete(storage: ProbedStorage, key: string): Promise<StorageProbeResult> {
  // Checked first: on SQLite a write through a -shm file that became unwritable ends the process with SIGBUS.
  storage.checkFiles?.();
  const nonce = randomUUID();
  await storage.write({ [key]: { nonce, at: new Date().toISOString(), eTag: '*' } });
  const read: unknown = (await storage.read([key]))[key];
  if ((read as { nonce?: unknown } | undefined)?.nonce !== nonce) {
    return { ok: false, reason: 'state storage lost a write', detail: `read back of ${key} did not return the write` };
  }
  await storage.delete([key]);
  return { ok: true };
}

/**
 * Proves the state storage works right now the way every turn needs it to: writes a fresh value under `key`, reads
 * it back, deletes it, all within `timeoutMs`. Never rejects. A SQLite call blocks the process while it runs, so
 * there the bound is SQLite's busy timeout; the time limit bounds remote storage.
 */
export async function probeStateStorage(
  storage: ProbedStorage,
  options: StorageProbeOptions,
): Promise<StorageProbeResult> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<StorageProbeResult>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          reason: 'state storage timed out',
          detail: `no answer within ${options.timeoutMs} ms`,
        }),
      options.timeoutMs,
    );
  });
  const probed = writeReadDelete(storage, options.key).catch((error: unknown): StorageProbeResult => ({
    ok: false,
    reason: storageFailureReason(error),
    detail: detailOf(error),
  }));
  try {
    return await Promise.race([probed, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
