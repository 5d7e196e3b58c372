import { randomUUID } from 'node:crypto';
import { ActivityTypes, StatePropertyAccessor, TokenResponse, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  DialogContext,
  DialogSet,
  DialogState,
  DialogTurnResult,
  DialogTurnStatus,
  OAuthPrompt,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import { CardVerb, parseCardAction } from '../cards/cardAction';
import { renderNoticeCard } from '../cards/renderNoticeCard';
import { safeForMarkdown } from '../cards/untrustedText';
import { isPartialOutcome } from '../services/checkout/CheckoutLedger';
import { replaceCard } from './CartCheckoutDialog';
import { checkoutOutcomeCard } from './checkoutOutcomeCard';
import { type ResolvedCardAction, userKeyOf } from './cardActionRegistry';
import { cardMessage } from './cardMessage';
import { Command, isInterruption, parseCommand } from './commands';
import type { DialogDependencies } from './dialogDependencies';
import { HELP_TEXT } from './helpText';
import { CustomerLookupDialog, CustomerLookupOptions } from './lookups/CustomerLookupDialog';
import { ListPosition, LookupActions, OrderRef } from './lookups/LookupActions';
import { PurchaseDialog } from './PurchaseDialog';
import { auditListText } from './security/auditListText';
import { auditUserOf } from './security/auditUserOf';
import { cardValueTooLarge } from './security/cardValueTooLarge';
import { refusePlaceOrder } from './security/refusePlaceOrder';
import type { Role } from './security/RoleDirectory';
import { roleOrExplain } from './security/roleOrExplain';
import { ROLE_REFUSALS } from './security/roleRefusals';
import { commandNeedsSignIn } from './signIn/needsSignIn';
import { createSignInPrompt, SIGN_IN_PROMPT } from './signIn/signInPrompt';
import { stepValues } from './stepValues';
import { RESOLVED_CARD_ACTION } from './turnState';

const WATERFALL = 'mainSteps';

/** What the person asked for, kept across a sign-in that may take several turns. */
interface RouteInput {
  text: string;
  action?: Extract<ResolvedCardAction, { ok: true }>;
  /** The activity that asked; a later activity means the sign-in took turns of its own. */
  activityId?: string;
  signingIn?: boolean;
}

const NO_SIGN_IN_NEEDED =
  "There's nothing to sign in to: I call Partner Center with the bot's own account, so you can just ask.";

const REFUSALS: Record<Exclude<ResolvedCardAction, { ok: true }>['reason'], string> = {
  unknown:
    "That button isn't active any more, so nothing changed. Use the latest card, or type **buy** to start again.",
  expired: 'That card has expired, so nothing changed. Type **buy** to start again.',
  'other-user':
    'That card was shown to someone else, so it does nothing for you. Type **buy** to start your own purchase.',
  'verb-mismatch': "That button doesn't match its card, so nothing changed.",
};

/** Buttons answered on the spot by a Partner Center lookup. */
const LOOKUP_VERBS: ReadonlySet<CardVerb> = new Set<CardVerb>([
  'openOrder',
  'refreshOrder',
  'more',
  'openInvoice',
  'statement',
]);

/** Buttons that only make sense on the way to a purchase; "Place order" is re-checked by its own handler. */
const PURCHASE_VERBS: ReadonlySet<CardVerb> = new Set<CardVerb>([
  'buy',
  'pickCategory',
  'pickProduct',
  'pickSku',
  'pickTerm',
  'pickScope',
  'changeQuantity',
]);

/**
 * The root of every conversation: reads each message as a command or a card click, answers `help` and `cancel` at
 * any step of any dialog, checks every card submit against server-side state before anything acts on it, and starts
 * the purchase.
 */
export class MainDialog extends ComponentDialog {
  static readonly id = 'mainDialog';

  private readonly lookups: LookupActions;
  private readonly signInPrompt?: OAuthPrompt;

  constructor(private readonly deps: DialogDependencies) {
    super(MainDialog.id);
    this.lookups = new LookupActions(deps);
    this.addDialog(new PurchaseDialog(deps));
    this.addDialog(new CustomerLookupDialog(deps));
    if (deps.signIn) {
      this.signInPrompt = createSignInPrompt(deps.signIn.connectionName);
      this.addDialog(this.signInPrompt);
    }
    this.addDialog(
      new WaterfallDialog(WATERFALL, [
        this.signInStep.bind(this),
        this.routeStep.bind(this),
        this.finalStep.bind(this),
      ]),
    );
    this.initialDialogId = WATERFALL;
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: object): Promise<DialogTurnResult> {
    const interrupted = await this.interrupt(innerDc);
    if (interrupted) return { status: DialogTurnStatus.complete };
    return super.onBeginDialog(innerDc, options);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const interrupted = await this.interrupt(innerDc);
    if (interrupted === 'cancelled') return { status: DialogTurnStatus.complete };
    if (interrupted) return Dialog.EndOfTurn;
    return super.onContinueDialog(innerDc);
  }

  /** Handles what must work at any step; returns what it did, or undefined to let the dialogs run. */
  private async interrupt(innerDc: DialogContext): Promise<'handled' | 'cancelled' | undefined> {
    const context = innerDc.context;
    const activity = context.activity;
    if (activity.type !== ActivityTypes.Message) return undefined;
    const hasText = typeof activity.text === 'string' && activity.text.trim() !== '';
    const role = await roleOrExplain(context, this.deps.roles);
    if (!role) return 'handled';
    if (activity.value !== undefined && activity.value !== null && !hasText) {
      if (cardValueTooLarge(activity.value)) {
        await context.sendActivity(
          'That card action is far larger than any of my buttons send, so I ignored it and nothing changed.',
        );
        return 'handled';
      }
      const action = parseCardAction(activity.value);
      if (role === 'none' && action?.verb !== 'help') {
        await context.sendActivity(ROLE_REFUSALS.unknownUser);
        return 'handled';
      }
      if (!action) {
        await context.sendActivity(
          "I couldn't read that card action, so nothing changed. Use the buttons of the latest card, or type **help**.",
        );
        return 'handled';
      }
      const resolved = await this.deps.registry.resolve(context, action);
      if (!resolved.ok) {
        await context.sendActivity(REFUSALS[resolved.reason]);
        return 'handled';
      }
      if (role !== 'purchaser' && PURCHASE_VERBS.has(resolved.verb)) {
        await context.sendActivity(ROLE_REFUSALS.viewerBuying);
        return 'handled';
      }
      context.turnState.set(RESOLVED_CARD_ACTION, resolved);
      if (resolved.verb === 'help') {
        await this.sendHelp(innerDc);
        return 'handled';
      }
      // Lookup buttons answer on the spot, whatever dialog is running; its question stays open.
      if (LOOKUP_VERBS.has(resolved.verb) && !(await this.signedIn(context))) {
        await context.sendActivity('Please sign in first: type **sign in**, then press the button again.');
        return 'handled';
      }
      if (await this.runLookupButton(context, resolved)) return 'handled';
      return undefined;
    }
    const interruption = isInterruption(activity.text ?? '');
    if (role === 'none' && interruption !== 'help' && parseCommand(activity.text ?? '').kind !== 'help') {
      await context.sendActivity(ROLE_REFUSALS.unknownUser);
      return 'handled';
    }
    if (interruption === 'help') {
      await this.sendHelp(innerDc);
      return 'handled';
    }
    if (interruption === 'cancel') {
      await this.cancel(context);
      await innerDc.cancelAllDialogs();
      return 'cancelled';
    }
    return undefined;
  }

  private async runLookupButton(
    context: TurnContext,
    resolved: Extract<ResolvedCardAction, { ok: true }>,
  ): Promise<boolean> {
    const correlationId = randomUUID();
    switch (resolved.verb) {
      case 'openOrder':
        await this.lookups.showOrder(context, correlationId, resolved.value as OrderRef);
        return true;
      case 'refreshOrder':
        await this.lookups.showOrder(context, correlationId, resolved.value as OrderRef, context.activity.replyToId);
        return true;
      case 'more':
        await this.lookups.more(context, correlationId, resolved.value as ListPosition);
        return true;
      case 'openInvoice':
        await this.lookups.showInvoice(context, correlationId, resolved.value as string);
        return true;
      case 'statement':
        await this.lookups.sendStatement(context, correlationId, resolved.value as string);
        return true;
      default:
        return false;
    }
  }

  private async sendHelp(innerDc: DialogContext): Promise<void> {
    await innerDc.context.sendActivity(HELP_TEXT);
    if (innerDc.activeDialog) await innerDc.repromptDialog();
  }

  private async cancel(context: TurnContext): Promise<void> {
    const open = await this.deps.openConfirmation.get(context);
    if (open) {
      await this.deps.registry.forget(context, open.actionIds);
      await this.deps.openConfirmation.clear(context);
      await replaceCard(
        context,
        open.activityId,
        renderNoticeCard({ title: 'Purchase cancelled', text: 'Nothing was bought.' }),
      );
    }
    await context.sendActivity('Cancelled — nothing was bought. Type **buy** whenever you want to start again.');
  }

  /** True unless sign-in is on and the token service holds no token for this person. */
  private async signedIn(context: TurnContext): Promise<boolean> {
    if (!this.signInPrompt) return true;
    return Boolean((await this.signInPrompt.getUserToken(context))?.token);
  }

  /**
   * Signs the person in first when what they asked calls Partner Center as them; remembers the request, because a
   * sign-in can take turns of its own (the sign-in page, Teams' token exchange).
   */
  private async signInStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const resolved = step.context.turnState.get(RESOLVED_CARD_ACTION) as ResolvedCardAction | undefined;
    const input: RouteInput = {
      text: step.context.activity.text ?? '',
      ...(resolved?.ok ? { action: resolved } : {}),
      activityId: step.context.activity.id,
    };
    stepValues(step).input = input;
    if (!this.signInPrompt) return step.next();
    const mayBuy = (await this.deps.roles.roleFor(step.context)) === 'purchaser';
    const needed = input.action
      ? input.action.verb === 'buy' && mayBuy
      : commandNeedsSignIn(parseCommand(input.text), mayBuy);
    if (!needed) return step.next();
    input.signingIn = true;
    return step.beginDialog(SIGN_IN_PROMPT);
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const input = stepValues(step).input as RouteInput;
    if (input.signingIn) {
      const token = step.result as TokenResponse | undefined;
      if (!token?.token) {
        return this.endWith(
          step,
          "You're not signed in, so I didn't do that and nothing changed. Type **sign in** (or ask again) to retry.",
        );
      }
      if (step.context.activity.id !== input.activityId) {
        await step.context.sendActivity("Thanks, you're signed in. Carrying on with what you asked.");
      }
      await this.deps.signIn?.resumeWaitingWork(userKeyOf(step.context));
    }
    if (input.action) return this.routeCardAction(step, input.action);
    return this.routeCommand(step, parseCommand(input.text));
  }

  private async routeCommand(step: WaterfallStepContext, command: Command): Promise<DialogTurnResult> {
    const correlationId = randomUUID();
    const lookup = (options: CustomerLookupOptions) => step.beginDialog(CustomerLookupDialog.id, options);
    const role = await this.deps.roles.roleFor(step.context);
    switch (command.kind) {
      case 'buy':
        if (role !== 'purchaser') return this.endWith(step, ROLE_REFUSALS.viewerBuying);
        return step.beginDialog(PurchaseDialog.id, { customerQuery: command.customerQuery });
      case 'audit':
        return this.showAudit(step, role, command.count);
      case 'orders':
        return lookup({ lookup: { kind: 'orders', filter: command.filter }, customerQuery: command.customerQuery });
      case 'order':
        return lookup({ lookup: { kind: 'order', orderId: command.orderId }, customerQuery: command.customerQuery });
      case 'entitlements':
        return lookup({ lookup: { kind: 'entitlements' }, customerQuery: command.customerQuery });
      case 'register':
        return lookup({
          lookup: { kind: 'register', subscriptionId: command.subscriptionId },
          customerQuery: command.customerQuery,
        });
      case 'balance':
        await this.lookups.showBalance(step.context, correlationId);
        return step.endDialog();
      case 'invoices':
        await this.lookups.showInvoices(step.context, correlationId);
        return step.endDialog();
      case 'invoice':
        await this.lookups.showInvoice(step.context, correlationId, command.invoiceId);
        return step.endDialog();
      case 'statement':
        if (command.invoiceId) {
          await this.lookups.sendStatement(step.context, correlationId, command.invoiceId);
        } else {
          await step.context.sendActivity('Which invoice? Here are the recent ones — open one for its statement.');
          await this.lookups.showInvoices(step.context, correlationId);
        }
        return step.endDialog();
      case 'more':
        await this.lookups.more(step.context, correlationId);
        return step.endDialog();
      case 'help':
        await step.context.sendActivity(HELP_TEXT);
        return step.endDialog();
      case 'signIn':
        return this.endWith(step, this.signInPrompt ? "You're signed in to Partner Center." : NO_SIGN_IN_NEEDED);
      case 'signOut':
        if (!this.signInPrompt) return this.endWith(step, NO_SIGN_IN_NEEDED);
        await this.signInPrompt.signOutUser(step.context);
        return this.endWith(
          step,
          "You're signed out. I'll ask you to sign in again next time Partner Center needs you.",
        );
      case 'cancel':
        await step.context.sendActivity("There's nothing to cancel. Type **buy** to start a purchase.");
        return step.endDialog();
      default:
        await step.context.sendActivity(
          `Sorry, I didn't understand "${safeForMarkdown(command.text, 'typed')}". Try **buy for Contoso**, **orders**, **balance**, or **help**.`,
        );
        return step.endDialog();
    }
  }

  private async routeCardAction(
    step: WaterfallStepContext,
    resolved: Extract<ResolvedCardAction, { ok: true }>,
  ): Promise<DialogTurnResult> {
    const role = await this.deps.roles.roleFor(step.context);
    if (resolved.verb === 'buy') {
      if (role !== 'purchaser') return this.endWith(step, ROLE_REFUSALS.viewerBuying);
      return step.beginDialog(PurchaseDialog.id, {});
    }
    if (resolved.verb === 'placeOrder') {
      // The purchase dialog is over but its card was pressed again: the ledger knows what became of that cart.
      const { cartId, key } = resolved.value as { cartId: string; key?: string };
      if (role !== 'purchaser') {
        await refusePlaceOrder(step.context, this.deps.audit, { cartId });
        return step.endDialog();
      }
      // Only the record of this very cart (id and identity) is its outcome; buttons from before keys had none.
      const record = key ? await this.deps.checkoutLedger.get(key) : undefined;
      if (record) {
        await this.deps.audit.append({
          result: 'duplicate-refused',
          user: auditUserOf(step.context),
          customer: { id: record.customer.id, companyName: record.customer.companyName },
          cartId,
          requestId: record.requestId,
          correlationId: record.correlationId,
          detail: `cart already ${record.state}`,
        });
        const where =
          record.state === 'done'
            ? `This order was already ${isPartialOutcome(record) ? 'partly placed (Partner Center refused the rest)' : 'placed'} (${(record.result?.orders ?? []).map((o) => safeForMarkdown(o.id, 'id')).join(', ')}); nothing was bought twice.`
            : record.state === 'failed'
              ? 'This order was not placed; see the card above. Start again with **buy**.'
              : record.state === 'unconfirmed'
                ? "Partner Center never confirmed whether this order went through, and I won't send it again. Check **orders** (or Partner Center) before ordering it again."
                : 'This order is already being placed; the card above will show the result. Nothing is bought twice.';
        await step.context.sendActivity(where);
        await step.context.sendActivity(cardMessage(checkoutOutcomeCard(record)));
        return step.endDialog();
      }
    }
    await step.context.sendActivity(REFUSALS.unknown);
    return step.endDialog();
  }

  /** Says one sentence and ends the root dialog for this turn. */
  private async endWith(step: WaterfallStepContext, sentence: string): Promise<DialogTurnResult> {
    await step.context.sendActivity(sentence);
    return step.endDialog();
  }

  private async showAudit(step: WaterfallStepContext, role: Role, count: number): Promise<DialogTurnResult> {
    if (role !== 'purchaser') return this.endWith(step, ROLE_REFUSALS.auditNeedsPurchaser);
    const entries = await this.deps.audit.latest(count);
    await step.context.sendActivity(auditListText(entries));
    return step.endDialog();
  }

  private async finalStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog();
  }
}

/** Runs the root dialog for a turn: continues the active conversation, or starts a new one from this message. */
export async function runMainDialog(
  dialog: MainDialog,
  context: TurnContext,
  dialogState: StatePropertyAccessor<DialogState>,
): Promise<void> {
  const dialogSet = new DialogSet(dialogState);
  dialogSet.add(dialog);
  const dc = await dialogSet.createContext(context);
  const result = await dc.continueDialog();
  if (result.status === DialogTurnStatus.empty) await dc.beginDialog(dialog.id);
}
