import { loadConfig } from '../../bot/config';

describe('PARTNER_CENTER_CHAT_RETRY_DEADLINE_MS', () => {
  it('gives chat turns ten seconds of retries by default, against two minutes for background work', () => {
    const { partnerCenter } = loadConfig({});
    expect(partnerCenter.chatRetryDeadlineMs).toBe(10_000);
    expect(partnerCenter.retryDeadlineMs).toBe(120_000);
  });

  it('accepts 0 (never wait in chat) up to two minutes', () => {
    expect(loadConfig({ PARTNER_CENTER_CHAT_RETRY_DEADLINE_MS: '0' }).partnerCenter.chatRetryDeadlineMs).toBe(0);
    expect(loadConfig({ PARTNER_CENTER_CHAT_RETRY_DEADLINE_MS: '120000' }).partnerCenter.chatRetryDeadlineMs).toBe(
      120_000,
    );
  });

  it('refuses a value out of range or not a whole number, naming the setting', () => {
    expect(() => loadConfig({ PARTNER_CENTER_CHAT_RETRY_DEADLINE_MS: '-1' })).toThrow(/CHAT_RETRY_DEADLINE_MS/);
    expect(() => loadConfig({ PARTNER_CENTER_CHAT_RETRY_DEADLINE_MS: '120001' })).toThrow(/CHAT_RETRY_DEADLINE_MS/);
    expect(() => loadConfig({ PARTNER_CENTER_CHAT_RETRY_DEADLINE_MS: '10s' })).toThrow(/CHAT_RETRY_DEADLINE_MS/);
  });
});
