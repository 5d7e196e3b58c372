import type { Product } from '../partnerCenter/schemas/product';

/** What a cancelled purchase gives back. */
export type RefundKind = 'full' | 'prorated' | 'none';

/** The kinds of one-time purchase, as far as cancelling them goes. */
export type CancellableKind = 'perpetual-software' | 'software-subscription' | 'azure-reservation' | 'other';

/** How long after the purchase a line may be cancelled through the API, and the refund. */
export interface CancellationPolicy {
  /** Zero: never through this API. */
  windowMs: number;
  refund: RefundKind;
}

const DAY_MS = 86_400_000;

/**
 * The self-serve cancellation windows of "New commerce experience cancellation policy" (Partner Center, Customers):
 * - Perpetual software: "Full refund within 30 calendar days of purchase".
 * - Software subscriptions: "Prorated refund (except where otherwise required by law) within seven calendar days of
 *   purchase. For example, if you cancel on the third day, the refund will be for the remaining paid period minus the
 *   three days."
 * Azure reservations are not cancelled with the order API: "Non-Sandbox tenants aren't allowed to cancel purchases
 * other than software subscriptions and perpetual software" (403 / 800019, error codes), and "Cancel software
 * purchases" covers only "software subscriptions and perpetual software purchases".
 */
export const CANCELLATION_POLICIES: Readonly<Record<CancellableKind, CancellationPolicy>> = {
  'perpetual-software': { windowMs: 30 * DAY_MS, refund: 'full' },
  'software-subscription': { windowMs: 7 * DAY_MS, refund: 'prorated' },
  'azure-reservation': { windowMs: 0, refund: 'none' },
  other: { windowMs: 0, refund: 'none' },
};

/**
 * Which kind of purchase a catalog product is, from its `productType` as the catalog documents it: `Azure` for
 * reservations, `Software` with subtype `SoftwarePerpetual` or `SoftwareSubscriptions`.
 */
export function cancellableKindOf(product: Product | undefined): CancellableKind {
  const type = product?.productType;
  if (!type) return 'other';
  const id = type.id.toLowerCase();
  const sub = type.subType?.id.toLowerCase() ?? '';
  if (id === 'azure') return 'azure-reservation';
  if (id !== 'software') return 'other';
  if (sub.includes('perpetual')) return 'perpetual-software';
  if (sub.includes('subscription')) return 'software-subscription';
  return 'other';
}

/**
 * The part of the price a cancellation at `now` refunds: everything for a full refund; for a prorated one the term
 * less the days started since the purchase, as the policy's example counts them ("cancel on the third day … the
 * remaining paid period minus the three days"). An estimate: Partner Center computes the credit.
 */
export function refundShareAt(
  refund: RefundKind,
  purchasedAt: number,
  termDuration: string | undefined,
  now: number,
): number {
  if (refund === 'full') return 1;
  if (refund === 'none') return 0;
  const years = /^P(\d+)Y$/i.exec(termDuration ?? '')?.[1];
  const months = /^P(\d+)M$/i.exec(termDuration ?? '')?.[1];
  const start = new Date(purchasedAt);
  const end = Date.UTC(
    start.getUTCFullYear() + Number(years ?? 0),
    start.getUTCMonth() + Number(months ?? (years ? 0 : 12)),
    start.getUTCDate(),
    start.getUTCHours(),
  );
  const termDays = Math.round((end - purchasedAt) / DAY_MS);
  const daysStarted = Math.max(1, Math.ceil((now - purchasedAt) / DAY_MS));
  return Math.max(0, (termDays - daysStarted) / termDays);
}
