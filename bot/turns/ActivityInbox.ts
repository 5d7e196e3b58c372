import type { Activity, Middleware, StoreItem, TurnContext } from 'botbuilder';
import type { AtomicCreateStorage } from '../../services/storage/AtomicCreateStorage';
import { EtagConflictError } from '../../services/storage/EtagConflictError';
import type { Logger } from '../logger';
import type { InstancePresence, OrphanedWork, WorkOwner } from './InstancePresence';
import { textFor } from '../../i18n/text';

/** The key prefix of inbound activity records (purged after a day by the retention job). */
export const INBOUND_PREFIX = 'inbound/';

interface InboundRecord extends StoreItem {
  receivedAt: string;
  state: 'working' | 'done';
  owner?: WorkOwner;
  /** The activity as received, so a run that died mid-turn can be replayed by the next one. */
  activity?: Partial<Activity>;
}

/** Runs a replayed activity as a turn, or tells its conversation one sentence. Implemented where the adapter is. */
export interface TurnReplayer {
  replay(activity: Partial<Activity>): Promise<void>;
  tell(activity: Partial<Activity>, sentence: string): Promise<void>;
}

/** Settings of {@link ActivityInbox}. */
export interface ActivityInboxOptions {
  storage: AtomicCreateStorage;
  presence: InstancePresence;
  logger: Logger;
  /** Older unfinished messages are not replayed (their moment has passed); the person is told to ask again. */
  replayMaxAgeMs?: number;
  now?: () => number;
}

/**
 * Exactly one turn per inbound message, also across crashes: Teams redelivers a message a bot has not answered within
 * about 15 seconds, to any instance. The first delivery claims the message in the shared state storage (with the
 * activity itself and who is working on it) and the claim is marked done when its turn ends. A redelivery of a done
 * message is dropped, and so is one whose claimant is still at work; a redelivery whose claimant is gone (its process
 * died mid-turn) is processed again — the checkout ledger keeps purchases exactly-once. Messages a dead run had
 * acknowledged (so Teams will not redeliver them) are replayed by the next run of the instance, or by another instance's
 * sweep.
 */
export class ActivityInbox implements Middleware {
  private readonly replaying = new WeakSet<object>();
  private readonly now: () => number;

  constructor(private readonly options: ActivityInboxOptions) {
    this.now = options.now ?? Date.now;
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (activity.type !== 'message' || !activity.id || !activity.conversation?.id) {
      await next();
      return;
    }
    const key = inboundKeyOf(activity);
    if (!this.replaying.has(activity) && !(await this.claim(key, activity))) {
      this.options.logger.info('duplicate activity dropped', {
        channelId: activity.channelId,
        activityId: activity.id,
      });
      return;
    }
    const { presence } = this.options;
    presence.add(key);
    try {
      await next();
    } finally {
      presence.remove(key);
      await this.options.storage
        .write({ [key]: { receivedAt: new Date(this.now()).toISOString(), state: 'done' } satisfies InboundRecord })
        .catch((error: unknown) =>
          this.options.logger.warn('inbound activity not marked done', {
            activityId: activity.id,
            error: error instanceof Error ? error.message : 'unknown',
          }),
        );
    }
  }

  /**
   * Replays, one at a time, the messages a dead run left unfinished, once each: the claim is taken over with an eTag,
   * so two instances sweeping at once replay it once. Returns how many were replayed or answered.
   */
  async recover(orphans: readonly OrphanedWork[], replayer: TurnReplayer): Promise<number> {
    let handled = 0;
    for (const orphan of orphans) {
      for (const key of orphan.keys) {
        try {
          const record = await this.takeOver(key, orphan.owner);
          if (!record?.activity) continue;
          handled += 1;
          const activity = { ...record.activity };
          const ageMs = this.now() - Date.parse(record.receivedAt);
          if (ageMs > (this.options.replayMaxAgeMs ?? 10 * 60_000)) {
            await replayer.tell(activity, staleSentence(activity));
            await this.options.storage.write({ [key]: { receivedAt: record.receivedAt, state: 'done' } });
            continue;
          }
          this.options.logger.info('replaying a message a stopped run did not finish', { activityId: activity.id });
          this.replaying.add(activity);
          await replayer.replay(activity);
        } catch (error) {
          this.options.logger.warn('unfinished message not replayed', {
            error: error instanceof Error ? error.message : 'unknown',
          });
        }
      }
    }
    return handled;
  }

  private async claim(key: string, activity: Partial<Activity>): Promise<boolean> {
    const { storage, presence } = this.options;
    const record: InboundRecord = {
      receivedAt: new Date(this.now()).toISOString(),
      state: 'working',
      owner: presence.owner,
      activity: JSON.parse(JSON.stringify(activity)) as Partial<Activity>,
    };
    if (await storage.createIfAbsent(key, record)) return true;
    const existing = (await storage.read([key]))[key] as InboundRecord | undefined;
    if (!existing) return storage.createIfAbsent(key, record);
    if (existing.state !== 'working' || !existing.owner || !(await presence.isGone(existing.owner))) return false;
    try {
      await storage.write({ [key]: { ...record, receivedAt: existing.receivedAt, eTag: existing.eTag } });
      this.options.logger.info('redelivered activity taken over from a stopped run', { activityId: activity.id });
      return true;
    } catch (error) {
      if (error instanceof EtagConflictError) return false;
      throw error;
    }
  }

  /** Takes an unfinished claim of `owner` for this run; undefined when it is done or someone else took it. */
  private async takeOver(key: string, owner: WorkOwner): Promise<InboundRecord | undefined> {
    const { storage, presence } = this.options;
    const existing = (await storage.read([key]))[key] as InboundRecord | undefined;
    if (!existing || existing.state !== 'working' || existing.owner?.bootId !== owner.bootId) return undefined;
    try {
      await storage.write({ [key]: { ...existing, owner: presence.owner } });
    } catch (error) {
      if (error instanceof EtagConflictError) return undefined;
      throw error;
    }
    return existing;
  }
}

/** Where an inbound message's claim is kept. */
export function inboundKeyOf(activity: Partial<Activity>): string {
  return `${INBOUND_PREFIX}${activity.channelId}/${activity.conversation?.id}/${activity.id}`;
}

function staleSentence(activity: Partial<Activity>): string {
  const typed = typeof activity.text === 'string' && activity.text.trim() !== '';
  return textFor(activity.locale)(typed ? 'inbox.restartedMessage' : 'inbox.restartedClick');
}
