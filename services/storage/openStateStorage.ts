import type { AtomicCreateStorage } from './AtomicCreateStorage';
import { BlobStateStorage } from './BlobStateStorage';
import { SqliteStorage } from './SqliteStorage';

/** Which backend holds the bot's state: a SQLite file on this machine, or Azure Blob Storage shared by instances. */
export type StateStorageSettings =
  { kind: 'sqlite'; directory: string } | { kind: 'blob'; connectionString: string; container: string };

/** The state storage a bot process runs on, closed when the process stops. */
export type StateStorage = AtomicCreateStorage & { close(): void };

/**
 * Opens the configured state storage and makes sure it is usable before the bot accepts its first turn: a missing
 * blob container is created now, and a wrong connection string fails here rather than in a user's conversation.
 */
export async function openStateStorage(settings: StateStorageSettings): Promise<StateStorage> {
  if (settings.kind === 'sqlite') {
    return new SqliteStorage({ directory: settings.directory });
  }
  const storage = new BlobStateStorage({ connectionString: settings.connectionString, container: settings.container });
  await storage.init();
  return storage;
}
