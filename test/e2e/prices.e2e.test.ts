import { CsvRecordParser } from '../../services/partnerCenter/priceSheet/CsvRecordParser';
import { CATALOG_SEED } from '../../simulator/data/catalogSeed';
import { clickToConfirmation, E2eStack, startE2eStack } from '../support/e2eStack';
import { readAll, TeamsUser } from '../support/teamsUser';

/** The simulator's US software sheet as Alex Wilber may read it, rows keyed by the header's names. */
async function usSoftwareSheet(simulatorUrl: string): Promise<Record<string, string>[]> {
  const response = await fetch(`${simulatorUrl}/v1.0/sales/pricesheets(Market='US',PricesheetView='software')/$value`, {
    headers: { authorization: 'Bearer user:Alex Wilber', 'accept-encoding': 'identity' },
  });
  expect(response.status).toBe(200);
  const records: string[][] = [];
  const parser = new CsvRecordParser((fields) => records.push(fields));
  parser.push((await response.text()).replace(/^\uFEFF/, ''));
  parser.end();
  const [header, ...rows] = records;
  return rows.map((fields) => Object.fromEntries(header.map((name, i) => [name, fields[i] ?? ''])));
}

/** A fact of the confirmation card: the line after its title ("Total" → "3 × $12.00 = $36.00"). */
function fact(text: string, title: string): string | undefined {
  const lines = text.split('\n').map((line) => line.trim());
  const at = lines.indexOf(title);
  return at >= 0 ? lines[at + 1] : undefined;
}

describe('the confirmation card shows the price from the price sheet, over HTTP', () => {
  let stack: E2eStack;
  beforeEach(async () => {
    // A stack each: the bot keeps a sheet it has read, and the second test needs one it can't read.
    stack = await startE2eStack({ orderListDelaySeconds: 0, orderCompletionSeconds: 30 });
  });
  afterEach(() => stack.close());

  it('unit price, quantity × price = total and the sheet date match the simulator’s price sheet', async () => {
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:prices-shown');
    await user.say('buy for Contoso Ltd');
    const quantity = await clickToConfirmation(user);
    const card = await user.waitFor(/Confirm your order/);
    const productTitle = fact(card, 'Product');
    const skuTitle = fact(card, 'SKU');
    const product = CATALOG_SEED.find((p) => p.title === productTitle);
    const sku = product?.skus.find((s) => s.title === skuTitle);
    expect(sku).toBeDefined();
    const row = (await usSoftwareSheet(stack.simulator.url)).find(
      (r) =>
        r.ProductId === product?.id &&
        Number(r.SkuId) === Number(sku?.id) &&
        r.Currency === 'USD' &&
        r.Segment === 'Commercial' &&
        r.TermDuration === 'P1Y',
    );
    expect(row).toBeDefined();
    const unit = Number(row?.UnitPrice);
    const money = (amount: number) =>
      new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(amount);
    expect(fact(card, 'Unit price')).toBe(`${money(unit)} per unit for the term`);
    expect(fact(card, 'Total')).toBe(
      `${quantity} × ${money(unit)} = ${money(Math.round(unit * quantity * 100) / 100)}`,
    );
    expect(card).toContain(`Price sheet of ${new Date().toISOString().slice(0, 10)}, estimate`);

    // Changing the quantity prices the new quantity on the same card.
    await user.click('Change quantity');
    const changed = readAll(await user.say(String(quantity + 1)));
    expect(changed).toContain(
      `${quantity + 1} × ${money(unit)} = ${money(Math.round(unit * (quantity + 1) * 100) / 100)}`,
    );
  });

  it('someone Partner Center won’t show prices to sees "price not available" and can still place the order', async () => {
    await fetch(`${stack.simulator.url}/_simulator/access`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ withoutPricingAccess: ['Alex Wilber'] }),
    });
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:prices-refused');
    await user.say('buy for Contoso Ltd');
    await clickToConfirmation(user);
    const card = await user.waitFor(/Confirm your order/);
    expect(card).toMatch(/Price not available/);
    expect(fact(card, 'Unit price')).toBeUndefined();
    await user.click('Place order');
    await user.waitFor(/Order placed/);
    await stack.bot.checkouts.drain();
  });
});
