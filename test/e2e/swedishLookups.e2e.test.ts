import type { Activity } from 'botbuilder';
import { CATALOG_SEED } from '../../simulator/data/catalogSeed';
import { CUSTOMER_SEEDS } from '../../simulator/data/customerSeed';
import { englishWordsIn, readableStrings } from '../support/englishWords';
import { startE2eStack, type E2eStack } from '../support/e2eStack';
import { readAll, TeamsUser } from '../support/teamsUser';

/**
 * Names and ids replies show as Partner Center sent them, whatever the reader's language: customers, products,
 * countries (Partner Center's names), currencies, and the order/invoice ids the simulator hands out.
 */
const AS_SENT = [
  'Contoso Ltd',
  'Fabrikam Inc',
  'contoso.onmicrosoft.com',
  'fabrikam.onmicrosoft.com',
  'United States',
  'Partner Center',
  'Azure',
  ...CUSTOMER_SEEDS.map((customer) => customer.companyName),
  // Product and SKU names are Partner Center's, in its catalog language.
  ...CATALOG_SEED.flatMap((product) => [product.title, ...product.skus.map((sku) => sku.title)]),
];

/** What a person reads in a turn's replies: the messages' text and the cards' texts, titles and tooltips. */
function readable(replies: Partial<Activity>[]): string {
  return replies
    .flatMap((reply) => [reply.text ?? '', ...readableStrings((reply.attachments ?? []).map((a) => a.content))])
    .join('\n');
}

/** The English words a person reads once names and ids (anything with a digit, or shown as code) are taken out. */
function englishIn(replies: Partial<Activity>[]): string[] {
  const withoutIds = readable(replies)
    // Reservation products are named by Partner Center from the series ("Reserved VM Instance, Dv5 Series").
    .replace(/Reserved VM Instance[^·\n]*/g, ' ')
    // Order line names carry their term ("… - 1 year").
    .replace(/^.* - \d+ years?$/gm, ' ')
    .replace(/\S*\d\S*/g, ' ')
    .replace(/`[^`]*`/g, ' ');
  return englishWordsIn(withoutIds, AS_SENT);
}

/**
 * A Swedish conversation over HTTP through the real bot and the simulator: the lookups, the help and the errors a
 * person meets say nothing in English (product and company names, ids and Partner Center's own texts aside).
 */
describe('lookups in Swedish, through the real bot', () => {
  let stack: E2eStack;
  let user: TeamsUser;
  beforeAll(async () => {
    stack = await startE2eStack({ orderListDelaySeconds: 0, orderCompletionSeconds: 0 });
    user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:e2e-swedish-lookups', '29:e2e-swedish-user');
  });
  afterAll(() => stack.close());
  afterEach(async () => {
    await fetch(`${stack.simulator.url}/_simulator/faults`, { method: 'DELETE' });
  });

  async function invoiceId(): Promise<string> {
    const response = await fetch(`${stack.simulator.url}/v1/invoices`, { headers: { authorization: 'Bearer app' } });
    return ((await response.json()) as { items: { id: string }[] }).items[0].id;
  }

  it('a Teams client in Swedish gets every lookup in Swedish, asked in Swedish words', async () => {
    const swedish = (text: string) => user.send({ text, locale: 'sv-SE' });
    const id = await invoiceId();
    const asked: Array<[string, RegExp]> = [
      ['hjälp', /^Jag köper engångsprodukter/],
      ['saldo', /Ditt saldo/],
      ['fakturor', /Fakturor/],
      [`faktura ${id}`, /Faktura från/],
      ['mer', /Grupp|Det var alla engångsavgifter|Det finns inget mer/],
      [
        'beställningar för contoso förra veckan',
        /Beställningar för Contoso Ltd förra veckan|Inga beställningar för Contoso Ltd förra veckan/,
      ],
      ['engångsköp beställningar för contoso sedan oktober', /Engångsbeställningar för Contoso Ltd sedan/],
      ['licenser för contoso', /Rättigheter för Contoso Ltd/],
      ['faktura zzz', /ser inte ut som ett faktura-id/],
      ['blablabla', /Förlåt, jag förstod inte/],
      ['avbryt', /Det finns inget att avbryta/],
    ];
    for (const [typed, expected] of asked) {
      const replies = await swedish(typed);
      expect({ typed, matches: expected.test(readAll(replies)) }).toEqual({ typed, matches: true });
      expect({ typed, english: englishIn(replies) }).toEqual({ typed, english: [] });
    }
  });

  it('Partner Center refusing or throttling a lookup is said in Swedish, with the reference kept', async () => {
    await stack.fault({ method: 'GET', path: '/v1/invoices/summaries', status: 429, retryAfterSeconds: 30 });
    const busy = await user.send({ text: 'saldo', locale: 'sv-SE' });
    expect(readAll(busy)).toMatch(
      /^Jag kunde inte läsa ditt saldo: Partner Center tar emot för många förfrågningar just nu/,
    );
    expect(englishIn(busy)).toEqual([]);

    // Every try of the call fails (the client retries a 500 before giving up).
    await stack.fault({ method: 'GET', path: '/v1/invoices', status: 500, count: 10 });
    const broken = await user.send({ text: 'fakturor', locale: 'sv-SE' });
    expect(readAll(broken)).toMatch(/^Jag kunde inte läsa dina fakturor: Partner Center hade ett problem på sin sida/);
    expect(readAll(broken)).toMatch(/referens:/);
    expect(englishIn(broken)).toEqual([]);
  });

  it('the same conversation in English still reads as before (and is caught by the same check)', async () => {
    const english = await user.send({ text: 'balance', locale: 'en-US' });
    expect(readAll(english)).toMatch(/Your balance/);
    expect(englishIn(english).length).toBeGreaterThan(0);
  });
});
