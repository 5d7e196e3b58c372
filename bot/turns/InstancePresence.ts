import type { StoreItem } from 'botbuilder';
import type { AtomicCreateStorage } from '../../services/storage/AtomicCreateStorage';
import { changeStoredItem } from '../../services/storage/changeStoredItem';
import { EtagConflictError } from '../../services/storage/EtagConflictError';

/** Who is working on something: a bot instance (stable across its restarts) and the process run (one per start). */
export interface WorkOwner {
  instanceId: string;
  bootId: string;
}

/** Settings of {@link InstancePresence}. */
export interface InstancePresenceOptions {
  storage: AtomicCreateStorage;
  owner: WorkOwner;
  /** How often this process writes that it is alive (and what it is working on). */
  beatMs?: number;
  /** How long without a beat before another instance counts this one as gone. */
  staleMs?: number;
  now?: () => number;
}

interface PresenceItem extends StoreItem {
  bootId: string;
  beatAt: number;
  /** Inbound activities this run has acknowledged to Teams and not finished: to replay if it dies. */
  working: string[];
}

interface InstanceList extends StoreItem {
  ids: string[];
}

const PREFIX = 'presence';
const LIST_KEY = `${PREFIX}/list`;

/** What another (or an earlier) run left unfinished, read by {@link InstancePresence.orphans}. */
export interface OrphanedWork {
  owner: WorkOwner;
  keys: string[];
}

/**
 * Which bot processes are alive, kept in the shared state storage: each process writes a heartbeat with the inbound
 * activities it is in the middle of. Another instance decides from it whether work claimed by a process can be taken
 * over (the process stopped beating, or its instance restarted), and what to replay. A process is never judged gone by
 * itself; a restarted instance knows its previous run is gone without waiting.
 */
export class InstancePresence {
  readonly owner: WorkOwner;
  private readonly storage: AtomicCreateStorage;
  private readonly beatMs: number;
  private readonly staleMs: number;
  private readonly now: () => number;
  private readonly working = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(options: InstancePresenceOptions) {
    this.storage = options.storage;
    this.owner = options.owner;
    this.beatMs = options.beatMs ?? 5_000;
    this.staleMs = options.staleMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /** Registers this instance, reads what its previous run left, then starts beating. */
  async start(): Promise<OrphanedWork | undefined> {
    await changeStoredItem<InstanceList>(this.storage, LIST_KEY, { ids: [] }, (list) =>
      list.ids.includes(this.owner.instanceId) ? list : { ids: [...list.ids, this.owner.instanceId] },
    );
    const previous = await this.read(this.owner.instanceId);
    await this.flush();
    this.timer = setInterval(() => {
      this.dirty = true;
      void this.flush().catch(() => undefined);
    }, this.beatMs);
    this.timer.unref();
    if (!previous || previous.bootId === this.owner.bootId || previous.working.length === 0) return undefined;
    return { owner: { instanceId: this.owner.instanceId, bootId: previous.bootId }, keys: previous.working };
  }

  /** Stops beating (the process is stopping; its instance will count as gone once the beat is stale). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Notes an inbound activity this run is working on (written with the next beat, or by `flush`). */
  add(key: string): void {
    this.working.add(key);
    this.dirty = true;
  }

  /** Notes that an inbound activity is finished. */
  remove(key: string): void {
    if (this.working.delete(key)) this.dirty = true;
  }

  /** Writes the heartbeat and working list now if they changed; concurrent calls share one write. */
  flush(): Promise<void> {
    this.flushing = this.flushing
      .catch(() => undefined)
      .then(async () => {
        if (!this.dirty && this.timer) return;
        this.dirty = false;
        await this.storage.write({
          [this.keyOf(this.owner.instanceId)]: {
            bootId: this.owner.bootId,
            beatAt: this.now(),
            working: [...this.working],
          } satisfies PresenceItem,
        });
      });
    return this.flushing;
  }

  /** Whether work claimed by `owner` has nobody doing it any more. */
  async isGone(owner: WorkOwner): Promise<boolean> {
    if (owner.bootId === this.owner.bootId) return false;
    if (owner.instanceId === this.owner.instanceId) return true;
    const item = await this.read(owner.instanceId);
    return !item || item.bootId !== owner.bootId || this.now() - item.beatAt > this.staleMs;
  }

  /**
   * What other instances' runs left unfinished when they stopped beating; each list is cleared as it is returned
   * (with an eTag, so an instance that comes back keeps its own).
   */
  async orphans(): Promise<OrphanedWork[]> {
    const list = (await this.storage.read([LIST_KEY]))[LIST_KEY] as InstanceList | undefined;
    const found: OrphanedWork[] = [];
    const forgotten: string[] = [];
    for (const instanceId of list?.ids ?? []) {
      if (instanceId === this.owner.instanceId) continue;
      const key = this.keyOf(instanceId);
      const item = (await this.storage.read([key]))[key] as PresenceItem | undefined;
      if (!item) forgotten.push(instanceId); // Purged after a month without a beat: the instance is gone for good.
      if (!item || item.working.length === 0 || this.now() - item.beatAt <= this.staleMs) continue;
      try {
        await this.storage.write({ [key]: { ...item, working: [] } });
      } catch (error) {
        if (error instanceof EtagConflictError) continue;
        throw error;
      }
      found.push({ owner: { instanceId, bootId: item.bootId }, keys: item.working });
    }
    if (forgotten.length > 0) {
      await changeStoredItem<InstanceList>(this.storage, LIST_KEY, { ids: [] }, (current) => ({
        ids: current.ids.filter((id) => !forgotten.includes(id)),
      }));
    }
    return found;
  }

  private keyOf(instanceId: string): string {
    return `${PREFIX}/runs/${encodeURIComponent(instanceId)}`;
  }

  private async read(instanceId: string): Promise<PresenceItem | undefined> {
    const key = this.keyOf(instanceId);
    return (await this.storage.read([key]))[key] as PresenceItem | undefined;
  }
}
