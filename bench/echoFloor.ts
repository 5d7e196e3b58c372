import { performance } from 'node:perf_hooks';
import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  type TurnContext,
} from 'botbuilder';
import * as restify from 'restify';
import { loadConfig } from '../bot/config';
import { createPartnerCenterClient } from '../services/partnerCenter/createPartnerCenterClient';
import type { PartnerCenterCallContext } from '../services/partnerCenter/PartnerCenterCallContext';
import { PartnerCenterLookupService } from '../services/lookups/PartnerCenterLookupService';
import { PartnerCenterPurchaseService } from '../services/purchase/PartnerCenterPurchaseService';

/** What the floor tells the benchmark with each reply, in the reply's `channelData`. */
export interface FloorReplyData {
  /**
   * Wall time of this turn's Partner Center work, in ms: the calls the bot makes for the command, through the same
   * client and services (HTTP, JSON, validation, the services' own mapping).
   */
  partnerCenterMs: number;
}

const HELP = 'Echo floor: help, balance, orders for <customer>.';
const ORDERS_FOR = /^orders for (.+)$/i;

/** The bot's own Partner Center services, which decide what calls a command makes. */
interface FloorServices {
  purchase: PartnerCenterPurchaseService;
  lookups: PartnerCenterLookupService;
}

/**
 * Makes, through the bot's own Partner Center client and services, the calls the bot makes for a command, and answers
 * in plain text what it found: the whole turn of a bot that adds nothing of its own (no dialogs, state, cards or
 * middleware).
 */
async function answer(services: FloorServices, context: TurnContext): Promise<void> {
  const text = (context.activity.text ?? '').trim();
  // As the bot's calls in local mode: App+User, as the person who typed.
  const from = context.activity.from;
  const ctx: PartnerCenterCallContext = {
    correlationId: context.activity.id ?? 'floor',
    locale: 'en-US',
    user: { id: from?.id ?? 'floor', name: from?.name },
  };
  const started = performance.now();
  let reply: string;
  const orders = ORDERS_FOR.exec(text);
  if (/^balance$/i.test(text)) {
    const report = await services.lookups.getBalances(ctx);
    reply = `Balances in ${report.balances.length} currencies.`;
  } else if (orders) {
    // As the bot finds one customer by name (ten shown at most), opens it and lists its first page of orders.
    const found = await services.purchase.searchCustomers(ctx, orders[1], 10);
    const match = found.matches[0];
    if (match) {
      const customer = await services.purchase.getCustomer(ctx, match.id);
      const page = await services.lookups.listOrders(ctx, customer.id, { pageSize: 10, recent: [] });
      reply = `Orders for ${customer.companyName}: ${page.total}.`;
    } else {
      reply = `No customer matches ${orders[1]}.`;
    }
  } else {
    reply = HELP;
  }
  const partnerCenterMs = performance.now() - started;
  const message: Partial<Activity> = MessageFactory.text(reply);
  message.channelData = { partnerCenterMs } satisfies FloorReplyData;
  await context.sendActivity(message);
}

/**
 * The benchmark's floor (`node dist/bench/echoFloor.js <simulator url>`): restify + CloudAdapter without
 * authentication on 127.0.0.1 and a free port, printing `echo floor listening on <url>`.
 */
async function main(): Promise<void> {
  const simulatorUrl = process.argv[2];
  if (!simulatorUrl) throw new Error('usage: echoFloor <simulator url>');
  // The bot's own client settings (timeouts, retries) from its configuration defaults, pointed at the simulator.
  const config = loadConfig({ PARTNER_CENTER_BASE_URL: simulatorUrl });
  const client = createPartnerCenterClient(config.partnerCenter);
  const services: FloorServices = {
    purchase: new PartnerCenterPurchaseService(client),
    lookups: new PartnerCenterLookupService(client),
  };
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppType: 'MultiTenant',
    }),
  );
  const server = restify.createServer({ name: 'echo-floor', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, async (context) => {
      if (context.activity.type === 'message') await answer(services, context);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  console.log(`echo floor listening on http://127.0.0.1:${address.port}`);
  const stop = (): void => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
