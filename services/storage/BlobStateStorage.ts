import { ContainerClient } from '@azure/storage-blob';
import type { StoreItem, StoreItems } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { sanitizeBlobKey } from 'botbuilder-azure-blobs/lib/sanitizeBlobKey';
import { z } from 'zod';
import type { AtomicCreateStorage } from './AtomicCreateStorage';
import { assertStorageKeys } from './assertStorageKeys';
import { blobsStorageKey } from './blobsStorageKey';
import { EtagConflictError } from './EtagConflictError';
import { isValidBlobContainerName } from './isValidBlobContainerName';
import { assertPurgePrefix, type PrefixPurge } from './PrefixPurge';
import { serializeStoreItem } from './serializeStoreItem';

/** Where the state lives: an Azure Storage account (or Azurite) and one container in it. */
export interface BlobStateStorageOptions {
  connectionString: string;
  container: string;
}

interface PendingWrite {
  key: string;
  blobsKey: string;
  json: string;
  /** Undefined when the write is unconditional. */
  eTag: string | undefined;
}

const statusError = z.object({ statusCode: z.number(), code: z.string().optional() });

/** Blobs listed per request while purging; Azure's own maximum is 5000. */
const PURGE_PAGE_SIZE = 500;
/** Deletes sent at once while purging: enough to overlap round trips, few enough not to crowd out turns. */
const PURGE_PARALLEL_DELETES = 8;
/**
 * Blobs one purge call lists at most before it stops and remembers where: listing goes in name order, not age
 * order, so a large kind is walked over several runs instead of in one long one.
 */
const PURGE_MAX_LISTED = 20_000;

/** A delete that found the blob gone (404) or rewritten since it was listed (412) has nothing left to do. */
function isGoneOrChanged(error: unknown): boolean {
  const parsed = statusError.safeParse(error);
  return parsed.success && (parsed.data.statusCode === 404 || parsed.data.statusCode === 412);
}

/** BlobsStorage reports a failed If-Match as a plain Error with MemoryStorage's wording and no status code. */
function isBlobsStorageConflict(error: unknown): boolean {
  return error instanceof Error && / due to eTag conflict\.$/.test(error.message);
}

/** The two answers Azure gives to `If-None-Match: *` when the blob already exists. */
function isAlreadyExists(error: unknown): boolean {
  const parsed = statusError.safeParse(error);
  if (!parsed.success) return false;
  const { statusCode, code } = parsed.data;
  return (statusCode === 409 && code === 'BlobAlreadyExists') || (statusCode === 412 && code === 'ConditionNotMet');
}

/**
 * botbuilder `Storage` on Azure Blob Storage, so several bot instances behind a load balancer share conversation
 * state, user state and records such as the checkout ledger. Reads, writes and deletes go through botbuilder's
 * `BlobsStorage`; `createIfAbsent` writes the same blob (same name, same JSON) itself with `If-None-Match: *`.
 *
 * The container is created on first use, or up front by `init()` so a wrong connection string fails at start-up.
 *
 * Behaves like botbuilder's MemoryStorage, which plain BlobsStorage does not in three ways this class corrects:
 * - keys are escaped before BlobsStorage sees them (see `blobsStorageKey`), so `a/b/` and `a/b`, or two long keys,
 *   never share one blob;
 * - a write carrying an eTag for a key that is not stored is saved, as MemoryStorage does, instead of failing as a
 *   conflict (done atomically: it only succeeds if the blob is still absent);
 * - a lost eTag race is thrown as `EtagConflictError` (same message), so callers can retry it.
 * As in MemoryStorage, and unlike SqliteStorage, a `write` of several keys is not all-or-nothing: each key is saved
 * or refused on its own, and the first failure is thrown once every key has been tried. Values are validated with
 * the same rules as SqliteStorage before anything is sent.
 */
export class BlobStateStorage implements AtomicCreateStorage, PrefixPurge {
  private readonly containerClient: ContainerClient;
  private blobs: BlobsStorage | undefined;
  private containerReady: Promise<void> | undefined;
  private closed = false;
  /** Per purge prefix, where the last purge stopped listing; absent means start from the first blob. */
  private readonly purgeResumeAt = new Map<string, string>();

