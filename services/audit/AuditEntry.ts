/**
 * What became of a purchase attempt at the moment the entry was written: the cart claimed for checkout, the final
 * outcome (done / failed; partial when Partner Center placed some order groups and refused others; or unconfirmed
 * when the bot gave up without a definite answer), a second click refused because the cart was already claimed, a
 * click refused because the person may not buy, an earlier ledger record with the same cart id that did not match the
 * cart and so was not taken as its outcome, or a Partner Center call (any: a lookup, a purchase step, a checkout)
 * refused because the person's sign-in had no multi-factor authentication; an approval asked for, given, refused by the
 * approver, lapsed, or a decision refused (self-approval, not an approver); an order cancelled, a cancellation refused,
 * or the purchaser reminded that the cancellation window is closing.
 */
export type AuditResult =
  | 'claimed'
  | 'done'
  | 'partial'
  | 'failed'
  | 'unconfirmed'
  | 'duplicate-refused'
  | 'role-refused'
  | 'ledger-mismatch'
  | 'mfa-refused'
  | 'approval-requested'
  | 'approved'
  | 'approval-rejected'
  | 'approval-expired'
  | 'approval-refused'
  | 'cancelled'
  | 'cancel-refused'
  | 'cancel-reminded';

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
  /**
   * Attestations the person accepted for the partner by pressing Place order on a card that showed their words
   * (SKUs whose Partner Center attestation is enforced); set on the `claimed` entry, the moment of acceptance.
   */
  attestationsAccepted?: { type: string; text: string }[];
  /** A short reason in words for failures and refusals; never a raw Partner Center payload. */
  detail?: string;
}

/** An entry as handed to the trail, before it is stamped with the time. */
export type NewAuditEntry = Omit<AuditEntry, 'at'>;
