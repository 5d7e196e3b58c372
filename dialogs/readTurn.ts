import { ActivityTypes, type TurnContext } from 'botbuilder';
import { safeForMarkdown } from '../cards/untrustedText';
import { CARD_ACTIONS, type CheckedCardAction } from './cardActions/cardActionTable';
import type { CardActionGate } from './cardActions/CardActionGate';
import type { CartButton } from './cardActions/cardActionValues';
import { giveToWaitingQuestion } from './cardActions/promptAnswer';
import { Command, parseCommand } from './commands';
import { MORE_OPTIONS, typedChoiceOf } from './PickPrompt';
import { quotedText } from './quotedText';
import { mayUse } from './security/access';
import { COMMAND_ACCESS } from './security/commandAccess';
import type { DialogDependencies } from './dialogDependencies';
import type { Role } from './security/RoleDirectory';
import { roleOrExplain } from './security/roleOrExplain';
import { ROLE_REFUSALS } from './security/roleRefusals';
import { textFor } from '../i18n/text';
import type { WaitingQuestion } from './waitingQuestion';

/** What the root dialog is asked to do: a typed command, or a press no waiting question answers. */
export type RootRequest = { kind: 'command'; command: Command } | { kind: 'action'; action: CheckedCardAction };

/** How the root dialog reads one incoming activity. */
export type TurnReading =
  /** Not a message (a sign-in invoke): the waiting dialog takes it as it is. */
  | { kind: 'pass' }
  /** The answer to the waiting question, already handed to it (or, for a typed question, left in the message). */
  | { kind: 'answer' }
  /** For the root dialog: at a question, a detour after which the question is offered again. */
  | { kind: 'request'; request: RootRequest; note?: string }
  | { kind: 'cancel' }
  /** Refused with one sentence; a Place order refused for the role names its cart. */
  | { kind: 'refused'; sentence: string; refusedOrder?: CartButton }
  /** Already answered (a directory outage explained). */
  | { kind: 'said' };

/** A lookup typed without naming a customer could also have been a company name ("Balance Ltd", "Orders Inc"). */
function couldBeAName(command: Command): boolean {
  if (!LOOKUPS_LIKE_NAMES.has(command.kind)) return false;
  return !('customerQuery' in command && command.customerQuery);
}

const LOOKUPS_LIKE_NAMES: ReadonlySet<Command['kind']> = new Set<Command['kind']>([
  'balance',
  'invoices',
  'invoice',
  'statement',
  'orders',
  'order',
  'entitlements',
  'register',
  'audit',
]);

/**
 * Reads each message the way a person means it, before any dialog sees it. A card press goes through the card action
 * gate and then to the question waiting for its verb, or to the root dialog. Typed text at a question is read in this
 * order:
 *
 * 1. in quotes — an answer to the question (`"Balance Ltd"` searches for that customer);
 * 2. exactly a label (or the number) of one of the question's buttons — that button, pressed;
 * 3. a command (`balance`, `orders for contoso`, `invoice G…`, `audit 5`, `help`, `sign in`, `buy for fabrikam`,
 *    `cancel`) — the command, answered, after which the question is offered again (a new `buy` sets the purchase
 *    aside instead, `cancel` ends it);
 * 4. anything else — an answer (a customer to search for, a quantity, a subscription id).
 *
 * So a customer literally named like a command ("Balance Ltd") is picked by its button or by typing its whole name
 * when it is offered, or searched for in quotes; typed bare, it is the command, and at a customer question the reply
 * says how to search for the name instead.
 */
export class TurnReader {
  /** The role directory is read from `deps` at each turn, so a role changed meanwhile applies at once. */
  constructor(
    private readonly gate: CardActionGate,
    private readonly deps: Pick<DialogDependencies, 'roles'>,
  ) {}

  /** Reads this turn's activity, with `waiting` the question the conversation waits on (undefined: none). */
  async read(context: TurnContext, waiting: WaitingQuestion | undefined): Promise<TurnReading> {
    const activity = context.activity;
    if (activity.type !== ActivityTypes.Message) return { kind: 'pass' };
    const role = await roleOrExplain(context, this.deps.roles);
    if (!role) return { kind: 'said' };
    const text = typeof activity.text === 'string' ? activity.text : '';
    if (text.trim() === '' && activity.value !== undefined && activity.value !== null) {
      return this.readPress(context, role, activity.value, waiting);
    }
    return this.readText(context, role, text, waiting);
  }

