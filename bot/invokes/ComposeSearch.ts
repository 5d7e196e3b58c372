import { randomUUID } from 'node:crypto';
import type { MessagingExtensionAttachment, MessagingExtensionResponse, TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../../cards/compileCardTemplate';
import { renderNoticeCard } from '../../cards/renderNoticeCard';
import { renderOrderCard } from '../../cards/renderOrderCard';
import { renderSearchPreview } from '../../cards/renderSearchPreview';
import { orderStatusWords } from '../../cards/orderWords';
import { safeForMarkdown } from '../../cards/untrustedText';
import { callContextOf } from '../../dialogs/callContext';
import type { DialogDependencies } from '../../dialogs/dialogDependencies';
import type { OrderRef } from '../../dialogs/lookups/LookupActions';
import { mayUse } from '../../dialogs/security/access';
import { textFor } from '../../i18n/text';
import { ROLE_REFUSALS } from '../../dialogs/security/roleRefusals';
import { DIRECTORY_UNAVAILABLE } from '../../dialogs/security/roleOrExplain';
import { DirectoryUnavailableError } from '../../services/directory/DirectoryUnavailableError';
import type { OrderView } from '../../services/lookups/types';
import { PartnerCenterError } from '../../services/partnerCenter/PartnerCenterError';
import type { CustomerDetails } from '../../services/purchase/types';
import { composeQueryText, composeQueryValue } from './invokeValues';

/** The manifest's search command (appPackage/manifest.template.json, `composeExtensions`). */
export const SEARCH_COMMAND_ID = 'searchOrders';

/** At most this many results per search, whatever Teams asks for: each order result is a whole card. */
const MAX_RESULTS = 10;
/** Customers whose orders are listed for one search (one Partner Center order listing each). */
const CUSTOMERS_WITH_ORDERS = 2;
/** Orders listed per such customer, newest first. */
const ORDERS_PER_CUSTOMER = 4;

/** A Partner Center order id as typed: 33 id characters. */
const ORDER_ID = /^[A-Za-z0-9_-]{33}$/;

function message(text: string): MessagingExtensionResponse {
  return { composeExtension: { type: 'message', text } };
}

/**
 * The compose box's search (a message extension's `composeExtension/query`): finds customers by name or domain and the
 * orders of the best matches, or one order by its id (an order this bot placed, found in the checkout ledger), for
 * anyone with a role, in the tenants the bot serves (the tenant allowlist runs before every turn). Choosing an order
 * inserts a live order card: its Refresh button and refresh on view are registered for the person who searched, in
 * the conversation they search from, like any card the bot sends. Results are bounded; the invoke's value is parsed
 * (zod) before anything is looked up.
 */
export class ComposeSearch {
  constructor(
    private readonly deps: Pick<
      DialogDependencies,
      'roles' | 'service' | 'lookups' | 'checkoutLedger' | 'registry' | 'recentOrders'
    >,
  ) {}

  /** Answers one `composeExtension/query` invoke. */
  async query(context: TurnContext): Promise<MessagingExtensionResponse> {
    const say = textFor(context.activity.locale);
    const parsed = composeQueryValue.safeParse(context.activity.value);
    if (!parsed.success || parsed.data.commandId !== SEARCH_COMMAND_ID) return message(say('search.unreadable'));
    let role;
    try {
      role = await this.deps.roles.roleFor(context);
    } catch (error) {
      if (error instanceof DirectoryUnavailableError) return message(say(DIRECTORY_UNAVAILABLE));
      throw error;
    }
    if (!mayUse(role, 'viewer')) return message(say(ROLE_REFUSALS.unknownUser));
    const text = composeQueryText(parsed.data);
    if (!text) return message(say('search.empty'));
    const wanted = Math.min(parsed.data.queryOptions?.count ?? MAX_RESULTS, MAX_RESULTS);
    let attachments: MessagingExtensionAttachment[];
    try {
      attachments = ORDER_ID.test(text) ? await this.orderById(context, text) : await this.byCustomer(context, text);
    } catch (error) {
      // Partner Center's refusals and outages become a sentence; anything else is a bug for the turn's error handler.
      if (!(error instanceof PartnerCenterError)) throw error;
      return message(say('search.failed'));
    }
    if (attachments.length === 0) return message(say('search.none'));
    return {
      composeExtension: { type: 'result', attachmentLayout: 'list', attachments: attachments.slice(0, wanted) },
    };
  }

  private async orderById(context: TurnContext, orderId: string): Promise<MessagingExtensionAttachment[]> {
    const record = await this.deps.checkoutLedger.recordOfOrder(orderId);
    if (!record) return [];
    const ctx = callContextOf(context, randomUUID());
    const customer = await this.deps.service.getCustomer(ctx, record.customer.id);
    const order = await this.deps.lookups.getOrder(ctx, customer.id, orderId);
    return [await this.orderResult(context, customer, order)];
  }

  private async byCustomer(context: TurnContext, text: string): Promise<MessagingExtensionAttachment[]> {
    const ctx = callContextOf(context, randomUUID());
    const found = await this.deps.service.searchCustomers(ctx, text, MAX_RESULTS);
    const matches = found.exactMatch
      ? [found.exactMatch, ...found.matches.filter((c) => c.id !== found.exactMatch?.id)]
      : found.matches;
    const results: MessagingExtensionAttachment[] = [];
    for (const summary of matches.slice(0, CUSTOMERS_WITH_ORDERS)) {
      const customer = await this.deps.service.getCustomer(ctx, summary.id);
      const page = await this.deps.lookups.listOrders(ctx, customer.id, {
        offset: 0,
        pageSize: ORDERS_PER_CUSTOMER,
        recent: await this.deps.recentOrders.list(customer.id),
      });
      for (const order of page.orders) results.push(await this.orderResult(context, customer, order));
    }
    const say = textFor(context.activity.locale);
    for (const customer of matches) {
      const card = renderNoticeCard({
        title: safeForMarkdown(customer.companyName, 'name'),
        text: say('search.customerDomain', { domain: safeForMarkdown(customer.domain, 'domain') }),
      });
      results.push({
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: card,
        preview: renderSearchPreview({
          title: customer.companyName,
          subtitle: customer.domain,
          text: say('search.customer'),
        }),
      });
    }
    return results;
  }

  /** One order as a result: listed by company, id and status; inserted as the live order card. */
  private async orderResult(
    context: TurnContext,
    customer: CustomerDetails,
    order: OrderView,
  ): Promise<MessagingExtensionAttachment> {
    const say = textFor(context.activity.locale);
    const refreshId = await this.deps.registry.register(context, 'refreshOrder', {
      customer,
      orderId: order.id,
    } satisfies OrderRef);
    const card: AdaptiveCardJson = renderOrderCard({
      customer: { companyName: customer.companyName, domain: customer.domain, countryName: customer.countryName },
      order,
      readAt: new Date().toISOString(),
      refreshId,
      locale: context.activity.locale || 'en-US',
      ...(context.activity.localTimezone ? { timeZone: context.activity.localTimezone } : {}),
      ...(context.activity.from?.id ? { refreshOnViewFor: [context.activity.from.id] } : {}),
    });
    return {
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: card,
      preview: renderSearchPreview({
        // The preview is plain text: the company name is neutralised there, so it goes in as Partner Center sent it.
        title: say('search.orderFor', { company: customer.companyName }),
        subtitle: order.id,
        text: orderStatusWords(order.status, say),
      }),
    };
  }
}
