import { type Middleware, TurnContext } from 'botbuilder';
import type { GroupMembership } from '../../dialogs/security/GroupMembership';
import type { ApproverChats } from '../../services/approvals/ApproverChats';
import type { Logger } from '../logger';

/** Who approves: Entra object ids, and members of Entra groups read through `membership` (present with groups). */
export interface ApproverIdentities {
  approverIds: ReadonlySet<string>;
  approverGroupIds: readonly string[];
  membership?: GroupMembership;
}

/**
 * Keeps each approver's personal chat with the bot (once per process and chat), so approval requests can be sent to
 * them proactively. Only approvers' chats (by id, or by approver group membership through the cached Graph lookup),
 * only personal ones: a request must never land in a group chat. A failed lookup or write is logged and the turn goes
 * on; the chat is tried again on the person's next message.
 */
export class RememberApproverChats implements Middleware {
  private readonly known = new Set<string>();

  constructor(
    private readonly chats: ApproverChats,
    private readonly approvers: ApproverIdentities,
    private readonly logger: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const objectId = activity.from?.aadObjectId?.toLowerCase();
    const personal = activity.conversation?.conversationType === 'personal';
    if (objectId && personal && !this.known.has(`${objectId}|${activity.conversation.id}`)) {
      try {
        if (await this.isApprover(objectId)) {
          await this.chats.remember(
            objectId,
            { ...TurnContext.getConversationReference(activity) },
            new Date().toISOString(),
          );
          this.known.add(`${objectId}|${activity.conversation.id}`);
        }
      } catch (error) {
        this.logger.warn('approver chat not remembered', {
          error: error instanceof Error ? error.message : 'unknown',
        });
      }
    }
    await next();
  }

  private async isApprover(objectId: string): Promise<boolean> {
    if (this.approvers.approverIds.has(objectId)) return true;
    const { membership, approverGroupIds } = this.approvers;
    if (!membership || approverGroupIds.length === 0) return false;
    return (await membership.memberOf(objectId, approverGroupIds)).size > 0;
  }
}
