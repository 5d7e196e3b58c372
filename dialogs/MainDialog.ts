import { randomUUID } from 'node:crypto';
import { StatePropertyAccessor, TokenResponse, TurnContext } from 'botbuilder';
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
import type { CardVerb } from '../cards/cardAction';
import { renderNoticeCard } from '../cards/renderNoticeCard';
import { safeForMarkdown } from '../cards/untrustedText';
import { isPartialOutcome } from '../services/checkout/CheckoutLedger';
import { CARD_ACTIONS, type CardActionValues, type CheckedCardAction } from './cardActions/cardActionTable';
import { CARD_REFUSALS, CardActionGate } from './cardActions/CardActionGate';
import type { CartButton } from './cardActions/cardActionValues';
import { cardMessage } from './cardMessage';
import { checkoutOutcomeCard } from './checkoutOutcomeCard';
import type { Command } from './commands';
import type { DialogDependencies } from './dialogDependencies';
import { CustomerLookupDialog, CustomerLookupOptions } from './lookups/CustomerLookupDialog';
import { CancelOrderActions } from './orderCancellation/CancelOrderActions';
import { LookupActions } from './lookups/LookupActions';
import { PurchaseDialog, type PurchaseOptions } from './PurchaseDialog';
import { type RootRequest, TurnReader, type TurnReading } from './readTurn';
import { replaceCard } from './replaceCard';
import { auditListText } from './security/auditListText';
import { textFor, type MessageKey, type Text } from '../i18n/text';
import { auditUserOf } from './security/auditUserOf';
import { commandNeedsSignIn } from './signIn/needsSignIn';
import { createSignInPrompts, signInPromptIdFor } from './signIn/signInPrompt';
import { stepValues } from './stepValues';
import { userKeyOf } from './userKeyOf';
import { waitingQuestionOf } from './waitingQuestion';

const WATERFALL = 'mainSteps';

/** What the root waterfall is asked to do, kept across a sign-in that may take several turns. */
interface RouteOptions {
  request: RootRequest;
  /** The activity that asked; a later activity means the sign-in took turns of its own. */
  activityId?: string;
}

/** What the root dialog does with each press no waiting question answers, by verb. */
type RootActionHandlers = {
  [V in CardVerb]: (step: WaterfallStepContext, value: CardActionValues[V]) => Promise<DialogTurnResult>;
};

/** Runs the handler of a press's verb with its value (one generic call, so the compiler pairs the two). */
function runRootAction<V extends CardVerb>(
  handlers: RootActionHandlers,
  step: WaterfallStepContext,
  action: CheckedCardAction<V>,
): Promise<DialogTurnResult> {
  return handlers[action.verb](step, action.value);
}

/**
 * The root of every conversation. Each message is read once ({@link TurnReader}): a card press through the card
 * action gate, typed text as an answer or a command. An answer goes to the question waiting for it; a command or a
 * lookup button asked at a question runs as a detour on top of it (signing in first when Partner Center acts as the
 * person), and when it ends the question is offered again, or, for the confirmation card, pointed at: its buttons
 * keep working. A new purchase sets the current one aside; cancel ends it.
 */
export class MainDialog extends ComponentDialog {
  static readonly id = 'mainDialog';

  private readonly lookups: LookupActions;
  private readonly cancellations: CancelOrderActions;
  private readonly reader: TurnReader;
  private readonly signInPrompt?: OAuthPrompt;
  private readonly rootActions: RootActionHandlers;

