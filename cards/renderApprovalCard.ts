import template from './templates/approval.json';
import { type AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { customerText, type CardCustomer } from './customerText';
import { formatDateTime, formatMoney } from './format';
import { safeForMarkdown } from './untrustedText';
import { type Text, textFor } from '../i18n/text';

/** Where a request stands, as its cards show it. */
export type ApprovalCardState =
  { state: 'pending' } | { state: 'approved' | 'rejected'; by: string } | { state: 'expired' };

/** What the approver's card shows about a request. */
export interface ApprovalCardData {
  /** The request id its Approve and Reject buttons carry (checked against the request when pressed). */
  requestId: string;
  requester: string;
  customer: CardCustomer;
  item: { title?: string; quantity: number };
  total?: { amount: number; currency: string; unitPrice: number };
  /** Why it needs an approval, in words written by the bot. */
  why: string;
  /** ISO 8601. */
  expiresAt: string;
  status: ApprovalCardState;
  locale: string;
}

interface ApprovalView {
  heading: string;
  approveTitle: string;
  rejectTitle: string;
  facts: { title: string; value: string }[];
  why: string;
  statusText: string;
  pending: boolean;
  requestId: string;
}

const expand = compileCardTemplate<ApprovalView>(template);

/** One sentence of where the request stands. */
function statusText(status: ApprovalCardState, say: Text): string {
  if (status.state === 'pending') return say('approval.pending');
  if (status.state === 'expired') return say('approval.expired');
  const name = safeForMarkdown(status.by, 'name');
  return say(status.state === 'approved' ? 'approval.approvedBy' : 'approval.rejectedBy', { name });
}

/**
 * Draws a purchase waiting for approval as an approver sees it: who asks, for which customer, what, the estimated
 * total and why it needs an approval; Approve and Reject while it is pending, and only the outcome afterwards. Every
 * value is drawn as text.
 */
export function renderApprovalCard(data: ApprovalCardData): AdaptiveCardJson {
  const say = textFor(data.locale);
  const money = (amount: number) => formatMoney(amount, data.total?.currency, data.locale);
  const facts = [
    { title: say('approval.requestedBy'), value: safeForMarkdown(data.requester, 'name') || say('approval.someone') },
    { title: say('approval.customer'), value: customerText(data.customer) },
    {
      title: say('approval.items'),
      value: `${data.item.quantity} × ${data.item.title ? safeForMarkdown(data.item.title, 'name') : say('approval.aSku')}`,
    },
    data.total
      ? {
          title: say('approval.total'),
          value: say('approval.totalEstimate', {
            quantity: data.item.quantity,
            unit: money(data.total.unitPrice),
            total: money(data.total.amount),
          }),
        }
      : { title: say('approval.total'), value: say('approval.priceUnavailable') },
    {
      title: say('approval.expires'),
      value: formatDateTime(data.expiresAt, data.locale) ?? safeForMarkdown(data.expiresAt, 'word'),
    },
  ];
  return expand({
    heading: say('approval.heading'),
    approveTitle: say('approval.approve'),
    rejectTitle: say('approval.reject'),
    facts,
    why: data.why,
    statusText: statusText(data.status, say),
    // The Approve and Reject buttons (Action.Execute, like every button of the bot) while the request is pending;
    // the approval desk checks every press. The card only ever goes to approvers' own chats.
    pending: data.status.state === 'pending',
    requestId: data.requestId,
  });
}
