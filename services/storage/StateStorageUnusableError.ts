/**
 * The state storage cannot be used at all (corrupt database, a file or directory the bot cannot write, no space, an
 * unreachable account), so the bot must not start: every turn would fail. The message is one line for the operator,
 * naming the file or container and what to do (entry points print it after "Refusing to start: "); it never quotes a
 * connection string or key.
 */
export class StateStorageUnusableError extends Error {
  constructor(
    message: string,
    /** A few words for health answers and logs, such as "state database is corrupt". */
    readonly reason: string,
  ) {
    super(message);
    this.name = 'StateStorageUnusableError';
  }
}
