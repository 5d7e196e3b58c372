import { loadConfig } from '../../bot/config';

describe('retention and health settings', () => {
  it('default to 400 days of ledger, an hourly purge and a 3 s storage probe', () => {
    const config = loadConfig({});
    expect(config.retention).toEqual({ ledgerRetentionDays: 400, intervalMinutes: 60 });
    expect(config.health).toEqual({ storageTimeoutMs: 3000 });
  });

  it('accept LEDGER_RETENTION_DAYS=0 (keep the ledger for ever) and other values in range', () => {
    const config = loadConfig({
      LEDGER_RETENTION_DAYS: '0',
      RETENTION_INTERVAL_MINUTES: '5',
      HEALTH_STORAGE_TIMEOUT_MS: '500',
    });
    expect(config.retention).toEqual({ ledgerRetentionDays: 0, intervalMinutes: 5 });
    expect(config.health).toEqual({ storageTimeoutMs: 500 });
  });

  it('refuse values out of range, naming each setting', () => {
    expect(() => loadConfig({ LEDGER_RETENTION_DAYS: '-1', RETENTION_INTERVAL_MINUTES: '0' })).toThrow(
      /LEDGER_RETENTION_DAYS.*RETENTION_INTERVAL_MINUTES/,
    );
  });
});
