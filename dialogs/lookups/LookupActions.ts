import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { renderBalanceCard } from '../../cards/renderBalanceCard';
import { renderEntitlementsCard } from '../../cards/renderEntitlementsCard';
import { renderInvoiceCard } from '../../cards/renderInvoiceCard';
import { renderInvoiceListCard } from '../../cards/renderInvoiceListCard';
import { renderOrderCard } from '../../cards/renderOrderCard';
import { renderOrderListCard } from '../../cards/renderOrderListCard';
import { renderRegistrationCard } from '../../cards/renderRegistrationCard';
import { INVOICE_GROUPS_PER_CARD } from '../../cards/renderInvoiceCard';
import { safeForMarkdown } from '../../cards/untrustedText';
import { isNotFound } from '../../services/lookups/isNotFound';
import type { OrderListFilter } from '../../services/lookups/types';
import type { CustomerDetails } from '../../services/purchase/types';
import { callContextOf } from '../callContext';
import { cardMessage } from '../cardMessage';
import { replaceCard } from '../replaceCard';
import type { DialogDependencies } from '../dialogDependencies';
import { cancelOfferFor } from '../orderCancellation/cancelOffer';
import { tellFailure } from '../tellFailure';
import { looksLikeInvoiceId } from './looksLikeInvoiceId';
import type { ResolvedTimeWindow } from './timeWindow';
import { textFor, type Text } from '../../i18n/text';

/**
 * Where "more" continues: the last paged list this conversation showed. After an invoice is opened that is the
 * invoice's one-time charges (the card shows ten groups at a time), not the invoice list it was opened from.
 */
export type ListPosition =
  | { kind: 'orders'; customer: CustomerDetails; filter?: OrderListFilter; window?: ResolvedTimeWindow; offset: number }
  | { kind: 'invoices'; offset: number }
  | { kind: 'invoiceCharges'; invoiceId: string; offset: number; total: number };

/** Which of a customer's orders a list shows. */
export interface OrderListRequest {
  filter?: OrderListFilter;
  /** Only orders placed in this window (pinned to instants when the person asked, kept the same for `more`). */
  window?: ResolvedTimeWindow;
}

/**
 * How the customer of `order <id>` was chosen, which decides what a "no such order" answer says: a customer the
 * person named (or picked), or their last customer used because they named none.
 */
export type OrderCustomerSource = 'named' | 'last-customer';

/** What an "Open" or "Refresh" order button stands for. */
export interface OrderRef {
  customer: CustomerDetails;
  orderId: string;
}

const PAGE_SIZE = 10;
const CARD_CUSTOMER = (c: CustomerDetails) => ({
  companyName: c.companyName,
  domain: c.domain,
  countryName: c.countryName,
});

/**
 * The ten-second answers: each fetches through the lookup service and answers on one card (or updates the card it came
 * from), turning any Partner Center failure into one sentence. Used by typed commands and card buttons alike.
 */
export class LookupActions {
  constructor(private readonly deps: DialogDependencies) {}

  private get lastList(): StatePropertyAccessor<ListPosition | undefined> {
    return this.deps.lastList;
  }

  private locale(context: TurnContext): string {
    return context.activity.locale || 'en-US';
  }

  /** The reader's message catalog (their Teams language, or the one they chose). */
  private say(context: TurnContext): Text {
    return textFor(context.activity.locale);
  }

  /** The user's time zone when Teams says it (IANA name); cards show UTC otherwise. */
  private timeZone(context: TurnContext): string | undefined {
    return context.activity.localTimezone || undefined;
  }

