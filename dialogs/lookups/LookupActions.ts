import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { renderBalanceCard } from '../../cards/renderBalanceCard';
import { renderEntitlementsCard } from '../../cards/renderEntitlementsCard';
import { renderInvoiceCard } from '../../cards/renderInvoiceCard';
import { renderInvoiceListCard } from '../../cards/renderInvoiceListCard';
import { renderOrderCard } from '../../cards/renderOrderCard';
import { renderOrderListCard } from '../../cards/renderOrderListCard';
import { renderRegistrationCard } from '../../cards/renderRegistrationCard';
import { safeForMarkdown } from '../../cards/untrustedText';
import type { OrderListFilter } from '../../services/lookups/types';
import type { CustomerDetails } from '../../services/purchase/types';
import { callContextOf } from '../callContext';
import { cardMessage } from '../cardMessage';
import { replaceCard } from '../CartCheckoutDialog';
import type { DialogDependencies } from '../dialogDependencies';
import { tellFailure } from '../tellFailure';

/** Where "more" continues: the last paged list this conversation showed. */
export type ListPosition =
  | { kind: 'orders'; customer: CustomerDetails; filter?: OrderListFilter; offset: number }
  | { kind: 'invoices'; offset: number };

/** What an "Open" or "Refresh" order button stands for. */
export interface OrderRef {
  customer: CustomerDetails;
  orderId: string;
}

const PAGE_SIZE = 10;
const FILTER_WORDS: Record<OrderListFilter, string> = { one_time: 'one-time', monthly: 'monthly', annual: 'annual' };
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
    filter?: OrderListFilter,
    offset = 0,
  ): Promise<void> {
    await this.guard(
      context,
      `I could not read ${safeForMarkdown(customer.companyName, 'name')}'s orders: `,
      async () => {
        const recent = await this.deps.recentOrders.list(customer.id);
        const page = await this.deps.lookups.listOrders(callContextOf(context, correlationId), customer.id, {
          filter,
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
        const next = page.next ? { kind: 'orders' as const, customer, filter, offset: page.next.offset } : undefined;
        await this.lastList.set(context, next);
        const moreId = next ? await this.deps.registry.register(context, 'more', next) : undefined;
        await context.sendActivity(
          cardMessage(
            renderOrderListCard({
              customer: CARD_CUSTOMER(customer),
              filterLabel: filter ? FILTER_WORDS[filter] : undefined,
              orders,
              total: page.total,
              shownFrom: offset + 1,
              moreId,
              locale: this.locale(context),
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
  ): Promise<void> {
    await this.guard(context, `I could not read order ${safeForMarkdown(ref.orderId, 'id')}: `, async () => {
      const order = await this.deps.lookups.getOrder(
        callContextOf(context, correlationId),
        ref.customer.id,
        ref.orderId,
      );
      const refreshId = await this.deps.registry.register(context, 'refreshOrder', ref);
      const card = renderOrderCard({
        customer: CARD_CUSTOMER(ref.customer),
        order,
        readAt: new Date().toISOString(),
        refreshId,
        locale: this.locale(context),
        timeZone: this.timeZone(context),
      });
      if (replaceActivityId) await replaceCard(context, replaceActivityId, card);
      else await context.sendActivity(cardMessage(card));
    });
  }

  async showBalance(context: TurnContext, correlationId: string): Promise<void> {
    await this.guard(context, 'I could not read your balance: ', async () => {
      const report = await this.deps.lookups.getBalances(callContextOf(context, correlationId));
      await context.sendActivity(
        cardMessage(renderBalanceCard({ report, locale: this.locale(context), timeZone: this.timeZone(context) })),
      );
    });
  }

  async showInvoices(context: TurnContext, correlationId: string, offset = 0): Promise<void> {
    await this.guard(context, 'I could not read your invoices: ', async () => {
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
        cardMessage(renderInvoiceListCard({ invoices, moreId, locale: this.locale(context) })),
      );
    });
  }

  async showInvoice(context: TurnContext, correlationId: string, invoiceId: string): Promise<void> {
    await this.guard(context, `I could not read invoice ${safeForMarkdown(invoiceId, 'id')}: `, async () => {
      const details = await this.deps.lookups.getInvoice(callContextOf(context, correlationId), invoiceId);
      const statementId = await this.deps.registry.register(context, 'statement', details.invoice.id);
      await context.sendActivity(
        cardMessage(renderInvoiceCard({ details, statementId, locale: this.locale(context) })),
      );
    });
  }

  async sendStatement(context: TurnContext, correlationId: string, invoiceId: string): Promise<void> {
    await this.guard(context, `I could not get the statement of invoice ${safeForMarkdown(invoiceId, 'id')}: `, () =>
      this.deps.statements.deliver(context, correlationId, invoiceId),
    );
  }

  async showEntitlements(context: TurnContext, correlationId: string, customer: CustomerDetails): Promise<void> {
    await this.guard(
      context,
      `I could not read ${safeForMarkdown(customer.companyName, 'name')}'s entitlements: `,
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
      `I could not register subscription ${safeForMarkdown(subscriptionId, 'id')}: `,
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
      await context.sendActivity('There is nothing more to show. Try **orders** or **invoices**.');
      return;
    }
    if (where.kind === 'orders')
      await this.showOrders(context, correlationId, where.customer, where.filter, where.offset);
    else await this.showInvoices(context, correlationId, where.offset);
  }
}
