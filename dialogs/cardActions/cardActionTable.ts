import type { z } from 'zod';
import type { CardVerb } from '../../cards/cardAction';
import type { Access } from '../security/access';
import type { ROLE_REFUSALS } from '../security/roleRefusals';
import {
  approvalIdValue,
  azureSubscriptionValue,
  cancelOrderValue,
  cartButtonValue,
  customerSummaryValue,
  invoiceIdValue,
  listFacetValue,
  listPositionValue,
  NOTHING,
  orderRefValue,
  productOptionValue,
  purchaseCategoryValue,
  reservationScopeValue,
  skuOptionValue,
  termOptionValue,
} from './cardActionValues';

/** One row of {@link CARD_ACTIONS}: everything the bot checks and decides about a button before anything acts on it. */
export interface CardActionRule {
  /** What the button's id stands for, checked when it comes back from conversation state. */
  value: z.ZodType;
  /**
   * Whether the id is looked up in the registry (bound to the user, the conversation and an expiry). A button that is
   * not registered stands for nothing but its verb and does exactly what typing its word does, for whoever presses
   * it (roles still apply), so there is nothing to forge and it keeps working as long as its card is in the chat.
   */
  registered: boolean;
  /**
   * The button's id is its value: an approval request id, sent in a card to another person's chat (where no turn could
   * register it). Not a capability: the approval desk checks who presses against the request it names.
   */
  idIsValue?: true;
  /** Who may press it; checked when the press arrives, so a role taken away since the card was shown counts. */
  access: Access;
  /** What a viewer is told when the button needs a purchaser. */
  viewerRefusal: keyof typeof ROLE_REFUSALS;
  /**
   * Whether answering it calls Partner Center as the person (App+User mode): `never`; `first` — a sign-in card first,
   * then the request carries on (starting a purchase); `already` — pressed while signed out, it explains and does
   * nothing (a lookup button on an old card shouldn't open a sign-in that then takes the conversation's next message).
   */
  signIn: 'never' | 'first' | 'already';
  /**
   * Who answers it: the question waiting for this verb (a pick card's choice), or the root dialog at any moment (a
   * lookup, "buy", "help"). A press for a question that no longer waits is answered by the root dialog's handler for
   * the verb (a stale choice, or Place order on a card whose purchase is over).
   */
  answeredBy: 'waitingQuestion' | 'root';
}

/**
 * Every card button the bot draws, by verb. Cards put only the verb and an opaque id on a button; the gate
 * (`CardActionGate`) checks a press against this table once, in one place, whatever the way it came in (an
 * Action.Execute invoke, an Action.Submit message, a typed button label); the dialogs then receive the checked
 * value with its type, and the root dialog has one handler per verb for what no question answers.
 */
