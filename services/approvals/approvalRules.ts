/** Who approves, above what, and for how long a request waits (bot/config.ts reads them). */
export interface ApprovalSettings {
  /** Entra object ids (lower case) of the people who approve; each gets the request in their own chat with the bot. */
  approverIds: string[];
  /**
   * Present when APPROVER_GROUP_IDS is set (live mode): members of these Entra groups (lower case ids, nested
   * membership counts) approve too; membership is read from Microsoft Graph of `graphBaseUrl`, each answer trusted for
   * `cacheSeconds`.
   */
  groups?: { approverGroupIds: string[]; graphBaseUrl: string; cacheSeconds: number };
  /** Spend threshold per currency (`USD` → 5000): an estimated total at or above it needs an approval. */
  thresholds: Record<string, number>;
  /** A customer's first purchase (no order in Partner Center's list, none in the ledger) always needs one. */
  firstPurchase: boolean;
  /** How long a request waits for a decision before it expires (nothing is bought). */
  expiryMs: number;
}

/** What the confirmation card knows when it asks: the estimated total, and whether the customer has ever bought. */
export interface ApprovalQuestion {
  /** Undefined when the price sheet gave no price. */
  total?: { amount: number; currency: string };
  /** True when the customer has no earlier order (asked only when the first-purchase rule is on). */
  firstPurchase?: boolean;
}

/** Why a purchase needs an approval. */
export type ApprovalReason = 'over-threshold' | 'price-unknown' | 'first-purchase';

/** Whether a purchase needs an approval, and why. */
export type ApprovalNeed = { required: false } | { required: true; reasons: ApprovalReason[]; threshold?: number };

/**
 * Applies the rules. A total in a currency with a threshold needs an approval at or above it; a currency with no
 * threshold of its own is not held by the amount (thresholds are not converted: set one per currency you sell in).
 * When there are thresholds but the price sheet gave no price, the purchase is held too: the bot can't tell it is
 * below the line, and an approver can.
 */
export function approvalNeedOf(settings: ApprovalSettings, question: ApprovalQuestion): ApprovalNeed {
  const reasons: ApprovalReason[] = [];
  let threshold: number | undefined;
  const hasThresholds = Object.keys(settings.thresholds).length > 0;
  if (question.total) {
    threshold = settings.thresholds[question.total.currency.toUpperCase()];
    if (threshold !== undefined && question.total.amount >= threshold) reasons.push('over-threshold');
  } else if (hasThresholds) {
    reasons.push('price-unknown');
  }
  if (settings.firstPurchase && question.firstPurchase) reasons.push('first-purchase');
  if (reasons.length === 0) return { required: false };
  return { required: true, reasons, ...(threshold !== undefined ? { threshold } : {}) };
}