  constructor(private readonly deps: DialogDependencies) {
    super(MainDialog.id);
    this.lookups = new LookupActions(deps);
    this.cancellations = new CancelOrderActions(deps);
    this.reader = new TurnReader(new CardActionGate(deps), deps);
    this.rootActions = this.createRootActions();
    this.addDialog(new PurchaseDialog(deps));
    this.addDialog(new CustomerLookupDialog(deps));
    if (deps.signIn) {
      const prompts = createSignInPrompts(deps.signIn.connectionName);
      // Any of them reads or forgets the person's token: they share the OAuth connection.
      this.signInPrompt = prompts[0];
      for (const prompt of prompts) this.addDialog(prompt);
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

  protected override async onBeginDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const reading = await this.reader.read(innerDc.context, undefined);
    return this.act(innerDc, reading);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const reading = await this.reader.read(innerDc.context, waitingQuestionOf(innerDc));
    if (reading.kind === 'pass' || reading.kind === 'answer') return super.onContinueDialog(innerDc);
    return this.act(innerDc, reading);
  }

  /** Does what the reading says; the waiting question, if any, stays (and is offered again after a detour). */
  private async act(innerDc: DialogContext, reading: TurnReading): Promise<DialogTurnResult> {
    const context = innerDc.context;
    switch (reading.kind) {
      case 'request': {
        if (reading.request.kind === 'action' && !(await this.signedInFor(context, reading.request.action))) {
          await context.sendActivity(say(context)('main.signInFirst'));
          return this.stillWaiting(innerDc);
        }
        if (reading.note) await context.sendActivity(reading.note);
        if (startsPurchase(reading.request) && innerDc.activeDialog) await this.setAside(innerDc);
        const options: RouteOptions = { request: reading.request, activityId: context.activity.id };
        return innerDc.beginDialog(WATERFALL, options);
      }
      case 'cancel':
        if (!innerDc.activeDialog && !(await this.deps.openConfirmation.get(context))) {
          await context.sendActivity(say(context)('main.nothingToCancel'));
          return { status: DialogTurnStatus.complete };
        }
        await this.retireOpenConfirmation(context, 'main.cancelledTitle', 'main.cancelledCardText');
        await innerDc.cancelAllDialogs();
        await context.sendActivity(say(context)('main.cancelled'));
        return { status: DialogTurnStatus.complete };
      case 'refused':
        await context.sendActivity(reading.sentence);
        // A Place order refused for the role ends that purchase: its card is retired, nothing was bought.
        if (reading.refusedOrder && (await this.isOpenCard(context, reading.refusedOrder))) {
          await this.retireOpenConfirmation(context, 'main.notPlacedTitle', 'main.nothingBought');
          await innerDc.cancelAllDialogs();
          return { status: DialogTurnStatus.complete };
        }
        return this.stillWaiting(innerDc);
      default:
        return this.stillWaiting(innerDc);
    }
  }

  /** The turn is over; whatever question was waiting still waits. */
  private stillWaiting(innerDc: DialogContext): DialogTurnResult {
    return innerDc.activeDialog ? Dialog.EndOfTurn : { status: DialogTurnStatus.complete };
  }

  /** Puts the purchase in progress aside for a new one: its card is retired and the person is told, nothing bought. */
  private async setAside(innerDc: DialogContext): Promise<void> {
    const purchasing = innerDc.stack.some((instance) => instance.id === PurchaseDialog.id);
    await this.retireOpenConfirmation(innerDc.context, 'main.setAsideTitle', 'main.setAsideCardText');
    await innerDc.cancelAllDialogs();
    if (purchasing) {
      await innerDc.context.sendActivity(say(innerDc.context)('main.setAside'));
    }
  }

  private async isOpenCard(context: TurnContext, button: CartButton): Promise<boolean> {
    return (await this.deps.openConfirmation.get(context))?.cartId === button.cartId;
  }

  /** Retires the open confirmation card, if there is one, so its buttons stop working; says why on the card. */
  private async retireOpenConfirmation(context: TurnContext, title: MessageKey, text: MessageKey): Promise<void> {
    const open = await this.deps.openConfirmation.get(context);
    if (!open) return;
    await this.deps.registry.forget(context, open.actionIds);
    await this.deps.openConfirmation.clear(context);
    await replaceCard(
      context,
      open.activityId,
      renderNoticeCard({ title: say(context)(title), text: say(context)(text) }),
    );
  }

  /** True when sign-in is on and the request is to be answered after a sign-in card (by the table or the command). */
  private needsSignIn(request: RootRequest): boolean {
    if (!this.signInPrompt) return false;
    if (request.kind === 'command') return commandNeedsSignIn(request.command);
    return CARD_ACTIONS[request.action.verb].signIn === 'first';
  }

  /** False for a press that needs the person already signed in (the table says so) when the token service has no token. */
  private async signedInFor(context: TurnContext, action: CheckedCardAction): Promise<boolean> {
    if (!this.signInPrompt || CARD_ACTIONS[action.verb].signIn !== 'already') return true;
    return Boolean((await this.signInPrompt.getUserToken(context))?.token);
  }

  /**
   * Signs the person in first when what they asked calls Partner Center as them; the request is in the options,
   * because a sign-in can take turns of its own (the sign-in page, Teams' token exchange).
   */
  private async signInStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { request } = step.options as RouteOptions;
    if (!this.needsSignIn(request)) return step.next();
    stepValues(step).signingIn = true;
    return step.beginDialog(signInPromptIdFor(step.context.activity.locale));
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { request, activityId } = step.options as RouteOptions;
    if (stepValues(step).signingIn) {
      const token = step.result as TokenResponse | undefined;
      if (!token?.token) {
        return this.endWith(step, say(step.context)('main.notSignedIn'));
      }
      if (step.context.activity.id !== activityId) {
        await step.context.sendActivity(say(step.context)('main.signedInCarryOn'));
      }
      await this.deps.signIn?.resumeWaitingWork(userKeyOf(step.context));
    }
    if (request.kind === 'action') return runRootAction(this.rootActions, step, request.action);
    return this.routeCommand(step, request.command);
  }

