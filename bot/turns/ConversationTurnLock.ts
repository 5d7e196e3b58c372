import { createHash, randomUUID } from 'node:crypto';
import type { Middleware, StoreItem, TurnContext } from 'botbuilder';
import type { AtomicCreateStorage } from '../../services/storage/AtomicCreateStorage';
import { EtagConflictError } from '../../services/storage/EtagConflictError';
import type { Logger } from '../logger';
import type { InstancePresence, WorkOwner } from './InstancePresence';

/** The key prefix of conversation locks (one small item per conversation; purged by the retention job). */
export const LOCK_PREFIX = 'locks/conversations/';

interface LockItem extends StoreItem {
  /** The turn holding the lock, or undefined when it is free. */
  holder?: string;
  owner?: WorkOwner;
  until: number;
}

/** Settings of {@link ConversationTurnLock}. */
export interface ConversationTurnLockOptions {
  storage: AtomicCreateStorage;
  presence: InstancePresence;
  logger: Logger;
  /** How long a lock lasts unless renewed; the holder renews it every third of that while its turn runs. */
  leaseMs?: number;
  /** How long a turn waits for the conversation's previous turn before going ahead anyway (and logging it). */
  maxWaitMs?: number;
  now?: () => number;
}

/**
 * One turn at a time per conversation, on every storage backend and across instances. Conversation state is loaded at
 * the start of a turn and saved at its end, so two turns of one conversation running at once (two messages sent
 * together, a click during a slow answer) would each save over the other's changes and leave a dead card. Turns of
 * the same conversation queue in this process, and a lock item in the shared state storage (leased, renewed while the
 * turn runs, taken over when its holder's process is gone) keeps other instances' turns out.
 */
export class ConversationTurnLock implements Middleware {
  private readonly queues = new Map<string, Promise<void>>();
  private readonly leaseMs: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;

  constructor(private readonly options: ConversationTurnLockOptions) {
    this.leaseMs = options.leaseMs ?? 30_000;
    this.maxWaitMs = options.maxWaitMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const conversationId = context.activity.conversation?.id;
    if (!conversationId) {
      await next();
      return;
    }
    const key = `${LOCK_PREFIX}${createHash('sha256').update(`${context.activity.channelId}/${conversationId}`).digest('hex').slice(0, 32)}`;
    // In this process: wait for the turns of this conversation that arrived earlier.
    const previous = this.queues.get(key) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.queues.set(key, tail);
    await previous;
    try {
      await this.withStorageLock(key, next);
    } finally {
      release();
      if (this.queues.get(key) === tail) this.queues.delete(key);
    }
  }

  private async withStorageLock(key: string, next: () => Promise<void>): Promise<void> {
    const holder = randomUUID();
    const held = await this.acquire(key, holder);
    const renew = setInterval(
      () => {
        void this.write(key, holder, this.now() + this.leaseMs).catch(() => undefined);
      },
      Math.max(1_000, Math.floor(this.leaseMs / 3)),
    );
    renew.unref();
    try {
      await next();
    } finally {
      clearInterval(renew);
      if (held) {
        await this.write(key, holder, 0).catch((error: unknown) =>
          this.options.logger.warn('conversation lock not released; it lapses by itself', {
            error: error instanceof Error ? error.message : 'unknown',
          }),
        );
      }
    }
  }

  /** Takes the lock, waiting for a live holder; false when it went ahead without it after the longest wait. */
  private async acquire(key: string, holder: string): Promise<boolean> {
    const { storage, presence } = this.options;
    const deadline = this.now() + this.maxWaitMs;
    for (let attempt = 0; ; attempt += 1) {
      const fresh: LockItem = { holder, owner: presence.owner, until: this.now() + this.leaseMs };
      if (await storage.createIfAbsent(key, fresh)) return true;
      const item = (await storage.read([key]))[key] as LockItem | undefined;
      const free =
        !item ||
        !item.holder ||
        item.until <= this.now() ||
        (item.owner !== undefined && (await presence.isGone(item.owner)));
      if (free) {
        try {
          await storage.write({ [key]: { ...fresh, ...(item ? { eTag: item.eTag } : {}) } });
          return true;
        } catch (error) {
          if (!(error instanceof EtagConflictError)) throw error;
        }
      }
      if (this.now() > deadline) {
        this.options.logger.warn('conversation still busy after the longest wait; going ahead', { lock: key });
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(500, 25 * 2 ** Math.min(attempt, 5))));
    }
  }

  /** Renews (until > now) or releases (until 0) the lock if this turn still holds it. */
  private async write(key: string, holder: string, until: number): Promise<void> {
    const { storage } = this.options;
    const item = (await storage.read([key]))[key] as LockItem | undefined;
    if (!item || item.holder !== holder) return;
    await storage.write({
      [key]: until > 0 ? { ...item, until } : { until: 0, eTag: item.eTag },
    });
  }
}
