import type { TurnContext } from 'botbuilder';
import { textFor } from '../i18n/text';

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

/** The apology for a turn that failed, honest about whether an order may have been placed, in the reader's language. */
export function failedTurnApology(context: TurnContext, reference: string): string {
  const say = textFor(context.activity.locale);
  const flag = context.turnState.get(KEY) as CheckoutTurnFlag | undefined;
  if (flag === 'claimed') return say('bot.apologyClaimed', { reference });
  if (flag === 'claiming') return say('bot.apologyClaiming', { reference });
  return say('bot.apology', { reference });
}
