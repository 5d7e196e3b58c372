import {
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
import { cardMessage } from '../dialogs/cardMessage';
import { MainDialog, runMainDialog } from '../dialogs/MainDialog';
import { DIALOG_STATE_PROPERTY } from './stateProperties';
import type { StatementService } from './statements/StatementService';

const EXECUTE_REFUSAL =
  "That card action isn't one of mine, so nothing changed. Use the buttons of my latest card, or type help.";

/**
 * The Teams-facing activity handler: greets once per install with the welcome card, hands every message (typed or a
 * card click) to the root dialog, and saves conversation and user state at the end of every turn so a restart loses
 * nothing.
 */
export class PurchaseBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly welcomed: StatePropertyAccessor<boolean>;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly mainDialog: MainDialog,
    private readonly statements: StatementService,
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
    await context.sendActivity(cardMessage(renderWelcomeCard({ userName, actions })));
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

  /**
   * Universal Actions (Action.Execute) arrive as `adaptiveCard/action` invokes. This bot's cards only use
   * Action.Submit, whose data goes through the strict card-action schema and the server-side registry, so an Execute
   * never comes from one of its cards: it runs nothing and gets one sentence. Handled before the SDK's own parsing,
   * which answers a malformed Execute with a 500.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    const response: AdaptiveCardInvokeResponse = {
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      // Teams shows a message response's `value` string; the SDK types `value` for card responses only.
      value: EXECUTE_REFUSAL as unknown as Record<string, unknown>,
    };
    return { status: 200, body: response };
  }

  /** Teams' answer from the sign-in page (the magic code): the waiting sign-in prompt takes it. */
  protected override async handleTeamsSigninVerifyState(context: TurnContext): Promise<void> {
    await runMainDialog(this.mainDialog, context, this.dialogState);
  }

  /** Teams' single sign-on token, already exchanged once by the SSO middleware; the sign-in prompt completes with it. */
  protected override async handleTeamsSigninTokenExchange(context: TurnContext): Promise<void> {
    await runMainDialog(this.mainDialog, context, this.dialogState);
  }

  /** Runs the turn, then persists state even when the handler chose not to change it. */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }
}
