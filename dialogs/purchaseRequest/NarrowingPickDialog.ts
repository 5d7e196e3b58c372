import { MessageFactory, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogInstance,
  DialogReason,
  DialogTurnResult,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import { PRODUCT_DATASET, renderPickCard } from '../../cards/renderPickCard';
import { safeForMarkdown } from '../../cards/untrustedText';
import { textFor, type Text } from '../../i18n/text';
import type { CardActionValues } from '../cardActions/cardActionTable';
import type { ListFacet } from '../cardActions/cardActionValues';
import { cardMessage } from '../cardMessage';
import type { CardActionRegistry } from '../cardActionRegistry';
import { MORE_OPTIONS, PickPrompt, type PickResult, pressed, typedChoice } from '../PickPrompt';
import { bestMatches, typosIn } from './bestMatches';

/** The choices of a purchase that can be long lists. */
export type NarrowedVerb = 'pickCategory' | 'pickProduct' | 'pickSku' | 'pickTerm';

/** One option of a narrowing pick: what its button says, the words it is found by, and what pressing it picks. */
export interface NarrowingEntry<V extends NarrowedVerb = NarrowedVerb> {
  label: string;
  detail?: string;
  /** Label, detail and anything else it can be called (a region's ARM name, a series' sizes). */
  searchText: string;
  value: CardActionValues[V];
  /**
   * The option's parts a long list is narrowed by, one structured choice at a time, in that order (a reservation's
   * size, region and term); see {@link NarrowingPickOptions.facetNames}.
   */
  facets?: string[];
}

/** What a facet of a long list is (a reservation's size, region or term); the catalog names it in each language. */
export type FacetName = 'size' | 'region' | 'term';

/** Options of {@link NarrowingPickDialog}. */
export interface NarrowingPickOptions<V extends NarrowedVerb = NarrowedVerb> {
  verb: V;
  /** Card markdown the caller made safe. */
  title: string;
  entries: NarrowingEntry<V>[];
  /** Words the list is narrowed by so far (from the request, then what was typed at the card). */
  words?: string;
  /** First option shown (paging with "more"). */
  offset?: number;
  /** Card markdown above the options, already safe. */
  text?: string;
  /** When the words choose an option past a typo, say which (once per purchase: the product step). */
  sayTypos?: boolean;
  /**
   * The options are one item's variants (a product's SKUs): when they are named alike, each button is titled by what
   * tells it from the others (its term, region or size).
   */
  titledByDifference?: boolean;
  /** What each of the entries' facets is called in a question ("size", "region", "term"). */
  facetNames?: FacetName[];
  /** The facet values chosen so far (pressed, or typed as a button's label). */
  chosen?: ListFacet[];
  /** "more" was typed at a structured choice: the options themselves are paged through instead. */
  paging?: boolean;
}

const WATERFALL = 'narrowingPickSteps';
const PICK = 'narrowingPick';
const PAGE = 10;
/** The lists a typeahead searches past their first page (a partner's products, a product's SKUs). */
const SEARCHABLE_VERBS: readonly NarrowedVerb[] = ['pickProduct', 'pickSku'];
/** A structured choice offers at most this many values (a reservation's regions): more would be a page of their own. */
const MOST_FACET_VALUES = 16;

/**
 * A pick card over a list of any length: ten options at a time, "more" for the next ten, and typed words (a name,
 * `Standard_D4s_v5`, `west europe`, `3 years`, a typo or two) narrowing the list to the options they fit. When the
 * words fit exactly one option it is taken without asking, so a purchase request that names an item outright (or a
 * list of one) asks nothing. A long list whose options have facets (a reservation's size, region and term) is first
 * narrowed by structured choices, one facet at a time, each value with its count (`Standard_D4s_v5 (24)`), whose
 * buttons carry the `narrowList` verb and an opaque id; "more" there pages through the options themselves. Ends with
 * the press, as a pick prompt would.
 */
export class NarrowingPickDialog extends ComponentDialog {
  static readonly id = 'narrowingPickDialog';

  constructor(private readonly registry: CardActionRegistry) {
    super(NarrowingPickDialog.id);
    this.addDialog(new PickPrompt(PICK));
    this.addDialog(new WaterfallDialog(WATERFALL, [this.showStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as NarrowingPickOptions;
    const { items, matched } = narrowed(options);
    const narrowing = Boolean(options.words) || (options.chosen?.length ?? 0) > 0;
    const say = textFor(step.context.activity.locale);
    if (options.words && !matched) {
      await step.context.sendActivity(say('narrow.noMatch', { words: safeForMarkdown(options.words, 'typed') }));
    }
    if (narrowing && matched && items.length === 1) {
      const typos = options.sayTypos && options.words ? typosIn(options.words, items[0].searchText) : [];
      if (typos.length > 0) {
        await step.context.sendActivity(
          say('narrow.typo', {
            typos: typos
              .map((typo) => say('narrow.quoted', { text: safeForMarkdown(typo, 'typed') }))
              .join(say('narrow.typoJoin')),
            label: safeForMarkdown(items[0].label, 'name'),
          }),
        );
      }
      return step.endDialog(pressed(options.verb, items[0].value));
    }
    const facet = options.paging ? undefined : facetToChoose(items);
    // A product or SKU list longer than its card is searchable as one types; nothing else is while this card waits.
    const searchable = !facet && items.length > PAGE && SEARCHABLE_VERBS.includes(options.verb);
    if (searchable) {
      await this.registry.offerSearch(step.context, PRODUCT_DATASET, {
        verb: options.verb,
        options: items.map(({ label, searchText, value }) => ({ label, searchText, value })),
      });
    } else {
      await this.registry.withdrawSearch(step.context, PRODUCT_DATASET);
    }
    if (facet) return this.showFacet(step, options, items, facet, matched ? options.words : undefined);
    const offset = (options.offset ?? 0) < items.length ? (options.offset ?? 0) : 0;
    const shown = items.slice(offset, offset + PAGE);
    const parts = options.titledByDifference ? differencesOf(shown.map((entry) => entry.label)) : undefined;
    const buttons = await Promise.all(
      shown.map(async (entry, index) => ({
        // Teams cuts long button titles short: options named alike are titled by what tells them apart (`EU West ·
        // 3 Years`); the whole name is the button's tooltip, and what they share is said above them.
        label: parts ? parts.differences[index] : entry.label,
        ...(parts ? { fullName: entry.label } : {}),
        detail: entry.detail,
        id: await this.registry.register(step.context, options.verb, entry.value),
      })),
    );
    const shared = parts ? say('narrow.allAre', { shared: safeForMarkdown(parts.shared, 'name') }) : undefined;
    const card = renderPickCard({
      title: options.title,
      text: [options.text, shared].filter(Boolean).join(' ') || undefined,
      verb: options.verb,
      options: buttons,
      footnote: pagingNote(items, offset, shown.length, say, matched ? options.words : undefined) || undefined,
      locale: step.context.activity.locale,
      // The buttons stay this page; Teams searches the whole list as the person types.
      search: searchable
        ? { dataset: PRODUCT_DATASET, placeholder: say('narrow.searchAll', { count: items.length }) }
        : undefined,
    });
    return step.prompt(PICK, {
      prompt: cardMessage(card),
      retryPrompt: MessageFactory.text(say('narrow.retry')),
      validations: {
        // A structured choice on an earlier card of this list still narrows it (choosing that part again).
        verbs: options.entries.some((entry) => entry.facets) ? [options.verb, 'narrowList'] : [options.verb],
        typedChoices: shown.map((entry, index) =>
          typedChoice(options.verb, parts ? [entry.label, parts.differences[index]] : [entry.label], entry.value),
        ),
        allowFreeText: true,
        pages: items.length > PAGE,
      },
    });
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as NarrowingPickOptions;
    const answer = step.result as PickResult;
    if (answer.kind === 'action' && answer.action.verb === 'narrowList') {
      // A press on an earlier card of the same list chooses that part again.
      const { position } = answer.action.value;
      const chosen = [...(options.chosen ?? []).filter((c) => c.position !== position), answer.action.value];
      return step.replaceDialog(WATERFALL, { ...options, chosen, offset: 0, paging: false });
    }
    if (answer.kind === 'action') return step.endDialog(answer);
    const typed = answer.text.trim();
    if (
      /^(more|next|show more|next page|mer|fler|nästa|visa fler|visa mer|nästa sida)$/i.test(typed) ||
      typed === MORE_OPTIONS
    ) {
      const { items } = narrowed(options);
      // At a structured choice, "more" pages through the options themselves, from the first.
      if (!options.paging && facetToChoose(items)) {
        return step.replaceDialog(WATERFALL, { ...options, offset: 0, paging: true });
      }
      const next = (options.offset ?? 0) + PAGE;
      if (next >= items.length) {
        await step.context.sendActivity(textFor(step.context.activity.locale)('narrow.fromTheStart'));
      }
      return step.replaceDialog(WATERFALL, { ...options, offset: next < items.length ? next : 0 });
    }
    // Typed words add to the ones the list is narrowed by, unless together they fit nothing: then they start afresh.
    const together = options.words ? `${options.words} ${typed}` : typed;
    const words = bestMatches(withChosen(options), together, (e) => e.searchText).matched ? together : typed;
    return step.replaceDialog(WATERFALL, { ...options, words, offset: 0, paging: false });
  }

  /** However the question ends (answered, cancelled, replaced), its list can no longer be searched. */
  protected override async onEndDialog(
    context: TurnContext,
    instance: DialogInstance,
    reason: DialogReason,
  ): Promise<void> {
    await this.registry.withdrawSearch(context, PRODUCT_DATASET);
    await super.onEndDialog(context, instance, reason);
  }

  /**
   * A structured choice narrowing a long list by one part of its options (size, then region, then term), each value
   * with how many options have it; typing words or "more" still works at it.
   */
  private async showFacet(
    step: WaterfallStepContext,
    options: NarrowingPickOptions,
    items: readonly NarrowingEntry[],
    facet: { position: number; counts: [string, number][] },
    words: string | undefined,
  ): Promise<DialogTurnResult> {
    const say = textFor(step.context.activity.locale);
    const name = options.facetNames?.[facet.position] ?? 'option';
    const buttons = await Promise.all(
      facet.counts.map(async ([value, count]) => ({
        label: `${value} (${count})`,
        id: await this.registry.register(step.context, 'narrowList', { position: facet.position, value }),
      })),
    );
    const chosen = (options.chosen ?? []).map((c) => safeForMarkdown(c.value, 'name'));
    const narrowedBy = [...(words ? [`"${safeForMarkdown(words, 'typed')}"`] : []), ...chosen].join(', ');
    const card = renderPickCard({
      title: options.title,
      text: [options.text, say('narrow.whichFacet', { facet: name })].filter(Boolean).join(' '),
      verb: 'narrowList',
      options: buttons,
      footnote: say('narrow.facetNote', {
        count: items.length,
        narrowedBy: narrowedBy ? ` (${narrowedBy})` : '',
        facet: name,
      }),
      locale: step.context.activity.locale,
    });
    return step.prompt(PICK, {
      prompt: cardMessage(card),
      retryPrompt: MessageFactory.text(say('narrow.facetRetry', { facet: name })),
      validations: {
        verbs: ['narrowList'],
        typedChoices: facet.counts.map(([value, count]) =>
          typedChoice('narrowList', [value, `${value} (${count})`], { position: facet.position, value }),
        ),
        allowFreeText: true,
        pages: true,
      },
    });
  }
}

/** The entries that have every facet value chosen so far. */
function withChosen(options: NarrowingPickOptions): NarrowingEntry[] {
  const chosen = options.chosen ?? [];
  return options.entries.filter((entry) => chosen.every((c) => entry.facets?.[c.position] === c.value));
}

function narrowed(options: NarrowingPickOptions): { items: NarrowingEntry[]; matched: boolean } {
  const entries = withChosen(options);
  if (!options.words) return { items: entries, matched: true };
  return bestMatches(entries, options.words, (entry) => entry.searchText);
}

/**
 * For a list longer than a page whose options all have facets: the first facet whose values differ among them (when
 * there are few enough to offer), with each value's count in the list's order; undefined otherwise.
 */
function facetToChoose(items: readonly NarrowingEntry[]): { position: number; counts: [string, number][] } | undefined {
  if (items.length <= PAGE || items.some((item) => !item.facets)) return undefined;
  const width = Math.min(...items.map((item) => item.facets?.length ?? 0));
  for (let position = 0; position < width; position += 1) {
    const counts = new Map<string, number>();
    for (const item of items) {
      const value = item.facets?.[position] ?? '';
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    if (counts.size > MOST_FACET_VALUES) return undefined;
    if (counts.size > 1) return { position, counts: [...counts] };
  }
  return undefined;
}

/**
 * Where the list stands and how to go on: which options are shown, "more", and — for a long list whose options are
 * named in parts ("Reserved VM Instance, Standard_D4s_v5, EU West, 1 Year") — the first part that differs, with how
 * many options each value has, so the list narrows size → region → term by typing one.
 */
function pagingNote(
  items: readonly NarrowingEntry[],
  offset: number,
  shown: number,
  say: Text,
  words?: string,
): string {
  const matching = words ? say('narrow.matching', { words: safeForMarkdown(words, 'typed') }) : '';
  if (items.length <= PAGE) return words ? say('narrow.count', { count: items.length, matching }) : '';
  const parts = facetOf(items);
  const facet = parts
    ? say('narrow.byPart', {
        values: parts.map(([value, count]) => `${safeForMarkdown(value, 'name')} (${count})`).join(', '),
      })
    : say('narrow.byWords');
  const showing = say('narrow.showing', { first: offset + 1, last: offset + shown, count: items.length, matching });
  return `${showing} ${facet}`;
}

/**
 * For labels named in parts that share some parts ("Reserved VM Instance, Standard_D8s_v5, EU West, 1 Year" and
 * "…, 3 Years"; "… - 1 year" and "… - 3 years"), each label's parts that differ from the others' (`EU West · 1 Year`)
 * and the parts all share (`Reserved VM Instance, Standard_D8s_v5`); undefined when the labels aren't named that way.
 */
function differencesOf(labels: readonly string[]): { differences: string[]; shared: string } | undefined {
  if (labels.length < 2) return undefined;
  const split = labels.map((label) => label.split(/,\s*|\s+-\s+/));
  const width = split[0].length;
  if (width < 2 || split.some((parts) => parts.length !== width)) return undefined;
  const varying = [...Array(width).keys()].filter((i) => split.some((parts) => parts[i] !== split[0][i]));
  if (varying.length === 0 || varying.length === width) return undefined;
  const differences = split.map((parts) => varying.map((i) => parts[i]).join(' · '));
  if (new Set(differences).size !== differences.length) return undefined;
  const shared = split[0].filter((_, i) => !varying.includes(i)).join(', ');
  return { differences, shared };
}

/** The first comma-separated part of the labels that differs between options, with each value's count. */
function facetOf(items: readonly NarrowingEntry[]): [string, number][] | undefined {
  const split = items.map((item) => item.label.split(/,\s*/));
  const width = Math.min(...split.map((parts) => parts.length));
  for (let position = 0; position < width; position += 1) {
    const counts = new Map<string, number>();
    for (const parts of split) counts.set(parts[position], (counts.get(parts[position]) ?? 0) + 1);
    if (counts.size > 1 && counts.size <= 16) return [...counts];
    if (counts.size > 16) return undefined;
  }
  return undefined;
}
