/**
 * What became of a purchase attempt at the moment the entry was written: the cart claimed for checkout, the final
 * outcome (done / failed), a second click refused because the cart was already claimed, or a click refused because
 * the person may not buy.
 */
export type AuditResult = 'claimed' | 'done' | 'failed' | 'duplicate-refused' | 'role-refused';

/** One line of the audit trail: when, who, for which customer, what, and how it went. */
export interface AuditEntry {
  /** ISO 8601, set by the trail when the entry is appended. */
  at: string;
  result: AuditResult;
  user: { objectId?: string; name?: string; tenantId?: string };
  customer?: { id: string; companyName: string };
  cartId?: string;
  /** What was being bought; absent when the writer did not know (e.g. a duplicate click seen only by cart id). */
  item?: { productId: string; skuId: string; title?: string; quantity: number };
  /** The checkout call's MS-RequestId (its idempotency key). */
  requestId?: string;
  correlationId?: string;
  orderIds?: string[];
  /** A short reason in words for failures and refusals; never a raw Partner Center payload. */
  detail?: string;
}

/** An entry as handed to the trail, before it is stamped with the time. */
export type NewAuditEntry = Omit<AuditEntry, 'at'>;
