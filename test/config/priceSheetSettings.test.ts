import { loadConfig } from '../../bot/config';

const LIVE = {
  MODE: 'live',
  MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
  MicrosoftAppPassword: 'secret',
  MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002',
  PARTNER_CENTER_TENANT_ID: '00000000-0000-0000-0000-000000000002',
  PARTNER_CENTER_CLIENT_ID: '00000000-0000-0000-0000-000000000003',
  PARTNER_CENTER_CLIENT_SECRET: 'secret',
  PUBLIC_BASE_URL: 'https://bot.example.com',
  DOWNLOAD_LINK_SECRET: 'x'.repeat(40),
  PURCHASER_IDS: '00000000-0000-0000-0000-000000000004',
  ALLOWED_TENANT_IDS: '00000000-0000-0000-0000-000000000002',
};

describe('price sheet settings', () => {
  it('point at the simulator locally, with a 12-hour refresh, a 4-second wait and a 2-minute download limit', () => {
    expect(loadConfig({}).priceSheet).toEqual({
      baseUrl: 'http://127.0.0.1:4010',
      refreshMs: 720 * 60_000,
      waitMs: 4000,
      timeoutMs: 120_000,
      maxSheets: 8,
    });
    expect(loadConfig({ PC_SIMULATOR_PORT: '4999' }).priceSheet.baseUrl).toBe('http://127.0.0.1:4999');
  });

  it('default by cloud to the partner API host, which is not the Partner Center REST API', () => {
    const publicCloud = loadConfig(LIVE);
    expect(publicCloud.priceSheet.baseUrl).toBe('https://api.partner.microsoft.com');
    expect(publicCloud.partnerCenter.baseUrl).toBe('https://api.partnercenter.microsoft.com');
    expect(loadConfig({ ...LIVE, CLOUD: 'usgov' }).priceSheet.baseUrl).toBe('https://api.partner.microsoft.com');
  });

  it('take PARTNER_API_BASE_URL and the PRICE_SHEET_* values, refusing what is unsafe or out of range', () => {
    const config = loadConfig({
      PARTNER_API_BASE_URL: 'http://127.0.0.1:5000/',
      PRICE_SHEET_REFRESH_MINUTES: '60',
      PRICE_SHEET_WAIT_SECONDS: '0',
      PRICE_SHEET_TIMEOUT_SECONDS: '30',
      PRICE_SHEET_MAX_SHEETS: '2',
    });
    expect(config.priceSheet).toEqual({
      baseUrl: 'http://127.0.0.1:5000',
      refreshMs: 3_600_000,
      waitMs: 0,
      timeoutMs: 30_000,
      maxSheets: 2,
    });
    expect(() => loadConfig({ PARTNER_API_BASE_URL: 'https://api.partner.microsoft.com' })).toThrow(/loopback/);
    expect(() => loadConfig({ ...LIVE, PARTNER_API_BASE_URL: 'http://api.partner.microsoft.com' })).toThrow(
      /PARTNER_API_BASE_URL must use https/,
    );
    expect(() => loadConfig({ PRICE_SHEET_REFRESH_MINUTES: '0' })).toThrow(/PRICE_SHEET_REFRESH_MINUTES/);
    expect(() => loadConfig({ PRICE_SHEET_MAX_SHEETS: '1000' })).toThrow(/PRICE_SHEET_MAX_SHEETS/);
  });
});
