import type { TurnContext } from 'botbuilder';
import { parseCardAction } from '../../cards/cardAction';
import type { DialogDependencies } from '../dialogDependencies';
import { mayUse } from '../security/access';
import { cardValueTooLarge } from '../security/cardValueTooLarge';
import { recordRefusedOrder } from '../security/refusePlaceOrder';
import type { Role } from '../security/RoleDirectory';
import { ROLE_REFUSALS } from '../security/roleRefusals';
import { textFor, type MessageKey } from '../../i18n/text';
import { CARD_ACTIONS, checkCardActionValue, type CardActionValues, type CheckedCardAction } from './cardActionTable';

/** The one sentence (a catalog message) each kind of refused press gets; nothing changes. */
export const CARD_REFUSALS = {
  tooLarge: 'press.tooLarge',
  unreadable: 'press.unreadable',
  unknown: 'press.unknown',
  expired: 'press.expired',
  'other-user': 'press.otherUser',
  'verb-mismatch': 'press.verbMismatch',
} as const satisfies Record<string, MessageKey>;

const PRESS_REFUSED = Symbol('cardPressRefused');

/**
 * True when this turn's card press was refused by the gate (its sentence is all the turn says): a click answered in
 * place (Action.Execute) shows that sentence at the card instead of posting it.
 */
export function pressRefused(context: TurnContext): boolean {
  return context.turnState.get(PRESS_REFUSED) === true;
}

/** The gate's answer: the checked press, or the sentence to say instead (and, for Place order, the cart refused). */
export type Admission =
  | { admitted: true; action: CheckedCardAction }
  | { admitted: false; sentence: string; refusedOrder?: CardActionValues['placeOrder'] };

/**
 * Every card press passes here once before anything acts on it: the size limit, the strict `{verb, id}` shape, the
 * registry (this user's, this conversation's, not expired, the verb it was made for), the value's type for its verb,
 * and the role the verb needs, all read from {@link CARD_ACTIONS}. A typed button label goes through the same role
 * and type checks. Whatever delivers the press (an Action.Execute invoke, an Action.Submit message from a client
 * without Universal Actions, a card's refresh on view) asks the gate and acts only on what it admits.
 */
export class CardActionGate {
  /** Reads what it checks against from `deps` at each press (tests swap the role directory mid-conversation). */
  constructor(private readonly deps: Pick<DialogDependencies, 'registry' | 'audit' | 'openConfirmation'>) {}

  /** Checks an untrusted card value (the data of a pressed button) from a person of `role`. */
  async admitPress(context: TurnContext, role: Role, raw: unknown): Promise<Admission> {
    const admission = await this.checkPress(context, role, raw);
    if (!admission.admitted) context.turnState.set(PRESS_REFUSED, true);
    return admission;
  }

  private async checkPress(context: TurnContext, role: Role, raw: unknown): Promise<Admission> {
    if (cardValueTooLarge(raw)) return refused(context, CARD_REFUSALS.tooLarge);
    const pressed = parseCardAction(raw);
    // Someone without any role learns nothing about what the value was, not even whether it was well formed.
    if (role === 'none' && pressed?.verb !== 'help') return refused(context, ROLE_REFUSALS.unknownUser);
    if (!pressed) return refused(context, CARD_REFUSALS.unreadable);
    let value: unknown = null;
    const rule: { registered: boolean; idIsValue?: true } = CARD_ACTIONS[pressed.verb];
    if (rule.registered) {
      const found = await this.deps.registry.resolve(context, pressed);
      if (!found.ok) return refused(context, CARD_REFUSALS[found.reason]);
      value = found.value;
    } else if (rule.idIsValue) {
      value = pressed.id;
    }
    const action = checkCardActionValue(pressed.verb, value);
    // Stored by an older release or damaged: as good as a button that no longer exists.
    if (!action) return refused(context, CARD_REFUSALS.unknown);
    return this.admitChecked(context, role, action);
  }

  /** Checks a button label typed instead of pressed: the same role check, its value already the bot's own. */
  admitTyped(context: TurnContext, role: Role, action: CheckedCardAction): Promise<Admission> {
    return this.admitChecked(context, role, action);
  }

  private async admitChecked(context: TurnContext, role: Role, action: CheckedCardAction): Promise<Admission> {
    const rule: { access: 'anyone' | 'viewer' | 'purchaser'; viewerRefusal: keyof typeof ROLE_REFUSALS } =
      CARD_ACTIONS[action.verb];
    if (mayUse(role, rule.access)) return { admitted: true, action };
    const refusal = role === 'none' ? ROLE_REFUSALS.unknownUser : ROLE_REFUSALS[rule.viewerRefusal];
    if (action.verb !== 'placeOrder') return refused(context, refusal);
    // A purchase attempted without the role is a security event: it goes in the audit trail with what the card held.
    const open = await this.deps.openConfirmation.get(context);
    const known = open?.cartId === action.value.cartId ? open.order : undefined;
    await recordRefusedOrder(context, this.deps.audit, { cartId: action.value.cartId, ...known });
    return { admitted: false, sentence: textFor(context.activity.locale)(refusal), refusedOrder: action.value };
  }
}

/** A refusal said in the reader's language. */
function refused(context: TurnContext, refusal: MessageKey): Admission {
  return { admitted: false, sentence: textFor(context.activity.locale)(refusal) };
}