  constructor(private readonly options: BlobStateStorageOptions) {
    if (!isValidBlobContainerName(options.container)) {
      throw new TypeError(
        `BlobStateStorage: container "${options.container}" must be 3-63 lowercase letters, digits or single hyphens.`,
      );
    }
    this.containerClient = new ContainerClient(options.connectionString, options.container);
  }

  /** Creates the container if it is missing. Called by every operation; call it first to fail fast at start-up. */
  async init(): Promise<void> {
    this.assertOpen();
    if (!this.containerReady) {
      this.containerReady = this.containerClient.createIfNotExists().then(
        () => undefined,
        (error: unknown) => {
          // Forget the failure so that the next call tries again instead of failing forever.
          this.containerReady = undefined;
          throw error;
        },
      );
    }
    return this.containerReady;
  }

  /** Returns the stored items for the keys that exist, each with its current `eTag`; missing keys are absent. */
  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) {
      throw new ReferenceError('Keys are required when reading.');
    }
    assertStorageKeys(keys);
    const blobsKeys = keys.map(blobsStorageKey);
    await this.init();
    const found = await this.throughBlobsStorage((blobs) => blobs.read(blobsKeys));
    const items: StoreItems = {};
    keys.forEach((key, index) => {
      const item: unknown = found[blobsKeys[index]];
      if (item !== undefined) items[key] = item;
    });
    return items;
  }

  /**
   * Saves every item. An item without an eTag, with an empty one or with `'*'` overwrites; otherwise it is saved
   * only if the stored eTag still equals it or nothing is stored under the key, else `EtagConflictError`.
   */
  async write(changes: StoreItems): Promise<void> {
    if (!changes) {
      throw new ReferenceError('Changes are required when writing.');
    }
    const keys = Object.keys(changes);
    assertStorageKeys(keys);
    const writes = keys.map((key): PendingWrite => {
      const item: unknown = changes[key];
      const json = serializeStoreItem(key, item);
      const eTag: unknown = (item as { eTag?: unknown }).eTag;
      if (eTag !== undefined && eTag !== null && typeof eTag !== 'string') {
        throw new TypeError(`Storage: cannot write "${key}": its eTag must be a string.`);
      }
      return { key, blobsKey: blobsStorageKey(key), json, eTag: eTag && eTag !== '*' ? eTag : undefined };
    });
    await this.init();
    const outcomes = await Promise.allSettled(writes.map((pending) => this.writeOne(pending)));
    const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) {
      throw failed.reason;
    }
  }

  /** Stores the item only if nothing is stored under the key, atomically across instances; true when this call did. */
  async createIfAbsent(key: string, item: StoreItem): Promise<boolean> {
    assertStorageKeys([key]);
    const json = serializeStoreItem(key, item);
    const blobsKey = blobsStorageKey(key);
    await this.init();
    return this.createBlob(blobsKey, json);
  }

  /** Removes the given keys; keys that do not exist are ignored. */
  async delete(keys: string[]): Promise<void> {
    if (!keys) {
      throw new ReferenceError('Keys are required when deleting.');
    }
    assertStorageKeys(keys);
    const blobsKeys = keys.map(blobsStorageKey);
    await this.init();
    await this.throughBlobsStorage((blobs) => blobs.delete(blobsKeys));
  }

  /**
   * Removes keys under `prefix` whose blob was last modified before `cutoff`, at most `limit` of them, by listing the
   * blobs whose names start with the prefix's blob name (keys are escaped, see `blobsStorageKey`) and deleting each
   * only if it is unchanged since it was listed. One call lists at most {@link PURGE_MAX_LISTED} blobs and the next
   * call goes on from there. Keys long enough to be stored under their SHA-256 have lost their prefix and are not
   * found here.
   */
  async purgeOlderThan(prefix: string, cutoff: Date, limit: number): Promise<number> {
    assertPurgePrefix(prefix);
    const escaped = blobsStorageKey(prefix);
    if (escaped.startsWith('sha256:')) {
      throw new RangeError(`Storage: purge prefix "${prefix.slice(0, 40)}" is too long.`);
    }
    // The same naming BlobsStorage gives the blobs: encoding works character by character, so prefixes stay prefixes.
    const namePrefix = sanitizeBlobKey(escaped);
    await this.init();
    try {
      return await this.purgePages(prefix, namePrefix, cutoff, limit);
    } catch (error) {
      // A saved position may be what fails (an expired continuation token): the next run starts from the first blob.
      this.purgeResumeAt.delete(prefix);
      throw error;
    }
  }

  /** Marks the storage closed so later calls reject, as SqliteStorage does; there is no connection to release. */
  close(): void {
    this.closed = true;
  }

  private async purgePages(prefix: string, namePrefix: string, cutoff: Date, limit: number): Promise<number> {
    let removed = 0;
    let listed = 0;
    let pageToken = this.purgeResumeAt.get(prefix);
    const pages = this.containerClient
      .listBlobsFlat({ prefix: namePrefix })
      .byPage({ continuationToken: pageToken, maxPageSize: PURGE_PAGE_SIZE });
    for await (const page of pages) {
      this.assertOpen();
      const old = page.segment.blobItems.filter(
        (blob) => blob.properties.lastModified.getTime() < cutoff.getTime() && blob.properties.etag,
      );
      const room = limit - removed;
      for (let start = 0; start < Math.min(old.length, room); start += PURGE_PARALLEL_DELETES) {
        const chunk = old.slice(start, Math.min(start + PURGE_PARALLEL_DELETES, room));
        const outcomes = await Promise.all(
          chunk.map((blob) => this.deleteIfUnchanged(blob.name, blob.properties.etag)),
        );
        removed += outcomes.filter(Boolean).length;
      }
      listed += page.segment.blobItems.length;
      if (old.length > room) {
        // Stopped inside this page: list it again next time so its remaining old blobs are not skipped.
        this.rememberPurgePosition(prefix, pageToken);
        return removed;
      }
      pageToken = page.continuationToken || undefined;
      if (!pageToken || listed >= PURGE_MAX_LISTED || removed >= limit) {
        this.rememberPurgePosition(prefix, pageToken);
        return removed;
      }
    }
    this.rememberPurgePosition(prefix, undefined);
    return removed;
  }

  private rememberPurgePosition(prefix: string, pageToken: string | undefined): void {
    if (pageToken) this.purgeResumeAt.set(prefix, pageToken);
    else this.purgeResumeAt.delete(prefix);
  }

  /** Deletes the blob if its eTag still matches; false when it was already gone or has been written since. */
  private async deleteIfUnchanged(name: string, etag: string | undefined): Promise<boolean> {
    try {
      await this.containerClient.deleteBlob(name, { conditions: { ifMatch: etag } });
      return true;
    } catch (error) {
      if (isGoneOrChanged(error)) return false;
      throw error;
    }
  }

  private async writeOne({ key, blobsKey, json, eTag }: PendingWrite): Promise<void> {
    // A fresh copy from the validated JSON: BlobsStorage serialises later, after the caller may have changed the item.
    const item: StoreItem = { ...(JSON.parse(json) as Record<string, unknown>), eTag: eTag ?? '*' };
    try {
      await this.throughBlobsStorage((blobs) => blobs.write({ [blobsKey]: item }));
    } catch (error) {
      if (!isBlobsStorageConflict(error)) {
        throw error;
      }
      // Azure answers If-Match on a missing blob with 412 too; MemoryStorage saves in that case, and so does this,
      // but only if the blob is still missing at this instant.
      if (eTag !== undefined && (await this.createBlob(blobsKey, json))) {
        return;
      }
      throw new EtagConflictError(key);
    }
  }

  private async createBlob(blobsKey: string, json: string): Promise<boolean> {
    // BlobsStorage's own naming and content type, so its read and write see this blob as one of theirs.
    const blob = this.containerClient.getBlockBlobClient(sanitizeBlobKey(blobsKey));
    try {
      await blob.upload(json, Buffer.byteLength(json, 'utf8'), {
        conditions: { ifNoneMatch: '*' },
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
      return true;
    } catch (error) {
      if (isAlreadyExists(error)) {
        return false;
      }
      throw error;
    }
  }

  private async throughBlobsStorage<T>(operation: (blobs: BlobsStorage) => Promise<T>): Promise<T> {
    this.assertOpen();
    const blobs = (this.blobs ??= new BlobsStorage(this.options.connectionString, this.options.container));
    try {
      return await operation(blobs);
    } catch (error) {
      // BlobsStorage remembers a failed container check for good; a new instance after a real failure retries it.
      if (!isBlobsStorageConflict(error) && this.blobs === blobs) {
        this.blobs = undefined;
      }
      throw error;
    }
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new Error('BlobStateStorage: the storage has been closed.');
    }
  }
}
