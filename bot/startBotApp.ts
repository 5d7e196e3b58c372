import { ConversationState, UserState } from 'botbuilder';
import { createPartnerCenterClient } from '../services/partnerCenter/createPartnerCenterClient';
import { PartnerCenterLookupService } from '../services/lookups/PartnerCenterLookupService';
import { PartnerCenterPurchaseService } from '../services/purchase/PartnerCenterPurchaseService';
import { RecentOrdersStore } from '../services/storage/RecentOrdersStore';
import { SqliteStorage } from '../services/storage/SqliteStorage';
import { buildBot } from './buildBot';
import type { AppConfig } from './config';
import type { Logger } from './logger';
import { RegistrationWatcher } from './RegistrationWatcher';
import { createAdapter, RunningBotServer, startBotServer } from './server';
import { DownloadLinkSigner } from './statements/DownloadLinkSigner';
import { StatementService } from './statements/StatementService';

/** The whole bot process: state on SQLite, the Partner Center client and the HTTP endpoint. */
export interface RunningBotApp {
  server: RunningBotServer;
  close(): Promise<void>;
}

/** Composition root: builds every part from the typed configuration and starts listening. */
export async function startBotApp(config: AppConfig, logger: Logger, version: string): Promise<RunningBotApp> {
  const storage = new SqliteStorage({ directory: config.storage.directory });
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const client = createPartnerCenterClient(config.partnerCenter, {
    log: (line) => logger.info('partner center call', { call: line }),
  });
  const lookups = new PartnerCenterLookupService(client);
  const adapter = createAdapter(config);
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
    purchase: new PartnerCenterPurchaseService(client),
    lookups,
    recentOrders: new RecentOrdersStore(storage),
    statements,
    registrations,
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
  return {
    server,
    close: async () => {
      registrations.close();
      await server.close();
      storage.close();
    },
  };
}
