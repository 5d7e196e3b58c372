import { createHash } from 'node:crypto';
import type { StoreItem } from 'botbuilder';
import { z } from 'zod';
import type { PartnerCenterCallContext } from '../partnerCenter/PartnerCenterCallContext';
import type { RegistrationView } from '../lookups/types';
import type { CustomerDetails } from '../purchase/types';
import type { AtomicCreateStorage } from '../storage/AtomicCreateStorage';
import { EtagConflictError } from '../storage/EtagConflictError';

/**
 * One registration card being followed: where it is, whose registration it shows and as whom to ask Partner Center,
 * until when, and which bot instance is polling it (with its last sign of life).
 */
export interface RegistrationWatchRecord {
  /** The conversation the card is in; opaque to the store. */
  reference: Record<string, unknown>;
  activityId: string;
  customer: CustomerDetails;
  registration: RegistrationView;
  user: NonNullable<PartnerCenterCallContext['user']>;
  locale: string;
  timeZone?: string;
  /** Epoch milliseconds after which nobody follows the registration any more. */
  deadline: number;
  /** The bot instance polling it. */
  owner: string;
  /** Epoch milliseconds of the owner's last claim or heartbeat. */
  heartbeatAt: number;
}

/** A stored watch with the key its follower knows it by. */
export interface StoredRegistrationWatch {
  key: string;
  record: RegistrationWatchRecord;
}

/** What `touch` found: the caller now polls the watch, another live instance does, or the watch has ended. */
export type RegistrationWatchClaim =
  | { outcome: 'claimed'; record: RegistrationWatchRecord }
  | { outcome: 'held'; record: RegistrationWatchRecord }
  | { outcome: 'gone' };

const recordSchema = z.object({
  reference: z.record(z.string(), z.unknown()),
  activityId: z.string().min(1),
  // Loose so that customer fields added later survive a round trip through an older instance.
  customer: z.looseObject({
    id: z.string(),
    companyName: z.string(),
    domain: z.string(),
    country: z.string(),
    countryName: z.string(),
  }),
  registration: z.object({
    customerId: z.string(),
    subscriptionId: z.string(),
    status: z.enum(['registered', 'registering', 'notregistered', 'unknown']),
  }),
  user: z.object({
    id: z.string(),
    name: z.string().optional(),
    signIn: z.object({ channelId: z.string(), channelUserId: z.string() }).optional(),
  }),
  locale: z.string(),
  timeZone: z.string().optional(),
  deadline: z.number(),
  owner: z.string(),
  heartbeatAt: z.number(),
}) satisfies z.ZodType<RegistrationWatchRecord>;

const storedSchema = z.object({ key: z.string(), record: recordSchema });

interface StoredItem extends StoreItem {
  key: string;
  record: RegistrationWatchRecord;
}

interface IndexItem extends StoreItem {
  keys: string[];
}

const INDEX_KEY = 'registration-watches/index';
const WATCH_KEY_PREFIX = 'registration-watches/watch/';
/** Well below the 1024-character key limit, leaving room for the prefix. */
const MAX_ENCODED_KEY_LENGTH = 900;
const MAX_ATTEMPTS = 25;

/**
 * The storage key of a watch. Activity ids come from the channel, so the follower's key is percent-encoded (one
 * ASCII path segment, whatever it holds) and, if that would be too long or is not well-formed Unicode, named by its
 * SHA-256 instead; `sha256:` cannot clash with an encoded key because encoding always escapes the colon.
 */
