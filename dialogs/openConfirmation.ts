import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';

/** The confirmation card currently waiting for "Place order", so cancelling can retire its buttons. */
export interface OpenConfirmation {
  activityId: string;
  cartId: string;
  actionIds: string[];
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
