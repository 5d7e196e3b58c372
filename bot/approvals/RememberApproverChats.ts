import { type Middleware, TurnContext } from 'botbuilder';
import type { ApproverChats } from '../../services/approvals/ApproverChats';
import type { Logger } from '../logger';

/**
 * Keeps each approver's personal chat with the bot (once per process and chat), so approval requests can be sent to
 * them proactively. Only approvers' chats, only personal ones: a request must never land in a group chat.
 */
export class RememberApproverChats implements Middleware {
  private readonly known = new Set<string>();

  constructor(
    private readonly chats: ApproverChats,
    private readonly approverIds: ReadonlySet<string>,
    private readonly logger: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const objectId = activity.from?.aadObjectId?.toLowerCase();
    const personal = activity.conversation?.conversationType === 'personal';
    if (objectId && personal && this.approverIds.has(objectId)) {
      const seen = `${objectId}|${activity.conversation.id}`;
      if (!this.known.has(seen)) {
        try {
          await this.chats.remember(
            objectId,
            { ...TurnContext.getConversationReference(activity) },
            new Date().toISOString(),
          );
          this.known.add(seen);
        } catch (error) {
          this.logger.warn('approver chat not remembered', {
            error: error instanceof Error ? error.message : 'unknown',
          });
        }
      }
    }
    await next();
  }
}
