import type { CardVerb } from './cardAction';
import template from './templates/pick.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { nonBlank } from './nonBlank';
import { optionalForMarkdown, safeForPlainText } from './untrustedText';
import { textFor } from '../i18n/text';

/**
 * One choice on a pick card; `id` is the opaque id its button submits. Label and detail are taken as plain values
 * (Partner Center's names and descriptions) and made safe here.
 */
export interface PickOption {
  label: string;
  detail?: string;
  /** The option's whole name, when the label is only what tells it from the others (`EU West · 3 Years`). */
  fullName?: string;
  id: string;
}

/**
 * What a pick card shows. The caller keeps `options` to at most 10. `title`, `text` and `footnote` are card markdown
 * the bot wrote: any Partner Center value or typed text in them must already have gone through `safeForMarkdown`.
 */
export interface PickCardData {
  title: string;
  text?: string;
  verb: CardVerb;
  options: PickOption[];
  footnote?: string;
  /**
   * Typeahead over everything the buttons don't show: an `Input.ChoiceSet` whose `choices.data` (`Data.Query`) makes
   * Teams ask the bot (`application/search` with this dataset) as the person types, and a Choose button. Its first page
   * is the options themselves, so a client that can't search still offers them. Each choice's value is an opaque id,
   * like a button's: the input's id is `id`, so Choose submits exactly `{ verb, id }`.
   */
  search?: { dataset: string; placeholder: string };
  /** The reader's Teams locale: the card's own words (the search's Choose button) are in its language. */
  locale?: string;
}

/** The dataset the customer picker searches (answered by the bot's `application/search` handler). */
export const CUSTOMER_DATASET = 'customers';

/** The dataset a long product or SKU list searches (answered from the list its open question offers). */
export const PRODUCT_DATASET = 'products';

interface PickView {
  title: string;
  text?: string;
  verb: CardVerb;
  options: { label: string; detail?: string; tooltip: string; id: string }[];
  footnote?: string;
}

const expand = compileCardTemplate<PickView>(template);

/**
 * Draws a "pick one" card (customer, category, product, SKU, term or scope) with one button per option. Each option
 * gets its own button row because Teams folds card-level actions beyond the first few into an overflow menu.
 */
export function renderPickCard(data: PickCardData): AdaptiveCardJson {
  const card = expand({
    title: data.title,
    text: nonBlank(data.text),
    verb: data.verb,
    options: data.options.map((option) => {
      // Button titles and tooltips are plain text (escaping would show), TextBlocks are markdown.
      const label = safeForPlainText(option.label, 'name');
      const name = option.fullName ? safeForPlainText(option.fullName, 'name') : label;
      const plainDetail = safeForPlainText(option.detail, 'sentence');
      // Teams cuts long button titles short; the tooltip keeps the whole name reachable.
      return {
        label,
        detail: optionalForMarkdown(option.detail, 'sentence'),
        tooltip: plainDetail ? `${name} (${plainDetail})` : name,
        id: option.id,
      };
    }),
    footnote: nonBlank(data.footnote),
  });
  if (!data.search) return card;
  const body = Array.isArray(card.body) ? card.body : [];
  const search = {
    type: 'Container',
    separator: true,
    spacing: 'Medium',
    items: [
      {
        type: 'Input.ChoiceSet',
        id: 'id',
        style: 'filtered',
        label: safeForPlainText(data.search.placeholder, 'sentence'),
        placeholder: safeForPlainText(data.search.placeholder, 'sentence'),
        choices: data.options.map((option) => ({ title: safeForPlainText(option.label, 'name'), value: option.id })),
        'choices.data': { type: 'Data.Query', dataset: data.search.dataset },
      },
      {
        type: 'ActionSet',
        actions: [
          {
            type: 'Action.Execute',
            title: textFor(data.locale)('pick.choose'),
            verb: data.verb,
            data: { verb: data.verb },
          },
        ],
      },
    ],
  };
  return { ...card, body: [...body, search] };
}
