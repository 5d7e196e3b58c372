import type { StoreItem } from 'botbuilder';
import type { CartIdentity } from '../checkout/cartIdentity';
import type { CustomerDetails, SkuAttestation } from '../purchase/types';
import type { AtomicCreateStorage } from '../storage/AtomicCreateStorage';
import { changeStoredItem } from '../storage/changeStoredItem';
import { EtagConflictError } from '../storage/EtagConflictError';
import type { ApprovalReason } from './approvalRules';

/** Where an approval request stands; only `pending` moves, and each move happens once. */
export type ApprovalState = 'pending' | 'approved' | 'rejected' | 'expired';

/** A card the bot sent about a request, to update in place when the request moves. */
export interface ApprovalCardRef {
  conversationReference: Record<string, unknown>;
  activityId: string;
}

/** One request for approval of a purchase, as kept in the state storage (it survives restarts). */
export interface ApprovalRequest {
  id: string;
  state: ApprovalState;
  /** Who asked: their Entra object id (never allowed to approve it), name and user key. */
  requester: { objectId?: string; name?: string; key: string; tenantId?: string };
  customer: CustomerDetails;
  item: { productId: string; skuId: string; title: string; quantity: number };
  /** The estimated total from the price sheet; absent when none could be read. */
  total?: { amount: number; currency: string; unitPrice: number };
  reasons: ApprovalReason[];
  /** The cart as the requester confirmed it; the approved checkout buys exactly this, once. */
  cartId: string;
  identity: CartIdentity;
  correlationId: string;
  /** The MS-RequestId the approved checkout sends (and every retry of it). */
  checkoutRequestId: string;
  attestations?: SkuAttestation[];
  createdAt: string;
  expiresAt: string;
  /** The requester's card (the confirmation card, now showing the request's state). */
  requesterCard: ApprovalCardRef;
  /** The cards sent to approvers, by approver object id. */
  approverCards: Record<string, ApprovalCardRef>;
  decidedBy?: { objectId?: string; name?: string };
  decidedAt?: string;
  lease?: { owner: string; until: number };
}

interface StoredRequest extends StoreItem {
  request: ApprovalRequest;
}

interface OpenIndex extends StoreItem {
  ids: string[];
}

const PREFIX = 'approvals';
const OPEN_KEY = `${PREFIX}/open`;
const MAX_ATTEMPTS = 25;

/**
 * Approval requests in the state storage shared by every instance. A request is created once; its state moves from
 * `pending` exactly once (approve, reject or expire) with optimistic concurrency, so two approvers pressing at the same
 * moment, or an approval racing the expiry, have one winner; the loser reads what happened instead.
 */
export class ApprovalStore {
  constructor(private readonly storage: AtomicCreateStorage) {}

  private key(id: string): string {
    return `${PREFIX}/requests/${id}`;
  }

  /** Keeps a new request (listed as open first, so a crash right after still leaves it findable for expiry). */
  async create(request: ApprovalRequest): Promise<void> {
    await changeStoredItem<OpenIndex>(this.storage, OPEN_KEY, { ids: [] }, (index) =>
      index.ids.includes(request.id) ? index : { ids: [...index.ids, request.id] },
    );
    const created = await this.storage.createIfAbsent(this.key(request.id), { request } satisfies StoredRequest);
    if (!created) throw new Error(`ApprovalStore: request ${request.id} exists already.`);
  }

  async get(id: string): Promise<ApprovalRequest | undefined> {
    const key = this.key(id);
    return ((await this.storage.read([key]))[key] as StoredRequest | undefined)?.request;
  }

  /** Requests still pending (for the expiry job). */
  async open(): Promise<ApprovalRequest[]> {
    const index = (await this.storage.read([OPEN_KEY]))[OPEN_KEY] as OpenIndex | undefined;
    const ids = index?.ids ?? [];
    if (ids.length === 0) return [];
    const items = await this.storage.read(ids.map((id) => this.key(id)));
    return ids
      .map((id) => (items[this.key(id)] as StoredRequest | undefined)?.request)
      .filter((r): r is ApprovalRequest => r !== undefined && r.state === 'pending');
  }

  /**
   * Moves a pending request to `to`; returns the request after the move and whether this call made it. A request that
   * is no longer pending is returned as it is (`moved: false`).
   */
  async decide(
    id: string,
    to: Exclude<ApprovalState, 'pending'>,
    by: ApprovalRequest['decidedBy'],
    at: string,
  ): Promise<{ request: ApprovalRequest; moved: boolean } | undefined> {
    const result = await this.change(id, (request) =>
      request.state === 'pending'
        ? { ...request, state: to, decidedAt: at, ...(by ? { decidedBy: by } : {}), lease: undefined }
        : undefined,
    );
    if (result?.moved) {
      await changeStoredItem<OpenIndex>(this.storage, OPEN_KEY, { ids: [] }, (index) =>
        index.ids.includes(id) ? { ids: index.ids.filter((other) => other !== id) } : index,
      );
    }
    return result;
  }

  /** Records the cards sent to approvers. */
  async noteApproverCards(id: string, cards: Record<string, ApprovalCardRef>): Promise<void> {
    await this.change(id, (request) => ({ ...request, approverCards: { ...request.approverCards, ...cards } }));
  }

  /** Takes or renews the expiry job's lease; false when another live owner holds it or the request is not pending. */
  async lease(id: string, owner: string, durationMs: number, now: number): Promise<boolean> {
    const result = await this.change(id, (request) => {
      if (request.state !== 'pending') return undefined;
      if (request.lease && request.lease.owner !== owner && request.lease.until > now) return undefined;
      return { ...request, lease: { owner, until: now + durationMs } };
    });
    return result?.moved ?? false;
  }

  private async change(
    id: string,
    change: (request: ApprovalRequest) => ApprovalRequest | undefined,
  ): Promise<{ request: ApprovalRequest; moved: boolean } | undefined> {
    const key = this.key(id);
    for (let attempt = 1; ; attempt += 1) {
      const stored = (await this.storage.read([key]))[key] as StoredRequest | undefined;
      if (!stored) return undefined;
      const next = change(stored.request);
      if (!next) return { request: stored.request, moved: false };
      try {
        await this.storage.write({ [key]: { request: next, eTag: stored.eTag ?? '*' } });
        return { request: next, moved: true };
      } catch (error) {
        if (!(error instanceof EtagConflictError) || attempt >= MAX_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }
}
