import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readConfigOrExit } from './readConfigOrExit';
import { exitIfStateStorageUnusable } from './exitIfStateStorageUnusable';
import { createConsoleLogger, redact } from './logger';
import { startBotApp } from './startBotApp';
import { stateStorageSecrets } from '../services/storage/stateStorageSecrets';

/**
 * `npm run bot`: reads `.env` (if present) and the environment once, then serves the bot. Exits with 2 on a
 * configuration it must not start with, 3 when its state storage cannot be used.
 */
async function main(): Promise<void> {
  const config = readConfigOrExit();
  const secrets = [
    config.bot.microsoftApp.appPassword,
    config.partnerCenter.msal?.clientSecret ?? '',
    ...stateStorageSecrets(config.storage),
  ];
  const logger = createConsoleLogger('bot', secrets);
  const app = await startBotApp(config, logger, readVersion()).catch((error: unknown) =>
    exitIfStateStorageUnusable(error, (line) => redact(line, secrets)),
  );
  logger.info('bot listening', { url: `${app.server.url}/api/messages`, mode: config.mode });

  const stop = async (): Promise<void> => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/** The package version, for /healthz; main.js runs from dist/bot, two levels below package.json. */
function readVersion(): string {
  const file = path.resolve(__dirname, '..', '..', 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : '0.0.0';
}

void main();
