import { existsSync } from 'node:fs';
import { AppConfig, ConfigError, loadConfig } from './config';

/**
 * For program entry points only: reads `.env` (when present) and the environment once; on a configuration the bot must
 * not start with, prints why and exits with code 2.
 */
export function readConfigOrExit(): AppConfig {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}
