import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { loadConfig } from '../../bot/config';
import type { Logger } from '../../bot/logger';
import { RunningBotApp, startBotApp } from '../../bot/startBotApp';
import { RunningSimulator, startSimulator } from '../../simulator/server';
import { freeTcpPort } from '../support/processStack';

const ROOT = path.resolve(__dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

/** Swedish words the page must show once the person has chosen Swedish (each from the sv-SE catalogs). */
const SWEDISH = {
  chosen: 'Okej, jag svarar dig på svenska från och med nu.',
  balanceHeading: 'Ditt saldo',
  balanceIn: /^Saldo i [A-Z]{3}/,
};

describe('the bot in Swedish in Microsoft 365 Agents Playground, driven in headless Chromium', () => {
  jest.setTimeout(150_000);
  let simulator: RunningSimulator;
  let bot: RunningBotApp;
  let playground: ChildProcess;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  let playgroundUrl: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: install it with "apt-get install chromium" (.ci/run does).`);
    }
    simulator = await startSimulator({ port: 0 });
    dataDir = mkdtempSync(path.join(tmpdir(), 'bot-browser-sv-'));
    bot = await startBotApp(
      loadConfig({
        PORT: '0',
        PARTNER_CENTER_BASE_URL: simulator.url,
        PARTNER_API_BASE_URL: simulator.url,
        DATA_DIR: dataDir,
      }),
      silent,
      'browser',
    );
    const port = await freeTcpPort();
    playgroundUrl = `http://localhost:${port}`;
    playground = spawn(
      path.join(ROOT, 'node_modules', '.bin', 'agentsplayground'),
      ['-e', `${bot.server.url}/api/messages`, '-c', 'msteams', '-p', String(port), '--dt'],
      { env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' }, stdio: 'ignore' },
    );
    await waitForHttp(playgroundUrl, 30_000);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  });

  afterAll(async () => {
    await browser?.close();
    playground?.kill('SIGTERM');
    await bot?.close();
    await simulator?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function type(text: string): Promise<void> {
    const box = page.getByRole('textbox').last();
    await box.fill(text);
    await box.press('Enter');
  }

  it('switches to Swedish with "språk svenska", shows the balance in Swedish and buys up to the confirmation', async () => {
    await page.goto(playgroundUrl);
    // Playground sends en-US, so the welcome arrives in English before the person picks a language.
    await page.getByRole('button', { name: 'Buy something' }).first().waitFor({ timeout: 30_000 });

    await type('språk svenska');
    await page.getByText(SWEDISH.chosen).last().waitFor({ timeout: 20_000 });

    await type('saldo');
    await page.getByText(SWEDISH.balanceHeading, { exact: true }).last().waitFor({ timeout: 20_000 });
    await page.getByText(SWEDISH.balanceIn).first().waitFor({ timeout: 20_000 });
    // The balance card is wholly Swedish: none of its English words is on the page.
    expect(await page.getByText('Your balance', { exact: true }).count()).toBe(0);

    // A one-line request in Swedish goes straight to the confirmation (its words are the purchase dialogs' own).
    await type('köp 10 Windows Server 2022 Standard 1 år för Fabrikam');
    await page
      .getByText('Windows Server 2022 Standard - 2 Core License Pack - 1 year')
      .last()
      .waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(ROOT, 'docs', 'swedish.png') });
  });
});