function storageKeyOf(key: string): string {
  try {
    const encoded = encodeURIComponent(key);
    if (encoded.length > 0 && encoded.length <= MAX_ENCODED_KEY_LENGTH) return `${WATCH_KEY_PREFIX}${encoded}`;
  } catch {
    // A lone surrogate has no encoding; its hash still names it uniquely enough.
  }
  return `${WATCH_KEY_PREFIX}sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

function backOff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
}

/**
 * Registration follow-ups in the bot's state storage, one item per watch plus an index of them, so that a restarted
 * bot (or another instance sharing the storage) can carry on updating the cards. Who polls a watch is decided by an
 * eTag-guarded claim, so of several instances at most one wins it at a time.
 */
export class RegistrationWatchStore {
  constructor(
    private readonly storage: AtomicCreateStorage,
    private readonly now: () => number = Date.now,
  ) {}

  /** Stores the watch under its key, replacing any earlier one, and lists it. */
  async save(key: string, record: RegistrationWatchRecord): Promise<void> {
    // Listed first, so a crash right after the write still leaves it findable.
    await this.changeIndex((keys) => (keys.includes(key) ? keys : [...keys, key]));
    await this.storage.write({ [storageKeyOf(key)]: { key, record, eTag: '*' } satisfies StoredItem });
    // A concurrent `list` may have pruned the entry while the item was not written yet.
    await this.changeIndex((keys) => (keys.includes(key) ? keys : [...keys, key]));
  }

  /** The stored watch, or undefined when there is none (or it is unreadable). */
  async get(key: string): Promise<RegistrationWatchRecord | undefined> {
    return (await this.readStored(key))?.record;
  }

  /**
   * Claims the watch for `owner`, or renews its claim, and applies `change` — unless another owner's heartbeat is
   * younger than `staleAfterMs`, in which case that owner keeps it and nothing is written.
   */
  async touch(
    key: string,
    owner: string,
    staleAfterMs: number,
    change: Partial<Pick<RegistrationWatchRecord, 'registration'>> = {},
  ): Promise<RegistrationWatchClaim> {
    const storageKey = storageKeyOf(key);
    for (let attempt = 1; ; attempt += 1) {
      const stored = await this.readStored(key);
      if (!stored) return { outcome: 'gone' };
      const now = this.now();
      const current = stored.record;
      if (current.owner !== owner && now - current.heartbeatAt < staleAfterMs) {
        return { outcome: 'held', record: current };
      }
      const record: RegistrationWatchRecord = { ...current, ...change, owner, heartbeatAt: now };
      try {
        await this.storage.write({ [storageKey]: { key, record, eTag: stored.eTag } satisfies StoredItem });
        return { outcome: 'claimed', record };
      } catch (error) {
        // A lost race means someone else claimed or changed it meanwhile: look again.
        if (!(error instanceof EtagConflictError) || attempt >= MAX_ATTEMPTS) throw error;
        await backOff(attempt);
      }
    }
  }

  /** Deletes the watch and unlists it; removing one that is not stored does nothing. */
  async remove(key: string): Promise<void> {
    await this.storage.delete([storageKeyOf(key)]);
    await this.changeIndex((keys) => keys.filter((k) => k !== key));
  }

  /** Every stored watch, expired ones included; index entries whose watch no longer exists are dropped. */
  async list(): Promise<StoredRegistrationWatch[]> {
    const index = (await this.storage.read([INDEX_KEY]))[INDEX_KEY] as IndexItem | undefined;
    const keys = index?.keys ?? [];
    if (keys.length === 0) return [];
    const items = await this.storage.read(keys.map(storageKeyOf));
    const found: StoredRegistrationWatch[] = [];
    const missing = new Set<string>();
    for (const key of keys) {
      const item: unknown = items[storageKeyOf(key)];
      if (item === undefined) {
        missing.add(key);
        continue;
      }
      const parsed = storedSchema.safeParse(item);
      // An unreadable item may be a newer instance's format during a rolling deploy: skipped, not deleted.
      if (parsed.success && parsed.data.key === key) found.push({ key, record: parsed.data.record });
    }
    if (missing.size > 0) await this.changeIndex((current) => current.filter((k) => !missing.has(k)));
    return found;
  }

  private async readStored(key: string): Promise<{ record: RegistrationWatchRecord; eTag?: string } | undefined> {
    const storageKey = storageKeyOf(key);
    const item: unknown = (await this.storage.read([storageKey]))[storageKey];
    if (item === undefined) return undefined;
    const parsed = storedSchema.safeParse(item);
    if (!parsed.success || parsed.data.key !== key) return undefined;
    const eTag = (item as { eTag?: unknown }).eTag;
    return { record: parsed.data.record, eTag: typeof eTag === 'string' ? eTag : undefined };
  }

  private async changeIndex(change: (keys: string[]) => string[]): Promise<void> {
    await this.storage.createIfAbsent(INDEX_KEY, { keys: [] } satisfies IndexItem);
    for (let attempt = 1; ; attempt += 1) {
      const index = (await this.storage.read([INDEX_KEY]))[INDEX_KEY] as IndexItem | undefined;
      const before = index?.keys ?? [];
      const after = change(before);
      if (after.length === before.length && after.every((k, i) => k === before[i])) return;
      try {
        await this.storage.write({ [INDEX_KEY]: { keys: after, eTag: index?.eTag ?? '*' } satisfies IndexItem });
        return;
      } catch (error) {
        // Only a lost race is worth another go; any other failure is real and goes to the caller.
        if (!(error instanceof EtagConflictError) || attempt >= MAX_ATTEMPTS) throw error;
        await backOff(attempt);
      }
    }
  }
}
