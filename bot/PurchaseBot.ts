import { ConversationState, TeamsActivityHandler, TurnContext, UserState } from 'botbuilder';

const HELP = [
  'I help you buy one-time products for your customers through Partner Center and look up orders and invoices.',
  '',
  '- **help**: this message',
  '',
  'Purchasing, order lookups, balance and invoices arrive with the next releases.',
].join('\n');

/**
 * The Teams-facing activity handler. Saves conversation and user state at the end of every turn so that a restart
 * loses nothing.
 */
export class PurchaseBot extends TeamsActivityHandler {
  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
  ) {
    super();
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const joined = (context.activity.membersAdded ?? []).some((member) => member.id !== botId);
      if (joined) await context.sendActivity(`Hello! ${HELP}`);
      await next();
    });
    this.onMessage(async (context, next) => {
      await context.sendActivity(HELP);
      await next();
    });
  }

  /** Runs the turn, then persists state even when the handler chose not to change it. */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }
}
