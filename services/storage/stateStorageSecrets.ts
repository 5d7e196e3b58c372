import type { StateStorageSettings } from './openStateStorage';

/**
 * The values a log line must never contain for this storage: the whole connection string and, separately, its
 * account key and SAS token, since an SDK error may quote one part without the rest.
 */
export function stateStorageSecrets(settings: StateStorageSettings): string[] {
  if (settings.kind !== 'blob') {
    return [];
  }
  const parts = settings.connectionString
    .split(';')
    .map((part) => /^\s*(AccountKey|SharedAccessSignature)\s*=(.+)$/i.exec(part)?.[2]?.trim())
    .filter((value): value is string => Boolean(value));
  return [settings.connectionString, ...parts];
}
