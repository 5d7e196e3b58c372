import type { StoreItem } from 'botbuilder';
import type { AtomicCreateStorage } from '../storage/AtomicCreateStorage';

interface StoredChat extends StoreItem {
  conversationReference: Record<string, unknown>;
  updatedAt: string;
}

interface StoredIndex extends StoreItem {
  /** Oldest first. */
  objectIds: string[];
}

const INDEX_KEY = 'approvals/chat-index';
/** Bounds the index of remembered approvers; the longest-unseen fall off first (they are re-added when they write). */
export const MAX_REMEMBERED_APPROVERS = 500;
/** Concurrent writers of the index (turns of several approvers, several instances) retry on an eTag conflict. */
const INDEX_WRITE_ATTEMPTS = 3;

/**
 * Where each approver can be reached: the conversation reference of their personal chat with the bot, kept when they
 * last wrote to it. Teams lets a bot message someone only in a chat that exists, so an approver must have opened a
 * chat with the bot once (installing the app personally does that) before requests can reach them.
 */
export class ApproverChats {
  constructor(private readonly storage: AtomicCreateStorage) {}

  private key(objectId: string): string {
    return `approvals/chats/${objectId.toLowerCase()}`;
  }

  async remember(objectId: string, conversationReference: Record<string, unknown>, at: string): Promise<void> {
    await this.storage.write({
      [this.key(objectId)]: { conversationReference, updatedAt: at, eTag: '*' } satisfies StoredChat,
    });
    await this.index(objectId.toLowerCase());
  }

  /**
   * The object ids of approvers whose chat was remembered (at most {@link MAX_REMEMBERED_APPROVERS}), so that members
   * of approver groups, whom only Microsoft Graph could list, can be sent requests.
   */
  async remembered(): Promise<string[]> {
    const index = (await this.storage.read([INDEX_KEY]))[INDEX_KEY] as StoredIndex | undefined;
    return index?.objectIds ?? [];
  }

  private async index(objectId: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const current = (await this.storage.read([INDEX_KEY]))[INDEX_KEY] as StoredIndex | undefined;
      const objectIds = [...(current?.objectIds ?? []).filter((id) => id !== objectId), objectId].slice(
        -MAX_REMEMBERED_APPROVERS,
      );
      try {
        if (!current) {
          if (await this.storage.createIfAbsent(INDEX_KEY, { objectIds } satisfies StoredIndex)) return;
        } else {
          await this.storage.write({ [INDEX_KEY]: { objectIds, eTag: current.eTag } satisfies StoredIndex });
          return;
        }
      } catch (error) {
        if (attempt >= INDEX_WRITE_ATTEMPTS) throw error;
      }
      if (attempt >= INDEX_WRITE_ATTEMPTS) throw new Error('approver chat index busy');
    }
  }

  async find(objectId: string): Promise<Record<string, unknown> | undefined> {
    const key = this.key(objectId);
    return ((await this.storage.read([key]))[key] as StoredChat | undefined)?.conversationReference;
  }
}
