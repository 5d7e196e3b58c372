import type { CardVerb } from './cardAction';
import template from './templates/pick.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { nonBlank } from './nonBlank';
import { optionalForMarkdown, safeForPlainText } from './untrustedText';

/**
 * One choice on a pick card; `id` is the opaque id its button submits. Label and detail are taken as plain values
 * (Partner Center's names and descriptions) and made safe here.
 */
export interface PickOption {
  label: string;
  detail?: string;
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
}

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
  return expand({
    title: data.title,
    text: nonBlank(data.text),
    verb: data.verb,
    options: data.options.map((option) => {
      // Button titles and tooltips are plain text (escaping would show), TextBlocks are markdown.
      const label = safeForPlainText(option.label, 'name');
      const plainDetail = safeForPlainText(option.detail, 'sentence');
      // Teams cuts long button titles short; the tooltip keeps the whole name reachable.
      return {
        label,
        detail: optionalForMarkdown(option.detail, 'sentence'),
        tooltip: plainDetail ? `${label} (${plainDetail})` : label,
        id: option.id,
      };
    }),
    footnote: nonBlank(data.footnote),
  });
}
