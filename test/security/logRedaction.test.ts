import { createConsoleLogger, redact } from '../../bot/logger';

const JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IngifQ.eyJhdWQiOiJhcHAifQ.c2lnbmF0dXJl-_';

describe('log redaction', () => {
  it('removes bearer tokens whatever the case of the scheme', () => {
    const line = redact(`call failed: Authorization: Bearer ${JWT}; retry with bearer ${JWT}`);
    expect(line).not.toContain(JWT);
    expect(line).toBe('call failed: Authorization: Bearer [redacted]; retry with bearer [redacted]');
  });

  it('removes every occurrence of a configured secret', () => {
    const secret = 'pc-client-secret-value';
    const line = redact(`secret=${secret} again ${secret}`, [secret]);
    expect(line).toBe('secret=[redacted] again [redacted]');
  });

  it('leaves text alone when a configured secret is empty or too short to be one', () => {
    expect(redact('tenant abc is fine', ['', 'abc'])).toBe('tenant abc is fine');
  });

  it('redacts what the console logger writes, in the message and in fields', () => {
    const secret = 'bot-app-password-123';
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const logger = createConsoleLogger('bot', [secret]);
      logger.info(`token Bearer ${JWT}`, { detail: `password was ${secret}`, header: `Bearer ${JWT}` });
    } finally {
      spy.mockRestore();
    }
    const output = written.join('');
    expect(output).toContain('[redacted]');
    expect(output).not.toContain(JWT);
    expect(output).not.toContain(secret);
  });
});
