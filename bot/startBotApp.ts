import { ConversationState, UserState } from 'botbuilder';
import { createPartnerCenterClient } from '../services/partnerCenter/createPartnerCenterClient';
import { PartnerCenterLookupService } from '../services/lookups/PartnerCenterLookupService';
import { PartnerCenterPurchaseService } from '../services/purchase/PartnerCenterPurchaseService';
import { RecentOrdersStore } from '../services/storage/RecentOrdersStore';
import { openStateStorage } from '../services/storage/openStateStorage';
import { replaceCard } from '../dialogs/CartCheckoutDialog';
import { checkoutOutcomeCard } from '../dialogs/checkoutOutcomeCard';
import { CheckoutLedger } from '../services/checkout/CheckoutLedger';
import { CheckoutProcessor } from '../services/checkout/CheckoutProcessor';
import { buildBot } from './buildBot';
import { CheckoutRunner } from './CheckoutRunner';
import { InboundDedupe } from './InboundDedupe';
import type { AppConfig } from './config';
import type { Logger } from './logger';
import { RegistrationWatcher } from './RegistrationWatcher';
import { createAdapter, RunningBotServer, startBotServer } from './server';
import { DownloadLinkSigner } from './statements/DownloadLinkSigner';
import { StatementService } from './statements/StatementService';

/** The whole bot process: state on SQLite, the Partner Center client and the HTTP endpoint. */
export interface RunningBotApp {
  server: RunningBotServer;
  checkouts: CheckoutRunner;
  close(): Promise<void>;
}

/** Composition root: builds every part from the typed configuration and starts listening. */
export async function startBotApp(config: AppConfig, logger: Logger, version: string): Promise<RunningBotApp> {
  // SQLite on this machine or Azure Blob Storage shared by all instances, as configured (STATE_STORE).
  const storage = await openStateStorage(config.storage);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const client = createPartnerCenterClient(config.partnerCenter, {
    log: (line) => logger.info('partner center call', { call: line }),
  });
  const lookups = new PartnerCenterLookupService(client);
  const purchase = new PartnerCenterPurchaseService(client);
  const recentOrders = new RecentOrdersStore(storage);
  const adapter = createAdapter(config, [new InboundDedupe(storage, logger)]);
  const appId = config.bot.microsoftApp.appId;
  const checkoutLedger = new CheckoutLedger(storage);
  const checkouts = new CheckoutRunner({
    ledger: checkoutLedger,
    processor: new CheckoutProcessor({ ledger: checkoutLedger, purchase, recentOrders }),
    logger,
    deliver: (record) =>
      adapter.continueConversationAsync(appId, record.target.conversationReference, async (context) => {
        await replaceCard(context, record.target.activityId, checkoutOutcomeCard(record));
      }),
  });
  // Locally, links point at wherever the bot really listens (port 0 in tests picks a free one).
  let publicBaseUrl = config.downloads.publicBaseUrl;
  const statements = new StatementService({
    lookups,
    signer: new DownloadLinkSigner(config.downloads.signingSecret),
    publicBaseUrl: () => publicBaseUrl,
    ttlSeconds: config.downloads.ttlSeconds,
    mode: config.mode,
    logger,
  });
  const registrations = new RegistrationWatcher({
    adapter,
    appId: config.bot.microsoftApp.appId,
    lookups,
    logger,
    pollSeconds: config.registrationWatch.pollSeconds,
    maxMinutes: config.registrationWatch.maxMinutes,
  });
  const { bot } = buildBot({
    conversationState,
    userState,
    purchase,
    lookups,
    recentOrders,
    statements,
    registrations,
    checkouts,
    checkoutLedger,
  });
  const server = await startBotServer({
    config,
    bot,
    conversationState,
    logger,
    version,
    adapter,
    routes: (http) => {
      http.get('/downloads/statements/:token', async (req, res) => {
        await statements.handleDownload(req, res);
      });
    },
  });
  if (config.mode === 'local' && config.bot.port === 0) publicBaseUrl = server.url;
  const resumed = await checkouts.recover();
  if (resumed > 0) logger.info('resuming checkouts left by a previous run', { count: resumed });
  return {
    server,
    checkouts,
    close: async () => {
      checkouts.close();
      registrations.close();
      await server.close();
      storage.close();
    },
  };
}
