import { randomBytes } from 'node:crypto';
import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { CardAction, CardVerb } from '../cards/cardAction';
import type { CardActionValues } from './cardActions/cardActionTable';
import { userKeyOf } from './userKeyOf';

/** What a card button stands for, kept server-side; the card itself carries only the verb and this entry's id. */
interface RegisteredAction {
  verb: CardVerb;
  value: unknown;
  /** The user the card was shown to; a click from anyone else changes nothing. */
  userKey: string;
  createdAt: number;
}

type Registry = Record<string, RegisteredAction>;

/** One option of a list a person can search by typing: what it is called, the words it is found by, what it picks. */
export interface SearchableOption<V extends CardVerb = CardVerb> {
  label: string;
  searchText: string;
  value: CardActionValues[V];
}

/** The list an open question offers, searchable through a card's typeahead (`application/search` for `dataset`). */
export interface SearchableList<V extends CardVerb = CardVerb> {
  verb: V;
  options: SearchableOption<V>[];
}

/** Each user's searchable list per dataset, keyed `userKey` + newline + dataset. */
type SearchableLists = Record<string, SearchableList>;

/** The result of looking up a clicked button; the value is checked against its verb's type by the gate. */
export type ResolvedCardAction =
  | { ok: true; verb: CardVerb; value: unknown; id: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'other-user' | 'verb-mismatch' };

const MAX_ENTRIES = 200;
const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Maps the opaque ids on card buttons to the choices they stand for, per conversation, so that a card never carries
 * a customer, SKU, quantity or cart: a forged, expired or someone else's card resolves to nothing.
 */
export class CardActionRegistry {
  private readonly accessor: StatePropertyAccessor<Registry>;
  private readonly searchables: StatePropertyAccessor<SearchableLists>;

  constructor(
    conversationState: ConversationState,
    private readonly now: () => number = Date.now,
    private readonly ttlMs: number = DEFAULT_TTL_MS,
  ) {
    this.accessor = conversationState.createProperty<Registry>('cardActions');
    this.searchables = conversationState.createProperty<SearchableLists>('searchableLists');
  }

  /** Stores what a button means (of the type its verb's row in the card action table names) and returns its id. */
  async register<V extends CardVerb>(context: TurnContext, verb: V, value: CardActionValues[V]): Promise<string> {
    return this.store(context, verb, value);
  }

  /**
   * Keeps the list a question offers this person, so a typeahead on its card can search it while the question waits
   * (the card carries no option; each one found is registered as a button of the list's verb, see
   * {@link registerSearchable}). Replaces what this person could search in this dataset before.
   */
  async offerSearch<V extends CardVerb>(context: TurnContext, dataset: string, list: SearchableList<V>): Promise<void> {
    const lists = await this.searchables.get(context, {});
    lists[`${userKeyOf(context)}\n${dataset}`] = list as unknown as SearchableList;
    await this.searchables.set(context, lists);
  }

  /** Ends a search offered with {@link offerSearch} (its question was answered or left). */
  async withdrawSearch(context: TurnContext, dataset: string): Promise<void> {
    const lists = await this.searchables.get(context, {});
    const key = `${userKeyOf(context)}\n${dataset}`;
    if (!Object.prototype.hasOwnProperty.call(lists, key)) return;
    delete lists[key];
    await this.searchables.set(context, lists);
  }

  /** The list this person's open question lets them search in a dataset, if one waits. */
  async searchable(context: TurnContext, dataset: string): Promise<SearchableList | undefined> {
    const lists = await this.searchables.get(context, {});
    const key = `${userKeyOf(context)}\n${dataset}`;
    return Object.prototype.hasOwnProperty.call(lists, key) ? lists[key] : undefined;
  }

  /** Registers an option found in a searchable list as a button of the list's verb, exactly as its card's buttons. */
  async registerSearchable(context: TurnContext, list: SearchableList, option: SearchableOption): Promise<string> {
    return this.store(context, list.verb, option.value);
  }

  private async store(context: TurnContext, verb: CardVerb, value: unknown): Promise<string> {
    const registry = await this.accessor.get(context, {});
    const id = randomBytes(12).toString('base64url');
    this.dropExpired(registry);
    registry[id] = { verb, value, userKey: userKeyOf(context), createdAt: this.now() };
    const ids = Object.keys(registry);
    if (ids.length > MAX_ENTRIES) {
      ids
        .sort((a, b) => registry[a].createdAt - registry[b].createdAt)
        .slice(0, ids.length - MAX_ENTRIES)
        .forEach((old) => delete registry[old]);
    }
    await this.accessor.set(context, registry);
    return id;
  }

  /** Looks a clicked button up, checking that it exists, is fresh, belongs to this user and says what it claims. */
  async resolve(context: TurnContext, action: CardAction): Promise<ResolvedCardAction> {
    const registry = await this.accessor.get(context, {});
    const entry = Object.prototype.hasOwnProperty.call(registry, action.id) ? registry[action.id] : undefined;
    if (!entry) return { ok: false, reason: 'unknown' };
    if (this.now() - entry.createdAt > this.ttlMs) return { ok: false, reason: 'expired' };
    if (entry.userKey !== userKeyOf(context)) return { ok: false, reason: 'other-user' };
    if (entry.verb !== action.verb) return { ok: false, reason: 'verb-mismatch' };
    return { ok: true, verb: entry.verb, value: entry.value, id: action.id };
  }

  /** Drops buttons that must not work any more (a used confirmation card). */
  async forget(context: TurnContext, ids: readonly string[]): Promise<void> {
    const registry = await this.accessor.get(context, {});
    for (const id of ids) delete registry[id];
    this.dropExpired(registry);
    await this.accessor.set(context, registry);
  }

  /**
   * Removes entries past their expiry, which resolve to nothing anyway, whenever the registry is about to be saved:
   * otherwise they stay in the conversation's state (read and written on every turn) until the count cap pushes them out.
   */
  private dropExpired(registry: Registry): void {
    const now = this.now();
    for (const id of Object.keys(registry)) {
      if (now - registry[id].createdAt > this.ttlMs) delete registry[id];
    }
  }
}
