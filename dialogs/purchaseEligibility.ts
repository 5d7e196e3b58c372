import type { TurnContext } from 'botbuilder';
import { safeForMarkdown } from '../cards/untrustedText';
import type { CustomerDetails, PurchaseCategory, SkuOption, TermOption } from '../services/purchase/types';
import { callContextOf } from './callContext';
import type { DialogDependencies } from './dialogDependencies';
import { tellFailure } from './tellFailure';
import { textFor } from '../i18n/text';

/**
 * Asks the purchase service whether the chosen SKU can be bought at all before the quantity is asked (perpetual
 * software needing a partner qualification used to fail only after the quantity, at the cart). Says why not in one
 * sentence and returns true when it can't; false when the purchase goes on.
 */
export async function refusedBeforeQuantity(
  context: TurnContext,
  deps: Pick<DialogDependencies, 'service'>,
  correlationId: string,
  customer: CustomerDetails,
  choice: { category: PurchaseCategory; sku: SkuOption; term: TermOption },
): Promise<boolean> {
  try {
    await deps.service.checkEligibility(
      callContextOf(context, correlationId),
      customer,
      choice.category,
      choice.sku,
      choice.term,
    );
    return false;
  } catch (error) {
    await tellFailure(
      context,
      deps.service,
      error,
      textFor(context.activity.locale)('purchase.notEligible', {
        sku: safeForMarkdown(choice.sku.title, 'name'),
        company: safeForMarkdown(customer.companyName, 'name'),
      }),
    );
    return true;
  }
}
