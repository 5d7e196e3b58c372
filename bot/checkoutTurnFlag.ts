import type { TurnContext } from 'botbuilder';

/**
 * How far this turn got towards placing an order, so that a turn failing afterwards never says "nothing was bought"
 * when something may have been: `claiming` — the claim was being written and its fate is unknown; `claimed` — the
 * checkout is the bot's to finish, and its outcome will be shown in this conversation.
 */
export type CheckoutTurnFlag = 'claiming' | 'claimed';

const KEY = Symbol('checkoutTurnFlag');

/** Marks how far this turn got towards placing an order (undefined: nothing was claimed). */
export function setCheckoutTurnFlag(context: TurnContext, flag: CheckoutTurnFlag | undefined): void {
  context.turnState.set(KEY, flag);
}

/** The apology for a turn that failed, honest about whether an order may have been placed. */
export function failedTurnApology(context: TurnContext, reference: string): string {
  const flag = context.turnState.get(KEY) as CheckoutTurnFlag | undefined;
  if (flag === 'claimed') {
    return `Something went wrong on my side, but your order was already handed over for placing. I can't tell yet whether it went through: I'll show the result here as soon as I know. Please don't order it again. (Reference ${reference}.)`;
  }
  if (flag === 'claiming') {
    return `Something went wrong on my side while I was placing your order, and I can't tell yet whether it went through. If it did, I'll show it here; please check **orders** for this customer in a few minutes before ordering again. (Reference ${reference}.)`;
  }
  return `Sorry, something went wrong on my side. Nothing was bought. Please try again; if it keeps happening, quote reference ${reference}.`;
}
