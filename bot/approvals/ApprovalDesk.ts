import { randomUUID } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import { renderApprovalCard, type ApprovalCardState } from '../../cards/renderApprovalCard';
import { renderNoticeCard } from '../../cards/renderNoticeCard';
import { formatDateTime, formatMoney } from '../../cards/format';
import { safeForMarkdown } from '../../cards/untrustedText';
import type { ApprovalAsk, ApprovalPort } from '../../dialogs/approvalPort';
import type { CheckoutStarter } from '../../dialogs/checkoutPort';
import { cardMessage } from '../../dialogs/cardMessage';
import { replaceCard } from '../../dialogs/replaceCard';
import { auditUserOf } from '../../dialogs/security/auditUserOf';
import type { GroupMembership } from '../../dialogs/security/GroupMembership';
import { userKeyOf } from '../../dialogs/userKeyOf';
import {
  approvalNeedOf,
  type ApprovalNeed,
  type ApprovalReason,
  type ApprovalSettings,
} from '../../services/approvals/approvalRules';
import type { ApprovalCardRef, ApprovalRequest, ApprovalStore } from '../../services/approvals/ApprovalStore';
import type { ApproverChats } from '../../services/approvals/ApproverChats';
import type { AuditEntry, NewAuditEntry } from '../../services/audit/AuditEntry';
import type { AuditTrail } from '../../services/audit/AuditTrail';
import { checkoutKeyOf } from '../../services/checkout/cartIdentity';
import type { CheckoutLedger } from '../../services/checkout/CheckoutLedger';
import { DirectoryUnavailableError } from '../../services/directory/DirectoryUnavailableError';
import type { LookupService } from '../../services/lookups/types';
import type { JobKind, LeasedJobRunner, OpenJob, StepOutcome } from '../jobs/LeasedJobRunner';
import type { Logger } from '../logger';
import { textFor, type MessageKey, type Text } from '../../i18n/text';

/** Runs `act` in a conversation the bot is not answering in (a proactive turn); resolves once it ran or was refused. */
export type Proactively = (
  reference: Record<string, unknown>,
  what: string,
  act: (context: TurnContext) => Promise<void>,
) => Promise<void>;

/** Settings of {@link ApprovalDesk}. */
export interface ApprovalDeskOptions {
  settings: ApprovalSettings;
  store: ApprovalStore;
  chats: ApproverChats;
  ledger: CheckoutLedger;
  lookups: LookupService;
  checkouts: CheckoutStarter;
  audit: AuditTrail;
  jobs: LeasedJobRunner;
  logger: Logger;
  proactively: Proactively;
  /** Reads approver group membership (present when `settings.groups` is). */
  membership?: GroupMembership;
  now?: () => number;
}

/** How far ahead an expiry is handed to the job runner (which holds and leases what it schedules). */
const SCHEDULING_HORIZON_MS = 10 * 60_000;

const REASON_WORDS: Record<ApprovalReason, MessageKey> = {
  'over-threshold': 'approval.reasonOverThreshold',
  'price-unknown': 'approval.reasonPriceUnknown',
  'first-purchase': 'approval.reasonFirstPurchase',
};

const ENGLISH = textFor('en-US');

/** Why a request needs an approval, in one reader's words. */
function reasonsIn(request: Pick<ApprovalRequest, 'reasons'>, say: Text): string {
  return request.reasons.map((r) => say(REASON_WORDS[r])).join('; ');
}

/**
 * Approvals of large or first purchases. "Request approval" on a confirmation card keeps the request in the state
 * storage (it survives restarts), sends each approver a card in their personal chat with the bot, and turns the
 * requester's card into the request's status. The first decision wins (the store moves a request out of `pending`
 * once): an approval runs the confirmed cart's checkout exactly once through the checkout runner and its ledger, with
 * the request's MS-RequestId, in the requester's conversation, where the outcome replaces the card; a rejection or the
 * expiry (`approval-expiry` jobs on the bot's job runner) buys nothing. Requesters can't approve their own requests,
 * people who aren't approvers can't decide, and every step goes in the audit trail.
 */
export class ApprovalDesk implements ApprovalPort, JobKind {
  readonly name = 'approval-expiry';
  private readonly now: () => number;
  private readonly approvers: ReadonlySet<string>;

  constructor(private readonly options: ApprovalDeskOptions) {
    this.now = options.now ?? Date.now;
    this.approvers = new Set(options.settings.approverIds.map((id) => id.toLowerCase()));
    options.jobs.register(this);
  }

