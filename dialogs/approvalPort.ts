import type { TurnContext } from 'botbuilder';
import type { ApprovalNeed } from '../services/approvals/approvalRules';
import type { CustomerDetails } from '../services/purchase/types';
import type { CheckoutOrder } from './checkoutPort';

/** An order waiting for an approval, with what the approvers are shown. */
export interface ApprovalAsk extends CheckoutOrder {
  item: NonNullable<CheckoutOrder['item']>;
  total?: { amount: number; currency: string; unitPrice: number };
  need: Extract<ApprovalNeed, { required: true }>;
}

/**
 * Approvals of large or first purchases, implemented at the bot's edge (it sends cards to other people's chats and
 * runs the approved checkout through the checkout runner).
 */
export interface ApprovalPort {
  /** Whether a purchase needs an approval: its estimated total against the thresholds, and the first-purchase rule. */
  needOf(
    context: TurnContext,
    question: { correlationId: string; customer: CustomerDetails; total?: { amount: number; currency: string } },
  ): Promise<ApprovalNeed>;
  /**
   * Records the request, sends it to the approvers and turns the requester's confirmation card into its status;
   * nothing is bought until an approver approves.
   */
  request(context: TurnContext, ask: ApprovalAsk): Promise<void>;
  /** An approver's Approve or Reject press, answered in the presser's chat. */
  decide(context: TurnContext, requestId: string, decision: 'approve' | 'reject'): Promise<void>;
}
