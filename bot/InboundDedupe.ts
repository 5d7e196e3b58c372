import type { Middleware, TurnContext } from 'botbuilder';
import type { AtomicCreateStorage } from '../services/storage/AtomicCreateStorage';
import type { Logger } from './logger';

const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;
const MAX_REMEMBERED = 100_000;

/**
 * Drops a message activity that was already received (same channel, conversation and activity id) — Teams redelivers
 * what a bot hasn't answered within about 15 seconds. The first delivery claims the activity atomically in the shared
 * state storage, so a redelivery landing on another bot instance is dropped too. Claims this process made are removed
 * again after a day.
 */
export class InboundDedupe implements Middleware {
  private readonly claimed: { key: string; at: number }[] = [];

  constructor(
    private readonly storage: AtomicCreateStorage,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (activity.type !== 'message' || !activity.id || !activity.conversation?.id) {
      await next();
      return;
    }
    const key = `inbound/${activity.channelId}/${activity.conversation.id}/${activity.id}`;
    if (!(await this.storage.createIfAbsent(key, { receivedAt: new Date(this.now()).toISOString() }))) {
      this.logger.info('duplicate activity dropped', { channelId: activity.channelId, activityId: activity.id });
      return;
    }
    this.claimed.push({ key, at: this.now() });
    await this.forgetOld();
    await next();
  }

  private async forgetOld(): Promise<void> {
    const cutoff = this.now() - FORGET_AFTER_MS;
    let count = 0;
    while (
      count < this.claimed.length &&
      (this.claimed[count].at < cutoff || this.claimed.length - count > MAX_REMEMBERED)
    ) {
      count += 1;
    }
    if (count === 0) return;
    const old = this.claimed.splice(0, count).map((c) => c.key);
    await this.storage.delete(old).catch((error: unknown) => {
      this.logger.warn('could not forget old activity ids', {
        error: error instanceof Error ? error.message : 'unknown',
      });
    });
  }
}