  /** Answers a typed command; its role was checked as it was read. */
  private async routeCommand(step: WaterfallStepContext, command: Command): Promise<DialogTurnResult> {
    const correlationId = randomUUID();
    const lookup = (options: CustomerLookupOptions) => step.beginDialog(CustomerLookupDialog.id, options);
    switch (command.kind) {
      case 'buy':
        return step.beginDialog(PurchaseDialog.id, {
          customerQuery: command.customerQuery,
          request: command.request,
        } satisfies PurchaseOptions);
      case 'audit': {
        const entries = await this.deps.audit.latest(command.count);
        return this.endWith(step, auditListText(entries, say(step.context)));
      }
      case 'orders':
        return lookup({
          lookup: { kind: 'orders', filter: command.filter, window: command.window },
          customerQuery: command.customerQuery,
        });
      case 'order':
        return lookup({ lookup: { kind: 'order', orderId: command.orderId }, customerQuery: command.customerQuery });
      case 'entitlements':
        return lookup({ lookup: { kind: 'entitlements' }, customerQuery: command.customerQuery });
      case 'register':
        if (command.notASubscriptionId) {
          // Said, not silently dropped: the lookup then asks for the id.
          await step.context.sendActivity(
            say(step.context)('main.notASubscriptionId', {
              typed: safeForMarkdown(command.notASubscriptionId, 'typed'),
            }),
          );
        }
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
          await step.context.sendActivity(say(step.context)('main.whichInvoice'));
          await this.lookups.showInvoices(step.context, correlationId);
        }
        return step.endDialog();
      case 'more':
        await this.lookups.more(step.context, correlationId);
        return step.endDialog();
      case 'help':
        return this.endWith(step, say(step.context)('help.text'));
      case 'hello':
        return this.endWith(step, say(step.context)('help.hello'));
      case 'customers':
        return this.endWith(step, say(step.context)('help.customers'));
      case 'signIn':
        return this.endWith(step, say(step.context)(this.signInPrompt ? 'main.signedIn' : 'main.noSignInNeeded'));
      case 'signOut':
        if (!this.signInPrompt) return this.endWith(step, say(step.context)('main.noSignInNeeded'));
        await this.signInPrompt.signOutUser(step.context);
        return this.endWith(step, say(step.context)('main.signedOut'));
      case 'cancel':
        return this.endWith(step, say(step.context)('main.nothingToCancel'));
      default:
        return this.endWith(
          step,
          say(step.context)('main.notUnderstood', { typed: safeForMarkdown(command.text, 'typed') }),
        );
    }
  }

  /**
   * The root dialog's answer to each verb. Lookup buttons, Buy and Help are answered here whatever is going on; a
   * choice or confirmation-card button lands here only when no question waits for it.
   */
  private createRootActions(): RootActionHandlers {
    const stale = (step: WaterfallStepContext) => this.endWith(step, say(step.context)(CARD_REFUSALS.unknown));
    const lookup =
      (work: (context: TurnContext, correlationId: string) => Promise<void>) => async (step: WaterfallStepContext) => {
        await work(step.context, randomUUID());
        return step.endDialog();
      };
    return {
      buy: (step) => step.beginDialog(PurchaseDialog.id, {}),
      help: (step) => this.endWith(step, say(step.context)('help.text')),
      pickCustomer: stale,
      pickCategory: stale,
      pickProduct: stale,
      pickSku: stale,
      pickTerm: stale,
      narrowList: stale,
      pickScope: stale,
      pickAzureSubscription: stale,
      registerForReservation: stale,
      placeOrder: (step, button) => this.placeOrderLater(step, button),
      changeQuantity: (step, button) => this.confirmationButtonLater(step, button),
      cancelPurchase: async (step, button) => {
        if (!(await this.isOpenCard(step.context, button))) return stale(step);
        // Cancel works whatever question is open meanwhile: it ends the purchase the card belongs to.
        await this.retireOpenConfirmation(step.context, 'main.cancelledTitle', 'main.cancelledCardText');
        return step.cancelAllDialogs();
      },
      openOrder: (step, ref) => lookup((context, id) => this.lookups.showOrder(context, id, ref))(step),
      refreshOrder: (step, ref) =>
        lookup((context, id) => this.lookups.showOrder(context, id, ref, context.activity.replyToId))(step),
      more: (step, position) => lookup((context, id) => this.lookups.more(context, id, position))(step),
      openInvoice: (step, invoiceId) => lookup((context, id) => this.lookups.showInvoice(context, id, invoiceId))(step),
      statement: (step, invoiceId) => lookup((context, id) => this.lookups.sendStatement(context, id, invoiceId))(step),
      approveRequest: (step, requestId) => this.decideApproval(step, requestId, 'approve'),
      rejectRequest: (step, requestId) => this.decideApproval(step, requestId, 'reject'),
      cancelOrder: (step, ref) => lookup((context, id) => this.cancellations.ask(context, id, ref))(step),
      confirmCancelOrder: (step, button) =>
        lookup((context, id) => this.cancellations.confirm(context, id, button))(step),
    };
  }

  /** An approver's Approve or Reject; without approvals configured the button belongs to nothing. */
  private async decideApproval(
    step: WaterfallStepContext,
    requestId: string,
    decision: 'approve' | 'reject',
  ): Promise<DialogTurnResult> {
    if (!this.deps.approvals) return this.endWith(step, say(step.context)(CARD_REFUSALS.unknown));
    await this.deps.approvals.decide(step.context, requestId, decision);
    return step.endDialog();
  }

  /**
   * Place order on a card whose question isn't waiting: the purchase is over (the ledger knows what became of that
   * cart), or the card is open but another question is being answered first.
   */
  private async placeOrderLater(step: WaterfallStepContext, button: CartButton): Promise<DialogTurnResult> {
    // Only the record of this very cart (id and identity) is its outcome; buttons from before keys had none.
    const record = button.key ? await this.deps.checkoutLedger.get(button.key) : undefined;
    if (!record) return this.confirmationButtonLater(step, button);
    await this.deps.audit.append({
      result: 'duplicate-refused',
      user: auditUserOf(step.context),
      customer: { id: record.customer.id, companyName: record.customer.companyName },
      cartId: button.cartId,
      requestId: record.requestId,
      correlationId: record.correlationId,
      detail: `cart already ${record.state}`,
    });
    const said = say(step.context);
    const orders = (record.result?.orders ?? []).map((o) => safeForMarkdown(o.id, 'id')).join(', ');
    const where =
      record.state === 'done'
        ? said(isPartialOutcome(record) ? 'main.alreadyPartlyPlaced' : 'main.alreadyPlaced', { orders })
        : record.state === 'failed'
          ? said('main.notPlaced')
          : record.state === 'unconfirmed'
            ? said('main.neverConfirmed')
            : said('main.beingPlaced');
    await step.context.sendActivity(where);
    await step.context.sendActivity(cardMessage(checkoutOutcomeCard(record)));
    return step.endDialog();
  }

  /** A confirmation-card button pressed while another question is open: that question first, the card stays. */
  private async confirmationButtonLater(step: WaterfallStepContext, button: CartButton): Promise<DialogTurnResult> {
    if (!(await this.isOpenCard(step.context, button))) {
      return this.endWith(step, say(step.context)(CARD_REFUSALS.unknown));
    }
    return this.endWith(step, say(step.context)('main.answerQuestionFirst'));
  }

  /** Says one sentence and ends the root dialog for this turn. */
  private async endWith(step: WaterfallStepContext, sentence: string): Promise<DialogTurnResult> {
    await step.context.sendActivity(sentence);
    return step.endDialog();
  }

  private async finalStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog();
  }
}

/** True when the request starts a purchase (typed `buy …` or the Buy button), which sets aside one in progress. */
function startsPurchase(request: RootRequest): boolean {
  return request.kind === 'command' ? request.command.kind === 'buy' : request.action.verb === 'buy';
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

/** The reader's message catalog (their Teams language, or the one they chose). */
function say(context: TurnContext): Text {
  return textFor(context.activity.locale);
}