  private async readPress(
    context: TurnContext,
    role: Role,
    value: unknown,
    waiting: WaitingQuestion | undefined,
  ): Promise<TurnReading> {
    const admission = await this.gate.admitPress(context, role, value);
    if (!admission.admitted) {
      return { kind: 'refused', sentence: admission.sentence, refusedOrder: admission.refusedOrder };
    }
    return this.toQuestionOrRoot(context, admission.action, waiting);
  }

  private toQuestionOrRoot(
    context: TurnContext,
    action: CheckedCardAction,
    waiting: WaitingQuestion | undefined,
  ): TurnReading {
    const waitsForIt =
      CARD_ACTIONS[action.verb].answeredBy === 'waitingQuestion' &&
      waiting?.kind === 'pick' &&
      waiting.settings.verbs.includes(action.verb);
    if (!waitsForIt) return { kind: 'request', request: { kind: 'action', action } };
    giveToWaitingQuestion(context, { kind: 'action', action });
    return { kind: 'answer' };
  }

  private async readText(
    context: TurnContext,
    role: Role,
    text: string,
    waiting: WaitingQuestion | undefined,
  ): Promise<TurnReading> {
    const command = parseCommand(text);
    if (role === 'none' && command.kind !== 'help') {
      return { kind: 'refused', sentence: textFor(context.activity.locale)(ROLE_REFUSALS.unknownUser) };
    }
    if (!waiting) return this.commandReading(context, role, command);
    // A sign-in waits for Teams, not for words: any message but help or cancel ends it (it says it wasn't completed).
    if (waiting.kind === 'signIn' && command.kind !== 'help' && command.kind !== 'cancel') return { kind: 'pass' };
    // In quotes, text is always an answer, never a command: the way to say `"Balance Ltd"`.
    const answer = quotedText(text);
    if (answer !== undefined) return this.textAnswer(context, answer, waiting);
    if (waiting.kind === 'pick') {
      const typed = typedChoiceOf(waiting.settings, text);
      if (typed) {
        const admission = await this.gate.admitTyped(context, role, typed);
        if (!admission.admitted) {
          return { kind: 'refused', sentence: admission.sentence, refusedOrder: admission.refusedOrder };
        }
        return this.toQuestionOrRoot(context, admission.action, waiting);
      }
    }
    if (command.kind === 'unknown') return this.textAnswer(context, text.trim(), waiting);
    // A long list pages on: at a pick that pages, "more" is its next page, not the last lookup's.
    if (command.kind === 'more' && waiting.kind === 'pick' && waiting.settings.pages) {
      return this.textAnswer(context, MORE_OPTIONS, waiting);
    }
    const reading = this.commandReading(context, role, command);
    if (
      reading.kind === 'request' &&
      waiting.kind === 'pick' &&
      waiting.settings.allowFreeText &&
      couldBeAName(command)
    ) {
      const typed = safeForMarkdown(text, 'typed');
      reading.note = textFor(context.activity.locale)('turn.readAsRequest', { typed });
    }
    return reading;
  }

  private textAnswer(context: TurnContext, text: string, waiting: WaitingQuestion): TurnReading {
    // A typed question (quantity, subscription id) reads the message itself.
    if (waiting.kind === 'pick') giveToWaitingQuestion(context, { kind: 'text', text });
    return { kind: 'answer' };
  }

  private commandReading(context: TurnContext, role: Role, command: Command): TurnReading {
    if (command.kind === 'cancel') return { kind: 'cancel' };
    const rule = COMMAND_ACCESS[command.kind];
    if (mayUse(role, rule.access)) return { kind: 'request', request: { kind: 'command', command } };
    const refusal = role === 'none' ? ROLE_REFUSALS.unknownUser : (rule.viewerRefusal ?? ROLE_REFUSALS.unknownUser);
    return { kind: 'refused', sentence: textFor(context.activity.locale)(refusal) };
  }
}
