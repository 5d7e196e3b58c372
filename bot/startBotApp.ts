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
import { AuditTrail } from '../services/audit/AuditTrail';
import { RoleDirectory } from '../dialogs/security/RoleDirectory';
import { buildBot } from './buildBot';
import { CheckoutRunner } from './CheckoutRunner';
import { InboundDedupe } from './InboundDedupe';
import type { AppConfig } from './config';
import type { Logger } from './logger';
import { RegistrationWatcher } from './RegistrationWatcher';
import { createAdapter, RunningBotServer, startBotServer } from './server';
import { serviceUrlAllowed } from './security/serviceUrlAllowed';
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
  const adapter = createAdapter(config, [new InboundDedupe(storage, logger)], { logger });
  const appId = config.bot.microsoftApp.appId;
  const checkoutLedger = new CheckoutLedger(storage);
  const audit = new AuditTrail(storage);
  const checkouts = new CheckoutRunner({
    instanceId: config.instanceId,
    ledger: checkoutLedger,
    audit,
    processor: new CheckoutProcessor({ ledger: checkoutLedger, purchase, recentOrders }),
    logger,
    deliver: async (record) => {
      const reference = record.target.conversationReference;
      const serviceUrl = typeof reference.serviceUrl === 'string' ? reference.serviceUrl : undefined;
      if (!serviceUrlAllowed(serviceUrl, config.security.allowedServiceUrlHosts)) {
        // Retrying cannot make the host acceptable, so the outcome is logged and left unsent.
        logger.warn('checkout outcome not sent: serviceUrl host not allowed', { cartId: record.cartId });
        return;
      }
      await adapter.continueConversationAsync(appId, reference, async (context) => {
        await replaceCard(context, record.target.activityId, checkoutOutcomeCard(record));
      });
    },
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
    allowedServiceUrlHosts: config.security.allowedServiceUrlHosts,
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
    roles: new RoleDirectory(config.roles),
    audit,
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
  checkouts.sweepEvery(60_000);
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
