import { StateStorageUnusableError } from '../services/storage/StateStorageUnusableError';

/**
 * Exit code of a bot that refused to start because its state storage cannot be used (corrupt database, unwritable
 * file or directory, full disk, unreachable storage account). Distinct from 2, a configuration problem, so a
 * supervisor can tell "fix the settings" from "fix the disk".
 */
export const STATE_STORAGE_EXIT_CODE = 3;

/**
 * For program entry points only: when start-up failed because the state storage cannot be used, prints one line
 * saying which file or container and what to do, and exits with {@link STATE_STORAGE_EXIT_CODE}. Any other error is
 * thrown on unchanged.
 */
export function exitIfStateStorageUnusable(error: unknown, redact: (line: string) => string): never {
  if (error instanceof StateStorageUnusableError) {
    console.error(redact(`Refusing to start: ${error.message}`));
    process.exit(STATE_STORAGE_EXIT_CODE);
  }
  throw error;
}
