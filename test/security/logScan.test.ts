import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../bot/config';
import { createConsoleLogger } from '../../bot/logger';
import { RunningBotApp, startBotApp } from '../../bot/startBotApp';
import { RunningSimulator, startSimulator } from '../../simulator/server';
import { readAll, TeamsUser } from '../support/teamsUser';
import { TestChannel } from '../support/testChannel';

const SECRET = 'download-link-secret-that-must-never-be-logged-0123456789';

describe('logs after a full purchase and a statement', () => {
  it('contain no bearer token, no Partner Center token and no secret', async () => {
    const simulator: RunningSimulator = await startSimulator({ port: 0, orderListDelaySeconds: 0 });
    const channel = new TestChannel();
    await channel.start();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'bot-logscan-'));
    const lines: string[] = [];
    const realWrite = process.stdout.write.bind(process.stdout);
    const realErr = process.stderr.write.bind(process.stderr);
    const capture = (chunk: string | Uint8Array): boolean => {
      lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    };
    let bot: RunningBotApp | undefined;
    try {
      process.stdout.write = capture as typeof process.stdout.write;
      process.stderr.write = capture as typeof process.stderr.write;
      const config = loadConfig({
        PORT: '0',
        PARTNER_CENTER_BASE_URL: simulator.url,
        DATA_DIR: dataDir,
        DOWNLOAD_LINK_SECRET: SECRET,
      });
      bot = await startBotApp(config, createConsoleLogger('bot', [SECRET]), 'logscan');
      const user = new TeamsUser(bot.server.url, channel, 'a:logscan');
      await user.say('buy for Contoso Ltd');
      await user.click('Software subscriptions');
      await user.click('Visual Studio Professional Subscription');
      await user.click('1 year');
      await user.say('2');
      await user.click('Place order');
      await user.waitFor(/Order placed/);
      const invoices = await fetch(`${simulator.url}/v1/invoices?size=1`, { headers: { authorization: 'Bearer x' } });
      const [invoice] = ((await invoices.json()) as { items: { id: string }[] }).items;
      const statement = readAll(await user.say(`statement ${invoice.id}`));
      const token = /downloads\/statements\/([A-Za-z0-9_.-]+)/.exec(statement);
      expect(token).not.toBeNull();
      await user.say('balance');
      await bot.checkouts.drain();
      expect(lines.join('').length).toBeGreaterThan(0);
      const log = lines.join('');
      expect(log).toContain('partner center call');
      expect(log).not.toMatch(/bearer\s+[A-Za-z0-9]/i);
      expect(log).not.toMatch(/user:Alex/i);
      expect(log).not.toMatch(/authorization/i);
      expect(log).not.toContain(SECRET);
      expect(log).not.toContain(token?.[1]);
    } finally {
      process.stdout.write = realWrite;
      process.stderr.write = realErr;
      await bot?.close();
      await simulator.close();
      await channel.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
