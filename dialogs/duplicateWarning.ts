import { safeForMarkdown } from '../cards/untrustedText';
import { type CheckoutRecord, isPartialOutcome } from '../services/checkout/CheckoutLedger';
import type { CustomerSummary } from '../services/purchase/types';

function ago(at: string, now: number): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(at)) / 60_000));
  if (minutes < 1) return 'less than a minute ago';
  if (minutes < 90) return minutes === 1 ? 'a minute ago' : `${minutes} minutes ago`;
  const hours = Math.round(minutes / 60);
  return hours < 36 ? `${hours} hours ago` : `${Math.round(hours / 24)} days ago`;
}

function whereItStands(record: CheckoutRecord): string {
  const orders = (record.result?.orders ?? []).map((o) => o.id);
  if (record.state === 'done') {
    const placed = isPartialOutcome(record) ? 'partly placed (Partner Center refused the rest)' : 'placed';
    return orders.length > 0
      ? `${placed} as order ${orders.map((id) => safeForMarkdown(id, 'id')).join(', ')}`
      : placed;
  }
  if (record.state === 'unconfirmed') return 'Partner Center never confirmed whether it went through';
  return 'still being placed';
}

/**
 * The question asked before buying what was just bought: the earlier purchases (when, how many, where they stand) and
 * what each button now does.
 */
export function duplicateWarning(
  customer: Pick<CustomerSummary, 'companyName'>,
  earlier: readonly CheckoutRecord[],
  now: number,
): string {
  const lines = earlier.map(
    (record) =>
      `- ${ago(record.createdAt, now)}: ${record.item?.quantity ?? '?'} × ${record.item?.title ? safeForMarkdown(record.item.title, 'name') : 'the same SKU'} — ${whereItStands(record)}`,
  );
  return [
    `**You already ordered this for ${safeForMarkdown(customer.companyName, 'name')}:**`,
    ...lines,
    '',
    'Nothing new has been bought. Press **Place order** again only if you want to buy it once more; otherwise press **Cancel**.',
  ].join('\n');
}