  private async guard(context: TurnContext, prefix: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      await tellFailure(context, this.deps.service, error, prefix);
    }
  }

  async showOrders(
    context: TurnContext,
    correlationId: string,
    customer: CustomerDetails,
    request: OrderListRequest = {},
    offset = 0,
  ): Promise<void> {
    const { filter, window } = request;
    await this.guard(
      context,
      this.say(context)('lookup.ordersFailed', { company: safeForMarkdown(customer.companyName, 'name') }),
      async () => {
        const recent = await this.deps.recentOrders.list(customer.id);
        const page = await this.deps.lookups.listOrders(callContextOf(context, correlationId), customer.id, {
          filter,
          ...(window ? { createdWithin: window.createdWithin } : {}),
          offset,
          pageSize: PAGE_SIZE,
          recent,
        });
        const orders = await Promise.all(
          page.orders.map(async (order) => ({
            ...order,
            openId: await this.deps.registry.register(context, 'openOrder', {
              customer,
              orderId: order.id,
            } satisfies OrderRef),
          })),
        );
        const next = page.next
          ? { kind: 'orders' as const, customer, filter, ...(window ? { window } : {}), offset: page.next.offset }
          : undefined;
        await this.lastList.set(context, next);
        const moreId = next ? await this.deps.registry.register(context, 'more', next) : undefined;
        await context.sendActivity(
          cardMessage(
            renderOrderListCard({
              customer: CARD_CUSTOMER(customer),
              ...(filter ? { filter } : {}),
              ...(window ? { window: window.view } : {}),
              orders,
              total: page.total,
              shownFrom: offset + 1,
              moreId,
              locale: this.locale(context),
              timeZone: this.timeZone(context),
            }),
          ),
        );
      },
    );
  }

  async showOrder(
    context: TurnContext,
    correlationId: string,
    ref: OrderRef,
    replaceActivityId?: string,
    source: OrderCustomerSource = 'named',
    /** The Refresh button id the card already has (a refresh on view keeps it rather than registering one per look). */
    existingRefreshId?: string,
  ): Promise<void> {
    try {
      const order = await this.deps.lookups.getOrder(
        callContextOf(context, correlationId),
        ref.customer.id,
        ref.orderId,
      );
      const refreshId = existingRefreshId ?? (await this.deps.registry.register(context, 'refreshOrder', ref));
      const cancel = await cancelOfferFor(context, this.deps, correlationId, ref, order);
      const card = renderOrderCard({
        customer: CARD_CUSTOMER(ref.customer),
        order,
        readAt: new Date().toISOString(),
        refreshId,
        locale: this.locale(context),
        timeZone: this.timeZone(context),
        ...(cancel ? { cancel } : {}),
        // Opening the card later shows the order as it stands then (Teams refreshes it for the person who asked).
        ...(context.activity.from?.id ? { refreshOnViewFor: [context.activity.from.id] } : {}),
      });
      if (replaceActivityId) await replaceCard(context, replaceActivityId, card);
      else await context.sendActivity(cardMessage(card));
    } catch (error) {
      if (isNotFound(error) && !replaceActivityId) {
        await context.sendActivity(await this.orderNotFound(ref, source, this.say(context)));
        return;
      }
      await tellFailure(
        context,
        this.deps.service,
        error,
        this.say(context)('lookup.orderFailed', { id: safeForMarkdown(ref.orderId, 'id') }),
      );
    }
  }

  /**
   * Says where the bot looked for an order it couldn't find, why there, and how to look elsewhere: `order <id>` with a
   * customer named. When the checkout ledger says the bot placed the order for another customer, it names that one.
   */
  private async orderNotFound(ref: OrderRef, source: OrderCustomerSource, say: Text): Promise<string> {
    const id = safeForMarkdown(ref.orderId, 'id');
    const company = safeForMarkdown(ref.customer.companyName, 'name');
    const placed = await this.deps.checkoutLedger.recordOfOrder(ref.orderId);
    if (placed && placed.customer.id.toLowerCase() !== ref.customer.id.toLowerCase()) {
      return say('lookup.orderPlacedFor', {
        id,
        company,
        placedFor: safeForMarkdown(placed.customer.companyName, 'name'),
      });
    }
    return say(source === 'last-customer' ? 'lookup.orderNotHereLastCustomer' : 'lookup.orderNotHere', { id, company });
  }

  async showBalance(context: TurnContext, correlationId: string): Promise<void> {
    await this.guard(context, this.say(context)('lookup.balanceFailed'), async () => {
      const report = await this.deps.lookups.getBalances(callContextOf(context, correlationId));
      await context.sendActivity(
        cardMessage(renderBalanceCard({ report, locale: this.locale(context), timeZone: this.timeZone(context) })),
      );
    });
  }

  /** One page of the invoice list; `lead` is a sentence sent with it (already safe markdown). */
  async showInvoices(context: TurnContext, correlationId: string, offset = 0, lead?: string): Promise<void> {
    await this.guard(context, this.say(context)('lookup.invoicesFailed'), async () => {
      const page = await this.deps.lookups.listInvoices(callContextOf(context, correlationId), {
        offset,
        pageSize: PAGE_SIZE,
      });
      const invoices = await Promise.all(
        page.invoices.map(async (invoice) => ({
          ...invoice,
          openId: await this.deps.registry.register(context, 'openInvoice', invoice.id),
        })),
      );
      const next = page.next ? { kind: 'invoices' as const, offset: page.next.offset } : undefined;
      await this.lastList.set(context, next);
      const moreId = next ? await this.deps.registry.register(context, 'more', next) : undefined;
      await context.sendActivity(
        cardMessage(renderInvoiceListCard({ invoices, moreId, locale: this.locale(context) }), lead),
      );
    });
  }

  /**
   * One invoice with ten groups of its one-time charges from `chargesFrom`; `more` then continues with the next ten.
   * Something typed that can't be an invoice id is said so, with the invoice list to pick from.
   */
  async showInvoice(context: TurnContext, correlationId: string, invoiceId: string, chargesFrom = 0): Promise<void> {
    if (!looksLikeInvoiceId(invoiceId)) {
      const typed = safeForMarkdown(invoiceId, 'typed');
      await this.showInvoices(context, correlationId, 0, this.say(context)('lookup.notAnInvoiceId', { typed }));
      return;
    }
    await this.guard(
      context,
      this.say(context)('lookup.invoiceFailed', { id: safeForMarkdown(invoiceId, 'id') }),
      async () => {
        const details = await this.deps.lookups.getInvoice(callContextOf(context, correlationId), invoiceId);
        const total = details.oneTime?.groups.length ?? 0;
        const from = Math.min(chargesFrom, Math.max(0, total - 1));
        const nextOffset = from + INVOICE_GROUPS_PER_CARD;
        const position: ListPosition = {
          kind: 'invoiceCharges',
          invoiceId: details.invoice.id,
          offset: Math.min(nextOffset, total),
          total,
        };
        await this.lastList.set(context, position);
        const statementId = await this.deps.registry.register(context, 'statement', details.invoice.id);
        const moreChargesId =
          nextOffset < total ? await this.deps.registry.register(context, 'more', position) : undefined;
        await context.sendActivity(
          cardMessage(
            renderInvoiceCard({ details, statementId, chargesFrom: from, moreChargesId, locale: this.locale(context) }),
          ),
        );
      },
    );
  }

  async sendStatement(context: TurnContext, correlationId: string, invoiceId: string): Promise<void> {
    const prefix = this.say(context)('lookup.statementFailed', { id: safeForMarkdown(invoiceId, 'id') });
    await this.guard(context, prefix, () => this.deps.statements.deliver(context, correlationId, invoiceId));
  }

  async showEntitlements(context: TurnContext, correlationId: string, customer: CustomerDetails): Promise<void> {
    await this.guard(
      context,
      this.say(context)('lookup.entitlementsFailed', { company: safeForMarkdown(customer.companyName, 'name') }),
      async () => {
        const entitlements = await this.deps.lookups.listEntitlements(
          callContextOf(context, correlationId),
          customer.id,
        );
        await context.sendActivity(
          cardMessage(
            renderEntitlementsCard({ customer: CARD_CUSTOMER(customer), entitlements, locale: this.locale(context) }),
          ),
        );
      },
    );
  }

  async register(
    context: TurnContext,
    correlationId: string,
    customer: CustomerDetails,
    subscriptionId: string,
  ): Promise<void> {
    await this.guard(
      context,
      this.say(context)('lookup.registerFailed', { id: safeForMarkdown(subscriptionId, 'id') }),
      async () => {
        const registration = await this.deps.lookups.registerSubscription(
          callContextOf(context, correlationId),
          customer.id,
          subscriptionId,
        );
        const card = renderRegistrationCard({
          customer: CARD_CUSTOMER(customer),
          registration,
          checkedAt: new Date().toISOString(),
          locale: this.locale(context),
          timeZone: this.timeZone(context),
        });
        const sent = await context.sendActivity(cardMessage(card));
        if (registration.status !== 'registered' && sent?.id) {
          await this.deps.registrations.follow(context, { activityId: sent.id, customer, registration });
        }
      },
    );
  }

  /** Continues the last paged list; says so when there is nothing more. */
  async more(context: TurnContext, correlationId: string, position?: ListPosition): Promise<void> {
    const where = position ?? (await this.lastList.get(context));
    if (!where) {
      await context.sendActivity(this.say(context)('lookup.nothingMore'));
      return;
    }
    switch (where.kind) {
      case 'orders':
        await this.showOrders(
          context,
          correlationId,
          where.customer,
          { filter: where.filter, ...(where.window ? { window: where.window } : {}) },
          where.offset,
        );
        break;
      case 'invoices':
        await this.showInvoices(context, correlationId, where.offset);
        break;
      case 'invoiceCharges':
        if (where.offset >= where.total) {
          await context.sendActivity(
            this.say(context)('lookup.allCharges', { id: safeForMarkdown(where.invoiceId, 'id') }),
          );
          break;
        }
        await this.showInvoice(context, correlationId, where.invoiceId, where.offset);
        break;
    }
  }
}
