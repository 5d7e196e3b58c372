import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage } from '../../services/storage/SqliteStorage';
import { describeStorageConformance } from './storageConformance';

describeStorageConformance('SqliteStorage', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'sqlite-storage-'));
  let current = new SqliteStorage({ directory });
  return {
    storage: current,
    reopen: async () => {
      current.close();
      current = new SqliteStorage({ directory });
      return current;
    },
    cleanup: async () => {
      current.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
});
