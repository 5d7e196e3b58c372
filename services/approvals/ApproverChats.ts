import type { StoreItem } from 'botbuilder';
import type { AtomicCreateStorage } from '../storage/AtomicCreateStorage';

interface StoredChat extends StoreItem {
  conversationReference: Record<string, unknown>;
  updatedAt: string;
}

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
  }

  async find(objectId: string): Promise<Record<string, unknown> | undefined> {
    const key = this.key(objectId);
    return ((await this.storage.read([key]))[key] as StoredChat | undefined)?.conversationReference;
  }
}
