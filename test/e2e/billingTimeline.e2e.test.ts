import { clickToConfirmation, E2eStack, startE2eStack } from '../support/e2eStack';
import { readAll, TeamsUser } from '../support/teamsUser';

const APP_TOKEN = { authorization: 'Bearer e2e-test' };

describe('what the bot says about a purchase before and after Partner Center invoices it, over HTTP', () => {
  let stack: E2eStack;

  beforeAll(async () => {
    stack = await startE2eStack({ orderListDelaySeconds: 0, orderCompletionSeconds: 0 });
  });
  afterAll(() => stack.close());

  async function simulatorJson<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await fetch(`${stack.simulator.url}${path}`, { headers: APP_TOKEN, ...init });
    return (await response.json()) as T;
  }

  /** Simulated now, in ms since the epoch. */
  async function simulatedNow(): Promise<number> {
    const { now } = await simulatorJson<{ now: string }>('/_simulator/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 0 }),
    });
    return Date.parse(now);
  }

  /** The USD amount of the balance card, as the person reads it. */
  function usdBalanceOf(text: string): string {
    const lines = text.split('\n').map((line) => line.trim());
    // USD is the simulated partner's default currency, so the card leads with it ("Balance in USD · your default …").
    const label = lines.findIndex((line) => line.startsWith('Balance in USD'));
    expect(label).toBeGreaterThanOrEqual(0);
    // The card's text lines come with its layout words (Small, Bolder, …): the amount is the next one with digits.
    return lines.slice(label + 1).find((line) => /\d/.test(line)) ?? '';
  }

  it('a purchase is in no invoice and not in the balance until the invoice run; then it is', async () => {
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:billing-timeline');
    const balanceBefore = readAll(await user.say('balance'));
    expect(balanceBefore).toContain('The balance counts invoices only');
    const owedBefore = usdBalanceOf(balanceBefore);

    await user.say('buy for Contoso Ltd');
    await clickToConfirmation(user);
    await user.click('Place order');
    await user.waitFor(/Order placed/);
    await stack.bot.checkouts.drain();
    const [order] = (
      await simulatorJson<{ items: { alternateId: string; creationDate: string }[] }>(
        `/v1/customers/${stack.contosoId}/orders`,
      )
    ).items.sort((a, b) => Date.parse(b.creationDate) - Date.parse(a.creationDate));
    const unbilled = await simulatorJson<{ items: { orderId: string }[] }>(
      '/v1/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&currencycode=usd&period=current',
    );
    expect(unbilled.items.map((item) => item.orderId)).toContain(order.alternateId);

    // Bought and charged, not invoiced: the balance is what it was, and the invoice list says why.
    expect(usdBalanceOf(readAll(await user.say('balance')))).toBe(owedBefore);
    const invoicesBefore = readAll(await user.say('invoices'));
    expect(invoicesBefore).toContain("This month's one-time purchases are on no invoice yet");

    // Partner Center's invoice run: the 8th of the next month.
    const boughtAt = new Date(Date.parse(order.creationDate));
    const runAt = Date.UTC(boughtAt.getUTCFullYear(), boughtAt.getUTCMonth() + 1, 8, 9);
    await simulatorJson('/_simulator/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: Math.ceil((runAt - (await simulatedNow())) / 1000) }),
    });
    const issued = (
      await simulatorJson<{
        items: { id: string; currencyCode: string; invoiceType: string; billingPeriodStartDate: string }[];
      }>('/v1/invoices?size=500')
    ).items.find(
      (invoice) =>
        invoice.currencyCode === 'USD' &&
        invoice.invoiceType === 'OneTime' &&
        Date.parse(invoice.billingPeriodStartDate) === Date.UTC(boughtAt.getUTCFullYear(), boughtAt.getUTCMonth(), 1),
    );
    expect(issued).toBeDefined();
    const invoiceId = issued?.id ?? '';

    expect(usdBalanceOf(readAll(await user.say('balance')))).not.toBe(owedBefore);
    expect(readAll(await user.say('invoices'))).toContain(invoiceId);
    const invoice = readAll(await user.say(`invoice ${invoiceId}`));
    expect(invoice).toContain(invoiceId);
    expect(invoice).toContain('Contoso Ltd');
  });
});
