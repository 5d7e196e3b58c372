import type { Availability } from '../partnerCenter/schemas/availability';
import type { Sku } from '../partnerCenter/schemas/sku';
import type { TermOption } from './types';
import { textFor } from '../../i18n/text';

// In English, for records; the confirmation card says it in the reader's words (`term.perpetual`).
const PERPETUAL_DESCRIPTION = textFor('en-US')('term.perpetual');

/**
 * The key a term keeps while its availability id rotates: segment, term and billing cycle are what the user chose,
 * and they are the same in every reissue of the availability.
 */
export function termKeyOf(segment: string, termDuration: string | undefined, billingCycle: string): string {
  return `${segment.toLowerCase()}|${termDuration?.toUpperCase() ?? 'perpetual'}|${billingCycle.toLowerCase()}`;
}

/**
 * Every way to buy a SKU: purchasable availabilities × their terms (perpetual software has none, so one option without
 * a term). Options with the same key are listed once, the first availability winning.
 */
export function termOptionsOf(availabilities: readonly Availability[], sku: Sku): TermOption[] {
  const options = new Map<string, TermOption>();
  for (const availability of availabilities) {
    if (!availability.isPurchasable) continue;
    const segment = availability.segment ?? 'commercial';
    const terms = availability.terms.length > 0 ? availability.terms : [undefined];
    for (const term of terms) {
      const billingCycle = billingCycleFor(sku, term?.billingCycle);
      const termKey = termKeyOf(segment, term?.duration, billingCycle);
      if (options.has(termKey)) continue;
      const option: TermOption = {
        termKey,
        availabilityId: availability.id,
        catalogItemId: availability.catalogItemId,
        description: term ? (term.description ?? durationText(term.duration)) : PERPETUAL_DESCRIPTION,
        billingCycle,
        currencyCode: availability.defaultCurrency?.code ?? '',
        segment,
      };
      if (term) option.termDuration = term.duration;
      options.set(termKey, option);
    }
  }
  return [...options.values()];
}

// One-time purchases are billed `one_time`; anything else is only a fallback for SKUs this bot doesn't normally sell.
function billingCycleFor(sku: Sku, termBillingCycle: string | undefined): string {
  if (sku.supportedBillingCycles.includes('one_time')) return 'one_time';
  if (termBillingCycle) return termBillingCycle.toLowerCase();
  return sku.supportedBillingCycles[0] ?? 'one_time';
}

function durationText(duration: string): string {
  const match = /^P(\d+)([YM])$/i.exec(duration);
  if (!match) return duration;
  const count = Number(match[1]);
  const unit = match[2].toUpperCase() === 'Y' ? 'year' : 'month';
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
