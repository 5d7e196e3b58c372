import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { CheckoutSummary, CustomerDetails } from '../services/purchase/types';

/** A checkout this conversation completed, kept so a second press of "Place order" shows it instead of buying again. */
export interface PlacedOrder {
  cartId: string;
  customer: CustomerDetails;
  summary: CheckoutSummary;
  placedAt: string;
}

type Book = Record<string, PlacedOrder>;
const MAX_ENTRIES = 50;

/** The conversation's record of carts already checked out, keyed by cart id. */
export class PlacedOrderBook {
  private readonly accessor: StatePropertyAccessor<Book>;

  constructor(conversationState: ConversationState) {
    this.accessor = conversationState.createProperty<Book>('placedOrders');
  }

  async get(context: TurnContext, cartId: string): Promise<PlacedOrder | undefined> {
    const book = await this.accessor.get(context, {});
    return Object.prototype.hasOwnProperty.call(book, cartId) ? book[cartId] : undefined;
  }

  async record(context: TurnContext, order: PlacedOrder): Promise<void> {
    const book = await this.accessor.get(context, {});
    book[order.cartId] = order;
    const ids = Object.keys(book).sort((a, b) => book[a].placedAt.localeCompare(book[b].placedAt));
    ids.slice(0, Math.max(0, ids.length - MAX_ENTRIES)).forEach((old) => delete book[old]);
    await this.accessor.set(context, book);
  }
}