export const CARD_ACTIONS = {
  buy: {
    value: NOTHING,
    registered: false,
    access: 'purchaser',
    viewerRefusal: 'viewerBuying',
    signIn: 'first',
    answeredBy: 'root',
  },
  help: {
    value: NOTHING,
    registered: false,
    access: 'anyone',
    viewerRefusal: 'unknownUser',
    signIn: 'never',
    answeredBy: 'root',
  },
  pickCustomer: {
    value: customerSummaryValue,
    registered: true,
    access: 'viewer',
    viewerRefusal: 'unknownUser',
    signIn: 'never',
    answeredBy: 'waitingQuestion',
  },
  pickCategory: {
    value: purchaseCategoryValue,
    registered: true,
    access: 'purchaser',
    viewerRefusal: 'viewerBuying',
    signIn: 'never',
    answeredBy: 'waitingQuestion',
  },
  pickProduct: {
    value: productOptionValue,
    registered: true,
    access: 'purchaser',
    viewerRefusal: 'viewerBuying',
    signIn: 'never',
    answeredBy: 'waitingQuestion',
  },
  pickSku: {
    value: skuOptionValue,
    registered: true,
    access: 'purchaser',
    viewerRefusal: 'viewerBuying',
    signIn: 'never',
    answeredBy: 'waitingQuestion',
  },
  pickTerm: {
    value: termOptionValue,
    registered: true,
    access: 'purchaser',
    viewerRefusal: 'viewerBuying',
    signIn: 'never',
    answeredBy: 'waitingQuestion',
  },
  narrowList: {
    value: listFacetValue,
    registered: true,
    access: 'purchaser',
    viewerRefusal: 'viewerBuying',
    signIn: 'never',
    answeredBy: 'waitingQuestion',
  },
  pickScope: {
    value: reservationScopeValue,
    registered: true,
    access: 'purchaser',
    viewerRefusal: 'viewerBuying',
    signIn: 'never',
    answeredBy: 'waitingQuestion',
  },
  pickAzureSubscription: {
    value: azureSubscriptionValue,
    registered: true,
    access: 'purchaser',
    viewerRefusal: 'viewerBuying',
    signIn: 'never',
    answeredBy: 'waitingQuestion',
  },
  registerForReservation: {
    value: azureSubscriptionValue,
    registered: true,
    access: 'purchaser',
    viewerRefusal: 'viewerBuying',
    // Registering calls Partner Center as the person, as the register command does.
    signIn: 'already',
    answeredBy: 'waitingQuestion',
  },
  placeOrder: {
    value: cartButtonValue,
    registered: true,
    access: 'purchaser',
    // Refused presses are also written to the audit trail (see CardActionGate).
    viewerRefusal: 'viewerPlacingOrder',
    // The checkout runs after the turn; a lapsed sign-in shows on the order card as "waiting for you to sign in".
    signIn: 'never',
    answeredBy: 'waitingQuestion',
  },
  changeQuantity: {
    value: cartButtonValue,
    registered: true,
    access: 'purchaser',
    viewerRefusal: 'viewerBuying',
    signIn: 'never',
    answeredBy: 'waitingQuestion',
  },
  cancelPurchase: {
    value: cartButtonValue,
    registered: true,
    // Stopping a purchase buys nothing, so anyone the card was shown to may do it.
    access: 'viewer',
    viewerRefusal: 'unknownUser',
    signIn: 'never',
    answeredBy: 'waitingQuestion',
  },
  openOrder: {
    value: orderRefValue,
    registered: true,
    access: 'viewer',
    viewerRefusal: 'unknownUser',
    signIn: 'already',
    answeredBy: 'root',
  },
  refreshOrder: {
    value: orderRefValue,
    registered: true,
    access: 'viewer',
    viewerRefusal: 'unknownUser',
    signIn: 'already',
    answeredBy: 'root',
  },
  more: {
    value: listPositionValue,
    registered: true,
    access: 'viewer',
    viewerRefusal: 'unknownUser',
    signIn: 'already',
    answeredBy: 'root',
  },
  openInvoice: {
    value: invoiceIdValue,
    registered: true,
    access: 'viewer',
    viewerRefusal: 'unknownUser',
    signIn: 'already',
    answeredBy: 'root',
  },
  statement: {
    value: invoiceIdValue,
    registered: true,
    access: 'viewer',
    viewerRefusal: 'unknownUser',
    signIn: 'already',
    answeredBy: 'root',
  },
  approveRequest: {
    value: approvalIdValue,
    registered: false,
    idIsValue: true,
    // Approvers need no purchaser role; the approval desk checks the presser is one of the request's approvers.
    access: 'anyone',
    viewerRefusal: 'unknownUser',
    signIn: 'never',
    answeredBy: 'root',
  },
  rejectRequest: {
    value: approvalIdValue,
    registered: false,
    idIsValue: true,
    access: 'anyone',
    viewerRefusal: 'unknownUser',
    signIn: 'never',
    answeredBy: 'root',
  },
  cancelOrder: {
    value: orderRefValue,
    registered: true,
    // Undoing a purchase spends (or returns) money like buying it: purchasers only.
    access: 'purchaser',
    viewerRefusal: 'viewerBuying',
    signIn: 'already',
    answeredBy: 'root',
  },
  confirmCancelOrder: {
    value: cancelOrderValue,
    registered: true,
    access: 'purchaser',
    viewerRefusal: 'viewerBuying',
    signIn: 'already',
    answeredBy: 'root',
  },
} as const satisfies { readonly [V in CardVerb]: CardActionRule };

/** The value each verb's button stands for (`pickSku` → the SKU, `placeOrder` → the cart). */
export type CardActionValues = { [V in CardVerb]: z.output<(typeof CARD_ACTIONS)[V]['value']> };

/** A press checked against the table: its verb and the value of that verb's type. */
export type CheckedCardAction<V extends CardVerb = CardVerb> = {
  [K in V]: { verb: K; value: CardActionValues[K] };
}[V];

/** The id put on buttons that are not registered (their id is never looked up). */
export const UNREGISTERED_ACTION_ID = 'open';

/** Pairs a verb with its value; the type system checks that they belong together. */
export function cardAction<V extends CardVerb>(verb: V, value: CardActionValues[V]): CheckedCardAction {
  // TypeScript cannot see that a pair of one generic verb is one member of the mapped union; it is by construction.
  return { verb, value } as CheckedCardAction;
}

/** Checks what a button's id stood for against its verb's type; undefined when it is not of that type. */
export function checkCardActionValue<V extends CardVerb>(verb: V, value: unknown): CheckedCardAction | undefined {
  const parsed = CARD_ACTIONS[verb].value.safeParse(value);
  // The schema of verb V produced it, so it is V's value; the lookup by a generic key loses that for the compiler.
  return parsed.success ? cardAction(verb, parsed.data as CardActionValues[V]) : undefined;
}
