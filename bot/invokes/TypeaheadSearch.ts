import { randomUUID } from 'node:crypto';
import type { SearchInvokeResponse, TurnContext } from 'botbuilder';
import { CUSTOMER_DATASET, PRODUCT_DATASET } from '../../cards/renderPickCard';
import { safeForPlainText } from '../../cards/untrustedText';
import { callContextOf } from '../../dialogs/callContext';
import type { DialogDependencies } from '../../dialogs/dialogDependencies';
import { mayUse } from '../../dialogs/security/access';
import { ROLE_REFUSALS } from '../../dialogs/security/roleRefusals';
import { DIRECTORY_UNAVAILABLE } from '../../dialogs/security/roleOrExplain';
import { CARD_ACTIONS } from '../../dialogs/cardActions/cardActionTable';
import { matchScore } from '../../dialogs/purchaseRequest/bestMatches';
import { wordsOf } from '../../services/purchase/looseWords';
import { textFor } from '../../i18n/text';
import { DirectoryUnavailableError } from '../../services/directory/DirectoryUnavailableError';
import { searchInvokeValue } from './invokeValues';

/** Choices per answer: a typeahead list shows a handful, and each one is a registered button id. */
const MAX_CHOICES = 8;

/** Teams' content type for a typeahead answer (Adaptive Card `Data.Query`). */
const SEARCH_RESPONSE = 'application/vnd.microsoft.search.searchResponse';

function failure(statusCode: number, message: string): SearchInvokeResponse {
  return {
    statusCode,
    type: 'application/vnd.microsoft.error',
    value: { code: String(statusCode), message },
  };
}

/**
 * Answers a picker's typeahead (`application/search`, from an `Input.ChoiceSet` with `choices.data` of type
 * `Data.Query`): the customer picker searches all the partner's customers as the person types, and a long product or
 * SKU list searches the list its open question offers this person (kept with the question, no lookup). Each choice's
 * value is a button id of the picker's verb registered for this person in this conversation, exactly as the picker's own buttons
 * are, so choosing one goes through the card action gate like any press (owner, expiry, role) and the card never
 * carries a customer id. The role is the one the verb needs; the value is parsed (zod) first; answers are bounded.
 */
export class TypeaheadSearch {
  constructor(private readonly deps: Pick<DialogDependencies, 'roles' | 'service' | 'registry'>) {}

  async search(context: TurnContext): Promise<SearchInvokeResponse> {
    const say = textFor(context.activity.locale);
    const parsed = searchInvokeValue.safeParse(context.activity.value);
    if (!parsed.success) return failure(400, say('search.unreadable'));
    const { dataset } = parsed.data;
    if (dataset !== CUSTOMER_DATASET && dataset !== PRODUCT_DATASET) return failure(404, say('search.noDataset'));
    const verb = dataset === CUSTOMER_DATASET ? 'pickCustomer' : 'pickProduct';
    try {
      const role = await this.deps.roles.roleFor(context);
      if (!mayUse(role, CARD_ACTIONS[verb].access)) return failure(403, say(ROLE_REFUSALS.unknownUser));
    } catch (error) {
      if (error instanceof DirectoryUnavailableError) return failure(503, say(DIRECTORY_UNAVAILABLE));
      throw error;
    }
    const query = parsed.data.queryText.trim();
    const top = Math.min(parsed.data.queryOptions?.top ?? MAX_CHOICES, MAX_CHOICES);
    if (dataset === PRODUCT_DATASET) return this.searchList(context, query, top);
    if (query.length === 0) return { statusCode: 200, type: SEARCH_RESPONSE, value: { results: [] } };
    const found = await this.deps.service.searchCustomers(callContextOf(context, randomUUID()), query, top);
    const results: { title: string; value: string }[] = [];
    for (const customer of found.matches.slice(0, top)) {
      results.push({
        title: `${safeForPlainText(customer.companyName, 'name')} (${safeForPlainText(customer.domain, 'domain')})`,
        value: await this.deps.registry.register(context, 'pickCustomer', customer),
      });
    }
    return { statusCode: 200, type: SEARCH_RESPONSE, value: { results } };
  }

  /** The options of this person's open product or SKU list the typed words fit, best first; 404 when none is open. */
  private async searchList(context: TurnContext, query: string, top: number): Promise<SearchInvokeResponse> {
    const list = await this.deps.registry.searchable(context, PRODUCT_DATASET);
    if (!list) return failure(404, textFor(context.activity.locale)('search.noOpenList'));
    const words = wordsOf(query);
    const found = list.options
      .map((option) => ({ option, score: words.length > 0 ? matchScore(words, option.searchText) : 1 }))
      .filter(({ score }) => score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, top);
    const results: { title: string; value: string }[] = [];
    for (const { option } of found) {
      results.push({
        title: safeForPlainText(option.label, 'name'),
        value: await this.deps.registry.registerSearchable(context, list, option),
      });
    }
    return { statusCode: 200, type: SEARCH_RESPONSE, value: { results } };
  }
}
