/**
 * Thrown when a conditional write loses an optimistic-concurrency race: the caller's eTag no longer matches the
 * stored one. The message follows botbuilder's MemoryStorage so existing log searches keep working; the class lets
 * callers that want to retry tell a conflict apart from a broken database.
 */
export class EtagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'EtagConflictError';
  }
}
