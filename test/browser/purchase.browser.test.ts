import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
const SCREENSHOT_DIR = path.join(ROOT, 'test-results');
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

describe('a purchase in Microsoft 365 Agents Playground, driven in headless Chromium', () => {
  jest.setTimeout(120_000);
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
    dataDir = mkdtempSync(path.join(tmpdir(), 'bot-browser-'));
    bot = await startBotApp(
      // The second test retitles a product between two purchases; with the catalog cached (CATALOG_CACHE_MINUTES) the
      // new title would only show once the cache's lifetime had passed.
      loadConfig({
        PORT: '0',
        PARTNER_CENTER_BASE_URL: simulator.url,
        // The simulator also plays the partner API host, so the confirmation card shows its price sheet's prices.
        PARTNER_API_BASE_URL: simulator.url,
        DATA_DIR: dataDir,
        CATALOG_CACHE_MINUTES: '0',
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

  /** Clicks the newest button with this name (older cards in the chat may have the same buttons). */
  async function click(name: string | RegExp): Promise<void> {
    const button = page.getByRole('button', { name, exact: typeof name === 'string' }).last();
    await button.waitFor({ state: 'visible', timeout: 20_000 });
    await button.click();
  }

  async function type(text: string): Promise<void> {
    const box = page.getByRole('textbox').last();
    await box.fill(text);
    await box.press('Enter');
  }

  it('types buy, completes a purchase by clicking the cards, and sees the order id', async () => {
    await page.goto(playgroundUrl);
    await page.getByRole('button', { name: 'Buy something' }).first().waitFor({ timeout: 30_000 });

    await type('buy for Contoso Ltd');
    await click('Software subscriptions');
    await click('Visual Studio Professional Subscription');
    await click('1 year');
    await page.getByText('How many? (1–1000)').last().waitFor({ timeout: 20_000 });
    await type('5');
    await page.getByText('Confirm your order').last().waitFor({ timeout: 20_000 });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'confirmation-in-agents-playground.png') });
    await click('Place order');

    const placed = page.getByText('Order placed').last();
    await placed.waitFor({ timeout: 30_000 });
    const orderId = await page
      .getByText(/^[A-Za-z0-9_-]{33}$/)
      .last()
      .innerText();
    expect(orderId).toMatch(/^[A-Za-z0-9_-]{33}$/);

    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'purchase-in-agents-playground.png') });

    const contoso = await fetch(
      `${simulator.url}/v1/customers?size=5&filter=${encodeURIComponent(
        JSON.stringify({ Field: 'CompanyName', Value: 'Contoso Ltd', Operator: 'starts_with' }),
      )}`,
      { headers: { authorization: 'Bearer browser-test' } },
    );
    const customerId = ((await contoso.json()) as { items: { id: string }[] }).items[0].id;
    const order = await fetch(`${simulator.url}/v1/customers/${customerId}/orders/${orderId}`, {
      headers: { authorization: 'Bearer browser-test' },
    });
    expect(order.status).toBe(200);
    expect(((await order.json()) as { lineItems: { quantity: number }[] }).lineItems[0].quantity).toBe(5);
    expect(await page.getByRole('button', { name: 'Place order' }).count()).toBe(0);
  });

  it('buys through a one-line request: the confirmation card comes with no question, and the order is placed', async () => {
    if (!page.url().startsWith(playgroundUrl)) {
      await page.goto(playgroundUrl);
      await page.getByRole('button', { name: 'Buy something' }).first().waitFor({ timeout: 30_000 });
    }
    const confirmationsBefore = await page.getByText('Confirm your order').count();
    const placedBefore = await page.getByText('Order placed').count();
    const questions = page.getByText(/What would you like to buy|Which Windows Server|How many\?/);
    const questionsBefore = await questions.count();
    await type('buy 10 Windows Server 2022 Standard 1 year for Fabrikam');
    await page.getByText('Confirm your order').nth(confirmationsBefore).waitFor({ timeout: 20_000 });
    // Nothing was asked on the way: no pick card and no quantity question after the request.
    expect(await questions.count()).toBe(questionsBefore);
    await page
      .getByText('Windows Server 2022 Standard - 2 Core License Pack - 1 year')
      .last()
      .waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(ROOT, 'docs', 'one-line-confirmation.png') });
    await click('Place order');
    await page.getByText('Order placed').nth(placedBefore).waitFor({ timeout: 30_000 });
  });

  it('shows a customer and a product named with markdown as the text they are, with no link to the planted address', async () => {
    const hostileCustomer = 'Contoso Ltd [Verify your payment here](https://evil.example/phish)';
    const hostileProduct = 'Visual Studio **Pro** ![pixel](https://evil.example/pixel.png) www.evil.example';
    const hostileSku = 'Standard_D2s_v5 <a href="https://evil.example/sku">1 year</a> billing@evil.example';
    const headers = { authorization: 'Bearer browser-test', 'content-type': 'application/json' };
    const control = async (path: string, body: object) => {
      const response = await fetch(`${simulator.url}/_simulator/${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(204);
    };
    const listed = await fetch(`${simulator.url}/v1/products?country=US&targetView=SoftwareSubscriptions`, { headers });
    const product = ((await listed.json()) as { items: { id: string; title: string }[] }).items.find(
      (item) => item.title === 'Visual Studio Professional Subscription',
    );
    expect(product).toBeDefined();
    const customers = await fetch(`${simulator.url}/v1/customers?size=1`, { headers });
    const [contoso] = ((await customers.json()) as { items: { id: string }[] }).items;
    await control('customers/rename', { customerId: contoso.id, companyName: hostileCustomer });
    await control('catalog/titles', { productId: product?.id ?? '', title: hostileProduct });
    // The 3-year SKU: the first test bought the 1-year one, and buying that again would be asked about first.
    await control('catalog/titles', { productId: product?.id ?? '', skuId: '0002', title: hostileSku });

    if (!page.url().startsWith(playgroundUrl)) {
      await page.goto(playgroundUrl);
      await page.getByRole('button', { name: 'Buy something' }).first().waitFor({ timeout: 30_000 });
    }
    const placedBefore = await page.getByText('Order placed').count();
    await type('buy for Contoso Ltd');
    await click('Software subscriptions');
    await click(hostileProduct);
    await click(hostileSku);
    await page.getByText('How many? (1–1000)').last().waitFor({ timeout: 20_000 });
    await type('2');
    await page.getByText('Confirm your order').last().waitFor({ timeout: 20_000 });
    await click('Place order');
    await page.getByText('Order placed').nth(placedBefore).waitFor({ timeout: 30_000 });
    await type('orders');
    await page
      .getByText(/^Orders for Contoso Ltd/)
      .last()
      .waitFor({ timeout: 20_000 });
    await type('audit');
    await page
      .getByText(/purchase attempts/)
      .last()
      .waitFor({ timeout: 20_000 });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({
      path: path.join(SCREENSHOT_DIR, 'hostile-names-in-agents-playground.png'),
      fullPage: true,
    });

    // Nothing in the page points at evil.example or was formatted by the names' own markdown.
    const planted = {
      links: await page.locator('a[href*="evil.example"]').count(),
      images: await page.locator('img[src*="evil.example"]').count(),
      emphasis: (await page.locator('strong, b, em, i').allInnerTexts()).filter((text) => text.trim() === 'Pro'),
      headings: (await page.locator('h1, h2, h3, h4, code, del').allInnerTexts()).filter((text) =>
        /evil|Pro/.test(text),
      ),
    };
    expect(planted).toEqual({ links: 0, images: 0, emphasis: [], headings: [] });
    // What the person sees: the names as written (the word joiners that stop auto-links are invisible).
    const seen = (await page.locator('body').innerText()).replace(/\u2060/g, '');
    expect(seen).toContain(`Customer: ${hostileCustomer}`);
    expect(seen).toContain(hostileSku);
    expect(seen).toContain('Standard_D2s_v5');
  });
});
