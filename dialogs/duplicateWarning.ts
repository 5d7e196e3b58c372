import { safeForMarkdown } from '../cards/untrustedText';
import { type Text, textFor } from '../i18n/text';
import { type CheckoutRecord, isPartialOutcome } from '../services/checkout/CheckoutLedger';
import type { CustomerSummary } from '../services/purchase/types';
import type { ListedPurchase } from './listedPurchases';

const DAY_MS = 86_400_000;

/** "Nov 28" in the reader's language; the day as Partner Center recorded it (UTC). */
function dayOf(at: string, locale: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(Date.parse(at));
  } catch {
    return new Date(Date.parse(at)).toISOString().slice(0, 10);
  }
}

/** When, in words: "20 minutes ago" within a day and a half, "on Nov 28" before. */
function when(at: string, now: number, locale: string, say: Text): string {
  return now - Date.parse(at) < 1.5 * DAY_MS ? ago(at, now, say) : say('duplicate.onDay', { day: dayOf(at, locale) });
}

function ago(at: string, now: number, say: Text): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(at)) / 60_000));
  if (minutes < 1) return say('duplicate.lessThanMinute');
  if (minutes < 90) return say('duplicate.minutesAgo', { minutes });
  const hours = Math.round(minutes / 60);
  return hours < 36 ? say('duplicate.hoursAgo', { hours }) : say('duplicate.daysAgo', { days: Math.round(hours / 24) });
}

function whereItStands(record: CheckoutRecord, say: Text): string {
  const orders = (record.result?.orders ?? []).map((o) => safeForMarkdown(o.id, 'id')).join(', ');
  if (record.state === 'done') {
    const partial = isPartialOutcome(record);
    if (orders.length === 0) return say(partial ? 'duplicate.partlyPlaced' : 'duplicate.placed');
    return say(partial ? 'duplicate.partlyPlacedAs' : 'duplicate.placedAs', { orders });
  }
  if (record.state === 'unconfirmed') return say('duplicate.unconfirmed');
  return say('duplicate.stillPlacing');
}

/**
 * The question asked before buying what was already bought: the earlier purchases — the bot's own checkouts and orders
 * in Partner Center's order list (when, how many, where they stand) — and what each button now does. When the newest
 * is days old it leads with it: "You bought 10 of these for Fabrikam on Nov 28 — buy again?".
 */
export function duplicateWarning(
  customer: Pick<CustomerSummary, 'companyName'>,
  earlier: readonly CheckoutRecord[],
  now: number,
  listed: readonly ListedPurchase[] = [],
  locale = 'en-US',
): string {
  const say = textFor(locale);
  const entries = [
    ...earlier.map((record) => ({
      at: record.createdAt,
      quantity: record.item?.quantity,
      title: record.item?.title,
      where: whereItStands(record, say),
    })),
    ...listed.map((order) => ({
      at: order.createdAt,
      quantity: order.quantity,
      title: order.title,
      where: say('duplicate.listedOrder', {
        id: safeForMarkdown(order.orderId, 'id'),
        status: safeForMarkdown(order.status, 'word'),
      }),
    })),
  ].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const lines = entries.map((entry) =>
    say('duplicate.line', {
      when: when(entry.at, now, locale, say),
      quantity: entry.quantity ?? '?',
      title: entry.title ? safeForMarkdown(entry.title, 'name') : say('duplicate.sameSku'),
      where: entry.where,
    }),
  );
  const company = safeForMarkdown(customer.companyName, 'name');
  const newest = entries[0];
  const lead =
    newest && now - Date.parse(newest.at) >= DAY_MS
      ? newest.quantity === undefined
        ? say('duplicate.leadSome', { company, day: dayOf(newest.at, locale) })
        : say('duplicate.leadDays', { quantity: newest.quantity, company, day: dayOf(newest.at, locale) })
      : say('duplicate.leadRecent', { company });
  return [lead, ...lines, '', say('duplicate.nothingNew')].join('\n');
}
