import type { StoreItem, StoreItems } from 'botbuilder';
import type { AtomicCreateStorage } from '../../services/storage/AtomicCreateStorage';

/** What a dead process's storage answers: the process is gone, so nothing it does reaches the database any more. */
export class ProcessKilledError extends Error {
  constructor() {
    super('the bot process was killed');
    this.name = 'ProcessKilledError';
  }
}

/** Settings of {@link DyingStorage}. */
export interface DyingStorageOptions {
  /** Whether this write is the one during which the process dies (it is then refused, like every later call). */
  killsProcess: (changes: StoreItems) => boolean;
  /** Called once, at the moment of death, before the fatal write is refused. */
  onDeath: () => void;
  /** Whether this write fails with a passing storage error (the process lives on). */
  failsOnce?: (changes: StoreItems) => boolean;
}

/** A passing storage failure: a busy or briefly full disk, a Blob Storage 503. */
export class TransientStorageError extends Error {
  constructor() {
    super('SQLITE_BUSY: database is locked (injected)');
    this.name = 'TransientStorageError';
  }
}

/**
 * The state storage as one bot process sees it: it passes every call through to the real storage until the process
 * "dies" — at a chosen write, or when told — and from then on refuses everything, so code still running in the dead
 * process can't change anything. Writes refused after death are kept, to tell which bookkeeping the death cut off.
 */
export class DyingStorage implements AtomicCreateStorage {
  private dead = false;
  readonly refusedWrites: StoreItems[] = [];

  constructor(
    private readonly inner: AtomicCreateStorage,
    private readonly options: DyingStorageOptions,
  ) {}

  get isDead(): boolean {
    return this.dead;
  }

  /** Kills the process now (nothing more reaches the database). */
  kill(): void {
    if (this.dead) return;
    this.dead = true;
    this.options.onDeath();
  }

  async read(keys: string[]): Promise<StoreItems> {
    this.assertAlive();
    return this.inner.read(keys);
  }

  async write(changes: StoreItems): Promise<void> {
    if (!this.dead && this.options.killsProcess(changes)) this.kill();
    if (this.dead) {
      this.refusedWrites.push(changes);
      throw new ProcessKilledError();
    }
    if (this.options.failsOnce?.(changes)) throw new TransientStorageError();
    return this.inner.write(changes);
  }

  async delete(keys: string[]): Promise<void> {
    this.assertAlive();
    return this.inner.delete(keys);
  }

  async createIfAbsent(key: string, item: StoreItem): Promise<boolean> {
    this.assertAlive();
    return this.inner.createIfAbsent(key, item);
  }

  private assertAlive(): void {
    if (this.dead) throw new ProcessKilledError();
  }
}
