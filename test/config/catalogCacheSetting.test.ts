import { loadConfig } from '../../bot/config';

describe('CATALOG_CACHE_MINUTES', () => {
  it('defaults to an hour', () => {
    expect(loadConfig({}).purchase).toEqual({ cacheLifetimeMs: 60 * 60_000 });
  });

  it('accepts 0 (reuse nothing) up to a day', () => {
    expect(loadConfig({ CATALOG_CACHE_MINUTES: '0' }).purchase.cacheLifetimeMs).toBe(0);
    expect(loadConfig({ CATALOG_CACHE_MINUTES: '1440' }).purchase.cacheLifetimeMs).toBe(1440 * 60_000);
  });

  it('refuses a value out of range or not a whole number, naming the setting', () => {
    expect(() => loadConfig({ CATALOG_CACHE_MINUTES: '-1' })).toThrow(/CATALOG_CACHE_MINUTES/);
    expect(() => loadConfig({ CATALOG_CACHE_MINUTES: '1441' })).toThrow(/CATALOG_CACHE_MINUTES/);
    expect(() => loadConfig({ CATALOG_CACHE_MINUTES: 'an hour' })).toThrow(/CATALOG_CACHE_MINUTES/);
  });
});
