import type { TurnContext } from 'botbuilder';
import { parseCardAction } from '../../cards/cardAction';
import type { DialogDependencies } from '../dialogDependencies';
import { mayUse } from '../security/access';
import { cardValueTooLarge } from '../security/cardValueTooLarge';
import { recordRefusedOrder } from '../security/refusePlaceOrder';
import type { Role } from '../security/RoleDirectory';
import { ROLE_REFUSALS } from '../security/roleRefusals';
import { CARD_ACTIONS, checkCardActionValue, type CardActionValues, type CheckedCardAction } from './cardActionTable';

/** The one sentence each kind of refused press gets; nothing changes. */
export const CARD_REFUSALS = {
  tooLarge: 'That card action is far larger than any of my buttons send, so I ignored it and nothing changed.',
  unreadable:
    "I couldn't read that card action, so nothing changed. Use the buttons of the latest card, or type **help**.",
  unknown:
    "That button isn't active any more, so nothing changed. Use the latest card, or type **buy** to start again.",
  expired: 'That card has expired, so nothing changed. Type **buy** to start again.',
  'other-user':
    'That card was shown to someone else, so it does nothing for you. Type **buy** to start your own purchase.',
  'verb-mismatch': "That button doesn't match its card, so nothing changed.",
} as const;

/** The gate's answer: the checked press, or the sentence to say instead (and, for Place order, the cart refused). */
export type Admission =
  | { admitted: true; action: CheckedCardAction }
  | { admitted: false; sentence: string; refusedOrder?: CardActionValues['placeOrder'] };

/**
 * Every card press passes here once before anything acts on it: the size limit, the strict `{verb, id}` shape, the
 * registry (this user's, this conversation's, not expired, the verb it was made for), the value's type for its verb,
 * and the role the verb needs, all read from {@link CARD_ACTIONS}. A typed button label goes through the same role
 * and type checks. Whatever delivers the press (an Action.Submit message today, an Action.Execute invoke later) asks
 * the gate and acts only on what it admits.
 */
export class CardActionGate {
  /** Reads what it checks against from `deps` at each press (tests swap the role directory mid-conversation). */
  constructor(private readonly deps: Pick<DialogDependencies, 'registry' | 'audit' | 'openConfirmation'>) {}

  /** Checks an untrusted card value (the data of a pressed button) from a person of `role`. */
  async admitPress(context: TurnContext, role: Role, raw: unknown): Promise<Admission> {
    if (cardValueTooLarge(raw)) return refused(CARD_REFUSALS.tooLarge);
    const pressed = parseCardAction(raw);
    // Someone without any role learns nothing about what the value was, not even whether it was well formed.
    if (role === 'none' && pressed?.verb !== 'help') return refused(ROLE_REFUSALS.unknownUser);
    if (!pressed) return refused(CARD_REFUSALS.unreadable);
    let value: unknown = null;
    if (CARD_ACTIONS[pressed.verb].registered) {
      const found = await this.deps.registry.resolve(context, pressed);
      if (!found.ok) return refused(CARD_REFUSALS[found.reason]);
      value = found.value;
    }
    const action = checkCardActionValue(pressed.verb, value);
    // Stored by an older release or damaged: as good as a button that no longer exists.
    if (!action) return refused(CARD_REFUSALS.unknown);
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
    const sentence = role === 'none' ? ROLE_REFUSALS.unknownUser : ROLE_REFUSALS[rule.viewerRefusal];
    if (action.verb !== 'placeOrder') return refused(sentence);
    // A purchase attempted without the role is a security event: it goes in the audit trail with what the card held.
    const open = await this.deps.openConfirmation.get(context);
    const known = open?.cartId === action.value.cartId ? open.order : undefined;
    await recordRefusedOrder(context, this.deps.audit, { cartId: action.value.cartId, ...known });
    return { admitted: false, sentence, refusedOrder: action.value };
  }
}

function refused(sentence: string): Admission {
  return { admitted: false, sentence };
}
