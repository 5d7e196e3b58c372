import { CATALOG_SEED } from '../../simulator/data/catalogSeed';
import { CUSTOMER_SEEDS } from '../../simulator/data/customerSeed';
import { cardOf } from '../support/dialogHarness';
import { startE2eStack, type E2eStack } from '../support/e2eStack';
import { englishWordsIn, readableStrings } from '../support/englishWords';
import { readAll, TeamsUser } from '../support/teamsUser';

/** Names and ids cards show as Partner Center sent them, whatever the reader's language. */
const AS_SENT = [
  'Partner Center',
  ...CUSTOMER_SEEDS.map((customer) => customer.companyName),
  'United States',
  // Product and SKU names and descriptions are Partner Center's, in its catalog language, and so is the end of a SKU's
  // name that tells alike options apart ("… - 1 year" → a "1 year" button).
  ...CATALOG_SEED.flatMap((product) => [
    product.title,
    product.description,
    ...product.skus.flatMap((sku) => [sku.title, sku.description, sku.title.split(' - ').at(-1) ?? sku.title]),
  ]),
];

/** A 33-character Partner Center order id standing on its own (a GUID's 36 characters don't match). */
const ORDER_ID = /(?<![A-Za-z0-9_-])([A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/;

/**
 * A Swedish reader places an order over HTTP through the real bot and the simulator, from the confirmation card on:
 * the confirmation card, the outcome that replaces it and the order card say nothing in English (names, ids and
 * Partner Center's own texts aside).
 */
describe('a purchase in Swedish, through the real bot', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack({ orderListDelaySeconds: 0, orderCompletionSeconds: 0 });
  });
  afterAll(() => stack.close());

  /** What a person reads on the newest card in the conversation whose words match `pattern`. */
  function cardReading(conversationId: string, pattern: RegExp): string[] {
    const texts = stack.channel.calls
      .filter((call) => call.conversationId === conversationId)
      .map((call) => cardOf(call.activity))
      .filter((card) => card !== undefined)
      .map((card) => readableStrings(card))
      .reverse()
      .find((strings) => pattern.test(strings.join('\n')));
    if (!texts) throw new Error(`no card like ${pattern}`);
    return texts;
  }

  /** The English words in texts, once names, ids (anything with a digit), code and Teams' date functions are taken out. */
  function englishIn(texts: readonly string[]): string[] {
    let withoutNames = texts.join('\n');
    for (const name of [...AS_SENT].sort((x, y) => y.length - x.length))
      withoutNames = withoutNames.split(name).join(' ');
    const withoutIds = withoutNames
      .replace(/\{\{(?:DATE|TIME)\([^)]*\)\}\}/g, ' ')
      .replace(/\S*\d\S*/g, ' ')
      .replace(/`[^`]*`/g, ' ');
    return englishWordsIn(withoutIds);
  }

  it('the confirmation, the order placed and the order card are all in Swedish', async () => {
    const conversation = 'a:e2e-swedish-purchase';
    const user = new TeamsUser(stack.bot.server.url, stack.channel, conversation, '29:e2e-swedish-buyer', {
      fields: { locale: 'sv-SE' },
    });
    // English commands work for everyone; the replies follow the Teams locale.
    await user.say('buy 10 Windows Server 2022 Standard 1 year for Fabrikam');
    const confirmation = cardReading(conversation, /Bekräfta din beställning/);
    expect(confirmation).toEqual(expect.arrayContaining(['Lägg beställning', 'Ändra antal', 'Avbryt']));
    expect(englishIn(confirmation)).toEqual([]);

    await user.click('Lägg beställning');
    const placed = await user.waitFor(/Beställningen är lagd/);
    const orderId = ORDER_ID.exec(placed)?.[1];
    expect(orderId).toBeDefined();
    const outcome = cardReading(conversation, /Beställningen är lagd/);
    expect(outcome).toEqual(expect.arrayContaining(['Beställnings-id']));
    expect(englishIn(outcome)).toEqual([]);

    const order = await user.say(`beställning ${orderId}`);
    expect(readAll(order)).toMatch(/Beställning för Fabrikam Inc/);
    const orderCard = cardReading(conversation, /Beställning för Fabrikam Inc/);
    expect(orderCard).toEqual(expect.arrayContaining(['Uppdatera']));
    expect(englishIn(orderCard)).toEqual([]);
  });

  it('a purchase typed and clicked through in Swedish says nothing in English at any step', async () => {
    const conversation = 'a:e2e-swedish-click-through';
    const user = new TeamsUser(stack.bot.server.url, stack.channel, conversation, '29:e2e-swedish-clicker', {
      fields: { locale: 'sv-SE' },
    });
    const read = (replies: Awaited<ReturnType<TeamsUser['say']>>): string[] =>
      replies.flatMap((reply) => [
        reply.text ?? '',
        ...readableStrings((reply.attachments ?? []).map((attachment) => attachment.content)),
      ]);
    const steps: string[][] = [];
    let replies = await user.say('köp för contoso');
    steps.push(read(replies));
    replies = await user.click('Programvaruprenumerationer');
    steps.push(read(replies));
    // Then the first option of each question, until the quantity is asked for.
    for (let step = 0; step < 4 && !/Hur många\? \((\d+)–/.test(readAll(replies)); step += 1) {
      replies = await user.submit(user.latestButtons()[0].data);
      steps.push(read(replies));
    }
    const asked = /Hur många\? \((\d+)–(\d+)\)/.exec(readAll(replies));
    expect(asked).not.toBeNull();
    replies = await user.say(String(Number(asked![1]) + 1));
    steps.push(read(replies));
    expect(readAll(replies)).toMatch(/Bekräfta din beställning/);
    replies = await user.say('hjälp');
    steps.push(read(replies));
    replies = await user.say('avbryt');
    steps.push(read(replies));
    expect(readAll(replies)).toMatch(/Avbrutet — inget köptes/);
    expect(steps.map((texts, index) => ({ step: index, english: englishIn(texts) }))).toEqual(
      steps.map((_, index) => ({ step: index, english: [] })),
    );
  });

  it('the same purchase for an English reader reads as before (and is caught by the same check)', async () => {
    const conversation = 'a:e2e-english-purchase';
    const user = new TeamsUser(stack.bot.server.url, stack.channel, conversation, '29:e2e-english-buyer', {
      fields: { locale: 'en-US' },
    });
    await user.say('buy 10 Windows Server 2022 Standard 1 year for Contoso');
    const confirmation = cardReading(conversation, /Confirm your order/);
    expect(englishIn(confirmation).length).toBeGreaterThan(0);
    await user.click('Place order');
    await user.waitFor(/Order placed/);
    expect(englishIn(cardReading(conversation, /Order placed/)).length).toBeGreaterThan(0);
  });
});
