import type { Activity } from 'botbuilder';
import { activityShownText, plantedLinks } from '../support/plantedMarkdown';
import { clickToConfirmation, E2eStack, startE2eStack } from '../support/e2eStack';
import { readAll, TeamsUser } from '../support/teamsUser';

const ORDER_ID = /(?<![A-Za-z0-9_-])([A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/;
const HOSTILE_CUSTOMER = 'Contoso Ltd [Verify your payment here](https://evil.example/phish)';
const HOSTILE_PRODUCT = 'Visual Studio **Pro** ![x](https://evil.example/pixel.png) see www.evil.example';
const HOSTILE_SKU = 'Standard_D2s_v5 <a href="https://evil.example/sku">1 year</a> billing@evil.example';
/** The SKU title as Partner Center sends it here: the hostile part, then 30,000 more characters. */
const HUGE_SKU = `${HOSTILE_SKU} ${'long '.repeat(6_000)}`;
/** Teams refuses bot messages much above 28 KB. */
const TEAMS_MESSAGE_LIMIT = 28_000;

describe('a purchase for a customer whose Partner Center name carries a link, over HTTP', () => {
  let stack: E2eStack;
  let user: TeamsUser;
  const conversationId = 'a:e2e-hostile-names';

  beforeAll(async () => {
    stack = await startE2eStack({ orderListDelaySeconds: 0, orderCompletionSeconds: 30 });
    user = new TeamsUser(stack.bot.server.url, stack.channel, conversationId);
    const sim = stack.simulator.url;
    const post = (path: string, body: object) =>
      fetch(`${sim}/_simulator/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(
      (await post('customers/rename', { customerId: stack.contosoId, companyName: HOSTILE_CUSTOMER })).status,
    ).toBe(204);
    // The product and SKU the purchase below picks (the first of each card).
    const headers = { authorization: 'Bearer e2e-test' };
    const products = await fetch(`${sim}/v1/products?country=US&targetView=SoftwareSubscriptions`, { headers });
    const productId = ((await products.json()) as { items: { id: string }[] }).items[0].id;
    const skus = await fetch(`${sim}/v1/products/${productId}/skus?country=US`, { headers });
    const skuId = ((await skus.json()) as { items: { id: string }[] }).items[0].id;
    expect((await post('catalog/titles', { productId, title: HOSTILE_PRODUCT })).status).toBe(204);
    expect((await post('catalog/titles', { productId, skuId, title: HUGE_SKU })).status).toBe(204);
  });
  afterAll(() => stack.close());

  /** Every message the bot sent or updated in this conversation. */
  function everyReply(): Partial<Activity>[] {
    return stack.channel.calls
      .filter((call) => call.conversationId === conversationId && call.activity?.type === 'message')
      .map((call) => call.activity ?? {});
  }

  it('buys, lists orders and shows the audit trail without putting a working link in any reply', async () => {
    const greeting = readAll(await user.say('buy for Contoso Ltd'));
    expect(greeting).toContain(`Customer: **${HOSTILE_CUSTOMER}**`);
    await clickToConfirmation(user);
    await user.click('Place order');
    const orderId = ORDER_ID.exec(await user.waitFor(/Order placed/))?.[1];
    expect(orderId).toBeDefined();

    const orders = readAll(await user.say('orders'));
    expect(orders).toContain(`Orders for ${HOSTILE_CUSTOMER}`);
    expect(orders).toContain(orderId);
    expect(readAll(await user.say(`order ${orderId}`))).toContain(HOSTILE_SKU);
    const audit = readAll(await user.say('audit'));
    expect(audit).toContain(HOSTILE_CUSTOMER);
    expect(audit).toContain('Standard_D2s_v5');

    const shown = everyReply().map(activityShownText);
    expect(shown.flatMap((text) => text.markdown).flatMap(plantedLinks)).toEqual([]);
    // Button titles and tooltips are drawn as plain text: they only have to stay one bounded line.
    expect(shown.flatMap((text) => text.plain).filter((text) => /[\r\n]/.test(text) || text.length > 700)).toEqual([]);
  });

  it('echoes what a person typed as text only, one bounded line, however long', async () => {
    const before = everyReply().length;
    const typed = `[Win a prize](https://evil.example/typed) ${'spam '.repeat(1_000)}`;
    const unknown = readAll(await user.say(typed));
    expect(unknown).toContain('Sorry, I didn\'t understand "[Win a prize](https://evil.example/typed) spam');

    await user.say('buy');
    // A 5,000-character answer at the customer prompt comes back in one short sentence.
    const search = readAll(await user.say(`![x](https://evil.example/q.png) ${'x'.repeat(5_000)}`));
    expect(search).toMatch(/No customer matches '!\[x\]\(https:\/\/evil\.example\/q\.png\) x+…'/);
    await user.say('cancel');

    const replies = everyReply().slice(before);
    expect(replies.length).toBeGreaterThan(2);
    for (const reply of replies) expect(JSON.stringify(reply).length).toBeLessThan(2_000);
    expect(
      replies
        .map(activityShownText)
        .flatMap((text) => text.markdown)
        .flatMap(plantedLinks),
    ).toEqual([]);
  });

  it('keeps every message it sent well under the size Teams accepts', () => {
    const sizes = everyReply().map((reply) => JSON.stringify(reply).length);
    expect(Math.max(...sizes)).toBeLessThan(TEAMS_MESSAGE_LIMIT);
  });
});
