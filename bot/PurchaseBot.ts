import {
  ConversationState,
  FileConsentCardResponse,
  StatePropertyAccessor,
  TeamsActivityHandler,
  TurnContext,
  UserState,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { renderWelcomeCard } from '../cards/renderWelcomeCard';
import type { CardActionRegistry } from '../dialogs/cardActionRegistry';
import { cardMessage } from '../dialogs/cardMessage';
import { MainDialog, runMainDialog } from '../dialogs/MainDialog';
import { DIALOG_STATE_PROPERTY } from './stateProperties';
import type { StatementService } from './statements/StatementService';

/**
 * The Teams-facing activity handler: greets new members with the welcome card, hands every message (typed or a card
 * click) to the root dialog, and saves conversation and user state at the end of every turn so a restart loses nothing.
 */
export class PurchaseBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly welcomed: StatePropertyAccessor<boolean>;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly mainDialog: MainDialog,
    private readonly registry: CardActionRegistry,
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
    this.onMessage(async (context, next) => {
      await runMainDialog(this.mainDialog, context, this.dialogState);
      await next();
    });
  }

  /** Greets once per conversation: Teams announces an install both as installationUpdate and as conversationUpdate. */
  private async sendWelcome(context: TurnContext, userName: string | undefined): Promise<void> {
    if (await this.welcomed.get(context, false)) return;
    await this.welcomed.set(context, true);
    const actions = {
      buy: await this.registry.register(context, 'buy', null),
      help: await this.registry.register(context, 'help', null),
    };
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
