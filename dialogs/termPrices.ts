import type { TurnContext } from 'botbuilder';
import { formatMoney } from '../cards/format';
import { textFor } from '../i18n/text';
import type { CustomerDetails, PurchaseCategory, SkuOption, TermOption } from '../services/purchase/types';
import { callContextOf } from './callContext';
import type { DialogDependencies } from './dialogDependencies';

/**
 * The price of each term of a SKU for its pick card ("$155.00 per unit for the term · price sheet of 2026-11-30,
 * estimate", or "price not available"), from the price sheet; undefined for every term when the bot has no price
 * sheet. Never throws: a price is a courtesy on the way to the confirmation card.
 */
export async function termPriceDetails(
  context: TurnContext,
  deps: Pick<DialogDependencies, 'prices'>,
  question: { correlationId: string; customer: CustomerDetails; category?: PurchaseCategory; sku: SkuOption },
  terms: readonly TermOption[],
): Promise<(string | undefined)[]> {
  const prices = deps.prices;
  if (!prices) return terms.map(() => undefined);
  const locale = context.activity.locale || 'en-US';
  const say = textFor(locale);
  return Promise.all(
    terms.map(async (term) => {
      const answer = await prices.quote(callContextOf(context, question.correlationId), {
        country: question.customer.country,
        currency: term.currencyCode,
        category: question.category ?? 'software-subscriptions',
        productId: question.sku.productId,
        skuId: question.sku.skuId,
        termDuration: term.termDuration,
        billingCycle: term.billingCycle,
      });
      if (!answer.available) return say('termPrice.unavailable');
      const unit = formatMoney(answer.unitPrice, answer.currency, locale);
      return say('termPrice.estimate', { unit, date: answer.sheetDate });
    }),
  );
}
