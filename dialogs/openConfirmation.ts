import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { RefusedOrder } from './security/refusePlaceOrder';

/** The confirmation card currently waiting for "Place order", so cancelling can retire its buttons. */
export interface OpenConfirmation {
  activityId: string;
  cartId: string;
  actionIds: string[];
  /** What the card would buy, for the audit entry of a Place order refused to someone without the role. */
  order?: RefusedOrder;
}

/** Tracks the conversation's open confirmation card. */
export class OpenConfirmationTracker {
  private readonly accessor: StatePropertyAccessor<OpenConfirmation | undefined>;

  constructor(conversationState: ConversationState) {
    this.accessor = conversationState.createProperty<OpenConfirmation | undefined>('openConfirmation');
  }

  get(context: TurnContext): Promise<OpenConfirmation | undefined> {
    return this.accessor.get(context);
  }

  set(context: TurnContext, value: OpenConfirmation): Promise<void> {
    return this.accessor.set(context, value);
  }

  clear(context: TurnContext): Promise<void> {
    return this.accessor.delete(context);
  }
}
