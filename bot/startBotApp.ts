import { ConversationState, UserState } from 'botbuilder';
import { createPartnerCenterClient } from '../services/partnerCenter/createPartnerCenterClient';
import { PartnerCenterPurchaseService } from '../services/purchase/PartnerCenterPurchaseService';
import { SqliteStorage } from '../services/storage/SqliteStorage';
import { buildBot } from './buildBot';
import type { AppConfig } from './config';
import type { Logger } from './logger';
import { RunningBotServer, startBotServer } from './server';

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
  const { bot } = buildBot(conversationState, userState, new PartnerCenterPurchaseService(client));
  const server = await startBotServer({ config, bot, conversationState, logger, version });
  return {
    server,
    close: async () => {
      await server.close();
      storage.close();
    },
  };
}
