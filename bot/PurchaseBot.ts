import {
  ActivityTypes,
  AdaptiveCardInvokeResponse,
  ConversationState,
  InvokeResponse,
  FileConsentCardResponse,
  StatePropertyAccessor,
  TeamsActivityHandler,
  TurnContext,
  UserState,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { renderWelcomeCard } from '../cards/renderWelcomeCard';
import { UNREGISTERED_ACTION_ID } from '../dialogs/cardActions/cardActionTable';
import { CARD_REFUSALS } from '../dialogs/cardActions/CardActionGate';
import { cardMessage } from '../dialogs/cardMessage';
import { MainDialog, runMainDialog } from '../dialogs/MainDialog';
import { textFor } from '../i18n/text';
import type { CardViews } from '../dialogs/cardActions/CardViews';
import type { ComposeSearch } from './invokes/ComposeSearch';
import { cardResponse, ExecuteAnswer, sentenceResponse } from './invokes/ExecuteAnswer';
import { installGroupCardViews } from './invokes/groupCardViews';
import { cardExecuteValue, viewRefreshData } from './invokes/invokeValues';
import type { OrderCardRefresh } from './invokes/OrderCardRefresh';
import type { TypeaheadSearch } from './invokes/TypeaheadSearch';
import { DIALOG_STATE_PROPERTY } from './stateProperties';
import type { StatementService } from './statements/StatementService';
import { isCardActionInvoke } from './turns/TurnPacer';

/** What the bot answers Teams-only invokes with: user-specific views, refresh on view, typeahead, the compose box. */
export interface TeamsSurfaces {
  views: CardViews;
  orderRefresh: OrderCardRefresh;
  typeahead: TypeaheadSearch;
  compose: ComposeSearch;
}

/**
 * The Teams-facing activity handler: greets once per install with the welcome card, hands every message (typed or a
 * card click) to the root dialog, and saves conversation and user state at the end of every turn so a restart loses
 * nothing.
 */
export class PurchaseBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly welcomed: StatePropertyAccessor<boolean>;
  private readonly executeAnswers = new WeakMap<TurnContext, ExecuteAnswer>();

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly mainDialog: MainDialog,
    private readonly statements: StatementService,
    private readonly teams: TeamsSurfaces,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>(DIALOG_STATE_PROPERTY);
    this.welcomed = conversationState.createProperty<boolean>('welcomed');
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const joined = (context.activity.membersAdded ?? []).filter((member) => member.id !== botId);
      if (joined.length > 0) await this.sendWelcome(context, joined[0].name);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.sendWelcome(context, context.activity.from?.name);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      // Uninstalled: the next install is a new one and is greeted again (an upgrade is "remove-upgrade", not this).
      if (context.activity.action === 'remove') await this.welcomed.delete(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await runMainDialog(this.mainDialog, context, this.dialogState);
      await next();
    });
  }

  /**
   * Greets once per install: Teams announces an install both as installationUpdate and as conversationUpdate. The
   * card's Buy and Help are not registered buttons (see the card action table): they do what typing buy or help does,
   * for whoever presses them, so the card writes nothing to the registry and its buttons keep working as long as it
   * stays at the top of the chat, long after registered buttons expire.
   */
  private async sendWelcome(context: TurnContext, userName: string | undefined): Promise<void> {
    if (await this.welcomed.get(context, false)) return;
    await this.welcomed.set(context, true);
    const actions = { buy: UNREGISTERED_ACTION_ID, help: UNREGISTERED_ACTION_ID };
    await context.sendActivity(cardMessage(renderWelcomeCard({ userName, actions, locale: context.activity.locale })));
  }

  protected override async handleTeamsFileConsentAccept(
    context: TurnContext,
    response: FileConsentCardResponse,
  ): Promise<void> {
    await this.statements.onFileConsentAccept(context, response);
  }

  protected override async handleTeamsFileConsentDecline(context: TurnContext): Promise<void> {
    await this.statements.onFileConsentDecline(context);
  }

  /** Teams' invokes this bot answers itself, each value parsed (zod) before anything acts on it. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    switch (context.activity.name) {
      case 'adaptiveCard/action':
        return { status: 200, body: await this.answerCardAction(context) };
      case 'application/search': {
        const response = await this.teams.typeahead.search(context);
        return { status: response.statusCode, body: response };
      }
      case 'composeExtension/query':
        return { status: 200, body: await this.teams.compose.query(context) };
      default:
        return super.onInvokeActivity(context);
    }
  }

  /**
   * Universal Actions: a press of an Action.Execute button runs the very turn an Action.Submit would (the same dialog,
   * the same card action gate: size, shape, registry owner and expiry, role), and Teams gets the card drawn in place of
   * the clicked one (see {@link ExecuteAnswer}). A card's `refresh` asks for a user-specific view or, on an order card,
   * for the order as it stands now; neither runs a dialog. Handled before the SDK's own parsing, which answers a
   * malformed value with a 500.
   */
  private async answerCardAction(context: TurnContext): Promise<AdaptiveCardInvokeResponse> {
    const answer = this.executeAnswers.get(context);
    const parsed = cardExecuteValue.safeParse(context.activity.value);
    if (!answer || !parsed.success) return sentenceResponse(textFor(context.activity.locale)(CARD_REFUSALS.unreadable));
    const { action, trigger } = parsed.data;
    const view = viewRefreshData.safeParse(action.data);
    if (view.success) {
      const card = await this.teams.views.viewFor(context, view.data.id);
      return card
        ? cardResponse(card)
        : sentenceResponse(
            // Said at a card whose user-specific view is no longer kept (older than a day, or pushed out by newer ones).
            textFor(context.activity.locale)('bot.viewGone'),
          );
    }
    const dataVerb = (action.data as { verb?: unknown } | null | undefined)?.verb;
    // Teams routes by the action's verb; the gate reads the data's. A card of ours always has the two agree.
    if (action.verb !== undefined && action.verb !== dataVerb) {
      return sentenceResponse(textFor(context.activity.locale)(CARD_REFUSALS.unreadable));
    }
    try {
      if (trigger === 'automatic') {
        const refusal = await this.teams.orderRefresh.refresh(context, action.data);
        if (refusal) return sentenceResponse(refusal);
      } else {
        await this.runAsSubmit(context, action.data);
      }
    } catch (error) {
      // Whatever the turn held back still reaches the person before the turn's error handler apologises.
      await answer.finish();
      throw error;
    }
    return answer.finish();
  }

  /**
   * Runs the root dialog on an Execute's data exactly as on an Action.Submit: Teams delivers a Submit as a message whose
   * `value` is the button's data, and the dialogs (and the prompts botbuilder gives them) read messages.
   */
  private async runAsSubmit(context: TurnContext, data: unknown): Promise<void> {
    const activity = context.activity;
    const { type, value } = activity;
    activity.type = ActivityTypes.Message;
    activity.value = data;
    try {
      await runMainDialog(this.mainDialog, context, this.dialogState);
    } finally {
      activity.type = type;
      activity.value = value;
    }
  }

  /** Teams' answer from the sign-in page (the magic code): the waiting sign-in prompt takes it. */
  protected override async handleTeamsSigninVerifyState(context: TurnContext): Promise<void> {
    await runMainDialog(this.mainDialog, context, this.dialogState);
  }

  /** Teams' single sign-on token, already exchanged once by the SSO middleware; the sign-in prompt completes with it. */
  protected override async handleTeamsSigninTokenExchange(context: TurnContext): Promise<void> {
    await runMainDialog(this.mainDialog, context, this.dialogState);
  }

  /**
   * Runs the turn, then persists state even when the handler chose not to change it. A card click's replies are
   * captured first (they may become Teams' answer to the click), then shared cards in group chats get their
   * user-specific views.
   */
  override async run(context: TurnContext): Promise<void> {
    if (isCardActionInvoke(context.activity)) this.executeAnswers.set(context, ExecuteAnswer.capture(context));
    installGroupCardViews(context, this.teams.views);
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }
}
