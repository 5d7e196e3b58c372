import type { AtomicCreateStorage } from './AtomicCreateStorage';
import type { PrefixPurge } from './PrefixPurge';
import { SqliteStorage } from './SqliteStorage';
import { StateStorageUnusableError } from './StateStorageUnusableError';
import { storageFailureReason } from './storageFailureReason';

/** Which backend holds the bot's state: a SQLite file on this machine, or Azure Blob Storage shared by instances. */
export type StateStorageSettings =
  { kind: 'sqlite'; directory: string } | { kind: 'blob'; connectionString: string; container: string };

/** The state storage a bot process runs on, closed when the process stops. */
export type StateStorage = AtomicCreateStorage &
  PrefixPurge & {
    close(): void;
    /** Throws when the storage's local files can no longer be written (SQLite only). */
    checkFiles?(): void;
  };

/**
 * Opens the configured state storage and makes sure it is usable before the bot accepts its first turn: a missing
 * blob container is created now, and a wrong connection string fails here rather than in a user's conversation.
 * Storage that cannot be used rejects with a {@link StateStorageUnusableError} whose message names the problem.
 */
export async function openStateStorage(settings: StateStorageSettings): Promise<StateStorage> {
  if (settings.kind === 'sqlite') {
    return new SqliteStorage({ directory: settings.directory });
  }
  // Loaded only here: the blob SDK would cost a SQLite bot some 4 MB of heap it never uses.
  const { BlobStateStorage } = await import('./BlobStateStorage');
  const storage = new BlobStateStorage({ connectionString: settings.connectionString, container: settings.container });
  try {
    await storage.init();
  } catch (error) {
    // Only the reason words: the SDK's message can quote the account URL or a SAS token.
    const reason = storageFailureReason(error);
    throw new StateStorageUnusableError(
      `Azure Blob Storage container "${settings.container}" cannot be used (${reason}). ` +
        'Check AZURE_STORAGE_CONNECTION_STRING, the account firewall and that the account is reachable, then start again.',
      reason,
    );
  }
  return storage;
}