  async needOf(context: TurnContext, question: Parameters<ApprovalPort['needOf']>[1]): Promise<ApprovalNeed> {
    const firstPurchase = this.options.settings.firstPurchase
      ? await this.isFirstPurchase(context, question.correlationId, question.customer.id)
      : false;
    return approvalNeedOf(this.options.settings, {
      ...(question.total ? { total: question.total } : {}),
      firstPurchase,
    });
  }

  async request(context: TurnContext, ask: ApprovalAsk): Promise<void> {
    const now = this.now();
    const who = auditUserOf(context);
    const request: ApprovalRequest = {
      id: randomUUID(),
      state: 'pending',
      requester: { ...who, key: userKeyOf(context) },
      customer: ask.customer,
      item: { ...ask.item, title: ask.item.title ?? '' },
      ...(ask.total ? { total: ask.total } : {}),
      reasons: ask.need.reasons,
      cartId: ask.cartId,
      identity: ask.identity,
      correlationId: ask.correlationId,
      checkoutRequestId: randomUUID(),
      ...(ask.attestations ? { attestations: ask.attestations } : {}),
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + this.options.settings.expiryMs).toISOString(),
      requesterCard: {
        conversationReference: { ...TurnContext.getConversationReference(context.activity) },
        activityId: ask.cardActivityId,
      },
      approverCards: {},
    };
    await this.options.store.create(request);
    await this.record(request, 'approval-requested', who, reasonsIn(request, ENGLISH));
    const sent = await this.sendToApprovers(request);
    await replaceCard(context, ask.cardActivityId, this.requesterCard(request, context.activity.locale));
    if (Object.keys(sent).length === 0) {
      await context.sendActivity(textFor(context.activity.locale)('approval.noApproverReachable'));
    }
    // A far expiry is left to the runner's sweep, which lists it once it is near (see `open`).
    if (Date.parse(request.expiresAt) - now <= SCHEDULING_HORIZON_MS) {
      this.options.jobs.runAt(this.name, request.id, Date.parse(request.expiresAt));
    }
  }

  async decide(context: TurnContext, requestId: string, decision: 'approve' | 'reject'): Promise<void> {
    const who = auditUserOf(context);
    const say = textFor(context.activity.locale);
    const presser = who.objectId?.toLowerCase();
    const request = await this.options.store.get(requestId);
    if (!request) {
      await context.sendActivity(say('approval.noSuchRequest'));
      return;
    }
    if (presser && presser === request.requester.objectId?.toLowerCase()) {
      await this.record(request, 'approval-refused', who, `${decision} of own request refused`);
      await context.sendActivity(say('approval.ownRequest'));
      return;
    }
    let approver: boolean;
    try {
      approver = presser !== undefined && (await this.isApprover(presser));
    } catch (error) {
      if (!(error instanceof DirectoryUnavailableError)) throw error;
      this.warn('approver group membership unavailable', request.id, error);
      await context.sendActivity(say('role.directoryUnavailable'));
      return;
    }
    if (!approver) {
      await this.record(request, 'approval-refused', who, `${decision} refused: not an approver`);
      await context.sendActivity(say('approval.notAnApprover'));
      return;
    }
    if (request.state === 'pending' && this.now() >= Date.parse(request.expiresAt)) {
      await this.expire(request.id, context);
      await context.sendActivity(say('approval.expiredNow'));
      return;
    }
    const decided = await this.options.store.decide(
      request.id,
      decision === 'approve' ? 'approved' : 'rejected',
      { objectId: who.objectId, name: who.name },
      new Date(this.now()).toISOString(),
    );
    if (!decided) return;
    if (!decided.moved) {
      await this.alreadyDecided(context, decided.request);
      return;
    }
    const done = decided.request;
    await this.record(done, decision === 'approve' ? 'approved' : 'approval-rejected', who);
    await this.showEverywhere(done, context);
    if (decision === 'approve') {
      await this.placeApproved(done);
      await context.sendActivity(
        say('approval.approvedSaid', {
          company: safeForMarkdown(done.customer.companyName, 'name'),
          requester: safeForMarkdown(done.requester.name ?? say('approval.theRequester'), 'name'),
        }),
      );
    } else {
      await context.sendActivity(
        say('approval.rejectedSaid', {
          requester: safeForMarkdown(done.requester.name ?? say('approval.theRequester'), 'name'),
        }),
      );
    }
  }

  /**
   * Pending requests expiring within the scheduling horizon: the runner holds (and keeps leasing) every job it lists,
   * so a request due in a day is listed only once its expiry is near; the sweep finds it then.
   */
  async open(): Promise<OpenJob[]> {
    const horizon = this.now() + SCHEDULING_HORIZON_MS;
    return (await this.options.store.open())
      .filter((r) => Date.parse(r.expiresAt) <= horizon)
      .map((r) => ({
        id: r.id,
        dueAt: Date.parse(r.expiresAt),
        ...(r.lease ? { lease: r.lease } : {}),
      }));
  }

  lease(id: string, owner: string, durationMs: number): Promise<boolean> {
    return this.options.store.lease(id, owner, durationMs, this.now());
  }

  /** Expires a request whose time is up (a pending one not yet due waits until it is). */
  async step(id: string): Promise<StepOutcome> {
    const request = await this.options.store.get(id);
    if (!request || request.state !== 'pending') return { next: 'done' };
    const due = Date.parse(request.expiresAt);
    if (this.now() < due) return { next: 'later', atMs: due };
    await this.expire(id);
    return { next: 'done' };
  }

  private async expire(id: string, current?: TurnContext): Promise<void> {
    const expired = await this.options.store.decide(id, 'expired', undefined, new Date(this.now()).toISOString());
    if (!expired?.moved) return;
    await this.record(expired.request, 'approval-expired', {}, 'no decision in time');
    await this.showEverywhere(expired.request, current);
  }

  /** The approved checkout, in the requester's conversation: the ledger makes a second start find the first. */
  private async placeApproved(request: ApprovalRequest): Promise<void> {
    await this.options.proactively(
      request.requesterCard.conversationReference,
      'approved checkout',
      async (context) => {
        await this.options.checkouts.placeOrder(
          context,
          {
            cartId: request.cartId,
            identity: request.identity,
            customer: request.customer,
            correlationId: request.correlationId,
            cardActivityId: request.requesterCard.activityId,
            item: request.item,
            requestId: request.checkoutRequestId,
            ...(request.attestations && request.attestations.length > 0 ? { attestations: request.attestations } : {}),
          },
          () =>
            replaceCard(
              context,
              request.requesterCard.activityId,
              renderNoticeCard({
                title: textFor(context.activity.locale)('approval.placingTitle'),
                text: textFor(context.activity.locale)('approval.placingText', {
                  approver: safeForMarkdown(
                    request.decidedBy?.name ?? textFor(context.activity.locale)('approval.anApprover'),
                    'name',
                  ),
                  company: safeForMarkdown(request.customer.companyName, 'name'),
                }),
              }),
            ),
        );
      },
    );
  }

  /** A press on a request already decided: says what happened; an approved one whose checkout never started starts. */
  private async alreadyDecided(context: TurnContext, request: ApprovalRequest): Promise<void> {
    if (request.state === 'approved') {
      const claimed = await this.options.ledger.get(checkoutKeyOf(request.cartId, request.identity));
      // Approved, then the process stopped before the checkout was claimed: claiming now is still exactly once.
      if (!claimed) await this.placeApproved(request);
    }
    const say = textFor(context.activity.locale);
    await context.sendActivity(
      request.decidedBy?.name
        ? say('approval.alreadyDecidedBy', {
            state: request.state,
            approver: safeForMarkdown(request.decidedBy.name, 'name'),
          })
        : say('approval.alreadyDecided', { state: request.state }),
    );
  }

  private async sendToApprovers(request: ApprovalRequest): Promise<Record<string, ApprovalCardRef>> {
    const sent: Record<string, ApprovalCardRef> = {};
    const requester = request.requester.objectId?.toLowerCase();
    // Approvers by id, and the remembered chats of approver group members, whose membership is checked again now.
    const candidates = new Set([
      ...this.approvers,
      ...(this.options.membership ? await this.options.chats.remembered() : []),
    ]);
    for (const approver of candidates) {
      // The requester is never asked to approve their own purchase.
      if (approver === requester) continue;
      try {
        if (!(await this.isApprover(approver))) continue;
      } catch (error) {
        this.warn('approver group membership unavailable', request.id, error);
        continue;
      }
      const reference = await this.options.chats.find(approver);
      if (!reference) continue;
      try {
        await this.options.proactively(reference, 'approval request', async (context) => {
          const response = await context.sendActivity(cardMessage(this.approverCard(request, context.activity.locale)));
          if (response?.id) sent[approver] = { conversationReference: reference, activityId: response.id };
        });
      } catch (error) {
        this.warn('approval request not delivered', request.id, error);
      }
    }
    if (Object.keys(sent).length > 0) await this.options.store.noteApproverCards(request.id, sent);
    return sent;
  }

  /**
   * Shows a decided request on the requester's card and every approver's card. A card in the conversation of the turn
   * at hand is updated through that turn: a proactive turn there would wait for this one's conversation lock.
   */
  private async showEverywhere(request: ApprovalRequest, current?: TurnContext): Promise<void> {
    const cards = [
      ...Object.values(request.approverCards).map((card) => ({
        card,
        draw: (locale?: string) => this.approverCard(request, locale),
      })),
      { card: request.requesterCard, draw: (locale?: string) => this.requesterCard(request, locale) },
    ];
    const here = current?.activity.conversation?.id;
    for (const { card, draw } of cards) {
      try {
        const conversation = card.conversationReference.conversation as { id?: string } | undefined;
        if (current && here !== undefined && conversation?.id === here) {
          await replaceCard(current, card.activityId, draw(current.activity.locale));
          continue;
        }
        await this.options.proactively(card.conversationReference, 'approval status', (context) =>
          replaceCard(context, card.activityId, draw(context.activity.locale)),
        );
      } catch (error) {
        this.warn('approval card not updated', request.id, error);
      }
    }
  }

  private approverCard(request: ApprovalRequest, locale: string | undefined): object {
    return renderApprovalCard({
      requestId: request.id,
      requester: request.requester.name ?? '',
      customer: request.customer,
      item: request.item,
      ...(request.total ? { total: request.total } : {}),
      why: textFor(locale)('approval.why', { reasons: reasonsIn(request, textFor(locale)) }),
      expiresAt: request.expiresAt,
      status: cardStateOf(request),
      locale: locale || 'en-US',
    });
  }

  /** The requester's card: the request's state in words (the confirmation card it replaced had the details). */
  private requesterCard(request: ApprovalRequest, locale: string | undefined): object {
    const reader = locale || 'en-US';
    const say = textFor(reader);
    const item = {
      quantity: request.item.quantity,
      sku: safeForMarkdown(request.item.title || say('approval.theSku'), 'name'),
      company: safeForMarkdown(request.customer.companyName, 'name'),
    };
    const what = request.total
      ? say('approval.whatWithTotal', {
          ...item,
          total: formatMoney(request.total.amount, request.total.currency, reader),
        })
      : say('approval.what', item);
    const approver = safeForMarkdown(request.decidedBy?.name ?? say('approval.anApprover'), 'name');
    if (request.state === 'pending') {
      const until = formatDateTime(request.expiresAt, reader) ?? request.expiresAt;
      return renderNoticeCard({
        title: say('approval.waitingTitle'),
        text: say('approval.waitingText', { what, until }),
      });
    }
    if (request.state === 'approved') {
      return renderNoticeCard({
        title: say('approval.placingTitle'),
        text: say('approval.approvedText', { approver, what }),
      });
    }
    if (request.state === 'rejected') {
      return renderNoticeCard({
        title: say('approval.rejectedTitle'),
        text: say('approval.rejectedText', { approver, what }),
      });
    }
    return renderNoticeCard({ title: say('approval.expiredTitle'), text: say('approval.expiredText', { what }) });
  }

  /** An approver by id, or (asked now, through the cached lookup) a member of an approver group. */
  private async isApprover(objectId: string): Promise<boolean> {
    if (this.approvers.has(objectId)) return true;
    const groupIds = this.options.settings.groups?.approverGroupIds ?? [];
    if (!this.options.membership || groupIds.length === 0) return false;
    return (await this.options.membership.memberOf(objectId, groupIds)).size > 0;
  }

  private async isFirstPurchase(context: TurnContext, correlationId: string, customerId: string): Promise<boolean> {
    try {
      if ((await this.options.ledger.recentClaims(customerId, 0)).some((r) => r.state !== 'failed')) return false;
      const page = await this.options.lookups.listOrders(
        { correlationId, user: { id: userKeyOf(context), name: context.activity.from?.name } },
        customerId,
        { pageSize: 1 },
      );
      return page.total === 0;
    } catch {
      // Unknown counts as first: an approver can tell, and a purchase is never let through by a failed read.
      return true;
    }
  }

  private async record(
    request: ApprovalRequest,
    result: NewAuditEntry['result'],
    user: AuditEntry['user'],
    detail?: string,
  ): Promise<void> {
    try {
      await this.options.audit.append({
        result,
        user,
        customer: { id: request.customer.id, companyName: request.customer.companyName },
        cartId: request.cartId,
        item: request.item,
        requestId: request.checkoutRequestId,
        correlationId: request.correlationId,
        detail: [`approval ${request.id}`, detail].filter(Boolean).join(': '),
      });
    } catch (error) {
      this.warn('audit trail write failed', request.id, error);
    }
  }

  private warn(message: string, id: string, error: unknown): void {
    this.options.logger.warn(message, { approval: id, error: error instanceof Error ? error.message : 'unknown' });
  }
}

function cardStateOf(request: ApprovalRequest): ApprovalCardState {
  if (request.state === 'pending' || request.state === 'expired') return { state: request.state };
  return { state: request.state, by: request.decidedBy?.name ?? 'an approver' };
}
