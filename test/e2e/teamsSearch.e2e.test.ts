import { CARD_REFUSALS } from '../../dialogs/cardActions/CardActionGate';
import { ROLE_REFUSALS } from '../../dialogs/security/roleRefusals';
import { buttonsOf, textOf } from '../support/dialogHarness';
import { clickToConfirmation, E2eStack, startE2eStack } from '../support/e2eStack';
import { customerAndSubscription, partnerCenterCalls } from '../support/purchaseFlows';
import { readAll, TeamsUser } from '../support/teamsUser';
import { textFor } from '../../i18n/text';

/** What a refusal says to an English reader. */
const english = textFor('en-US');

const CARD = 'application/vnd.microsoft.card.adaptive';
const ALEX_OBJECT_ID = '00000000-0000-0000-0000-0000000000a1';
const BEA = { id: '29:bea', name: 'Bea Ortiz', aadObjectId: '00000000-0000-0000-0000-0000000000b2' };
/** A 33-character Partner Center order id standing on its own. */
const ORDER_ID = /(?<![A-Za-z0-9_-])([A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/;

interface ComposeAnswer {
  composeExtension: {
    type: 'result' | 'message';
    text?: string;
    attachments?: { contentType: string; content: Record<string, unknown>; preview: { content: { title: string } } }[];
  };
}

interface SearchAnswer {
  statusCode: number;
  type: string;
  value: { results?: { title: string; value: string }[]; message?: string };
}

const cardText = (content: unknown) => textOf({ attachments: [{ contentType: CARD, content }] });

describe('Teams search over HTTP: the compose-box message extension and the picker typeaheads', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    // 10,000 customers (hundreds of "Contoso …"); only Alex and Bea have a role.
    stack = await startE2eStack(
      { customers: 10_000, orderListDelaySeconds: 0 },
      { PURCHASER_IDS: `${ALEX_OBJECT_ID},${BEA.aadObjectId}` },
    );
  });
  afterAll(() => stack.close());

  const alex = (conversationId: string) => new TeamsUser(stack.bot.server.url, stack.channel, conversationId);
  const stranger = (conversationId: string) =>
    new TeamsUser(stack.bot.server.url, stack.channel, conversationId, '29:stranger', {
      fields: { from: { id: '29:stranger', name: 'Stranger', aadObjectId: 'not-on-the-list' } },
    });
  const search = (user: TeamsUser, query: string) =>
    user.invoke('composeExtension/query', {
      commandId: 'searchOrders',
      parameters: [{ name: 'query', value: query }],
      queryOptions: { skip: 0, count: 25 },
    });

  it('finds an order this bot placed by its id and inserts its live order card, which refreshes on view', async () => {
    const user = alex('a:me-order');
    await user.say('buy for Contoso Ltd');
    await clickToConfirmation(user);
    await user.click('Place order');
    await stack.bot.checkouts.drain();
    const orderId = ORDER_ID.exec(await user.waitFor(/Order placed/))?.[1] ?? '';

    const { status, body } = await search(user, orderId);
    expect(status).toBe(200);
    const answer = (body as ComposeAnswer).composeExtension;
    expect(answer.type).toBe('result');
    expect(answer.attachments).toHaveLength(1);
    const [result] = answer.attachments ?? [];
    expect(result.preview.content.title).toBe('Order for Contoso Ltd');
    expect(result.contentType).toBe(CARD);
    expect(cardText(result.content)).toContain(orderId);
    const refresh = result.content.refresh as { action: { data: unknown }; userIds: string[] };
    expect(refresh.userIds).toEqual(['29:e2e-user']);

    // The inserted card is live: viewing it reads the order again, for the person who shared it.
    const before = (await partnerCenterCalls(stack.simulator.url)).length;
    const viewed = await user.executeData('inserted-card-1', refresh.action.data, { trigger: 'automatic' });
    const card = (viewed.body as { type: string; value: unknown }).value;
    expect((viewed.body as { type: string }).type).toBe(CARD);
    expect(cardText(card)).toContain(orderId);
    const reads = (await partnerCenterCalls(stack.simulator.url)).slice(before);
    expect(reads.some((c) => c.method === 'GET' && c.path.includes(orderId))).toBe(true);
  });

  it('finds customers by name, bounded, exact match first, and lists the orders of the best match', async () => {
    const { body } = await search(alex('a:me-customers'), 'contoso');
    const answer = (body as ComposeAnswer).composeExtension;
    expect(answer.type).toBe('result');
    const titles = (answer.attachments ?? []).map((a) => a.preview.content.title);
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.length).toBeLessThanOrEqual(10);
    expect(titles.filter((t) => !t.startsWith('Order for'))[0]).toBe('Contoso Ltd');
    // The order placed in the first test is Contoso Ltd's newest.
    expect(titles[0]).toBe('Order for Contoso Ltd');
  });

  it('answers someone without a role, an empty search and a malformed one with a sentence, and looks nothing up', async () => {
    const before = (await partnerCenterCalls(stack.simulator.url)).length;
    const refused = (await search(stranger('a:me-stranger'), 'contoso')).body as ComposeAnswer;
    expect(refused.composeExtension).toEqual({ type: 'message', text: english(ROLE_REFUSALS.unknownUser) });
    const empty = (await search(alex('a:me-empty'), '   ')).body as ComposeAnswer;
    expect(empty.composeExtension.type).toBe('message');
    const malformed = await alex('a:me-bad').invoke('composeExtension/query', { commandId: 42, parameters: 'x' });
    expect(malformed.status).toBe(200);
    expect((malformed.body as ComposeAnswer).composeExtension.type).toBe('message');
    expect((await partnerCenterCalls(stack.simulator.url)).slice(before)).toEqual([]);
  });

  it('the customer picker searches all customers as one types, and a chosen result continues the purchase', async () => {
    const user = alex('a:typeahead');
    expect(readAll(await user.say('buy for cont'))).toContain("Customers matching 'cont'");
    const { activityId, button } = user.findCardWith('Choose');
    expect(button.data).toEqual({ verb: 'pickCustomer' });

    const { status, body } = await user.invoke('application/search', {
      kind: 'search',
      queryText: 'contoso.onmicrosoft',
      dataset: 'customers',
      queryOptions: { skip: 0, top: 15 },
    });
    expect(status).toBe(200);
    const answer = body as SearchAnswer;
    expect(answer.type).toBe('application/vnd.microsoft.search.searchResponse');
    const results = answer.value.results ?? [];
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(8);
    const contoso = results.find((r) => r.title === 'Contoso Ltd (contoso.onmicrosoft.com)');
    expect(contoso).toBeDefined();
    // The value is an opaque button id, never the customer's id.
    expect(JSON.stringify(results)).not.toContain(stack.contosoId);

    // Choose: Teams merges the input (named `id`) into the button's data, so the press is exactly { verb, id }.
    const chosen = await user.executeData(activityId, { verb: 'pickCustomer', id: contoso?.value });
    expect(chosen.status).toBe(200);
    expect(readAll(chosen.replies)).toContain('Customer: **Contoso Ltd**');
    expect(buttonsOf(chosen.replies.map((r) => r.attachments?.[0]?.content)).map((b) => b.title)).toContain(
      'Software subscriptions',
    );

    // Someone without a role can't search; another purchaser can't use Alex's results (they are his buttons).
    const refused = await stranger('a:typeahead').invoke('application/search', {
      queryText: 'contoso',
      dataset: 'customers',
    });
    expect((refused.body as SearchAnswer).statusCode).toBe(403);
    const bea = new TeamsUser(stack.bot.server.url, stack.channel, 'a:typeahead', BEA.id, { fields: { from: BEA } });
    const forged = await bea.executeData(activityId, { verb: 'pickCustomer', id: contoso?.value });
    expect((forged.body as { value: unknown }).value).toBe(english(CARD_REFUSALS['other-user']));
  });

  it('a long SKU list searches its own options as one types, and a chosen result continues the purchase', async () => {
    const { subscriptionId } = await customerAndSubscription(stack.simulator.url, 'Contoso Ltd');
    const user = alex('a:typeahead-skus');
    const searchSkus = (who: TeamsUser, queryText: string) =>
      who.invoke('application/search', { kind: 'search', queryText, dataset: 'products', queryOptions: { top: 20 } });

    // No product question is open yet: nothing to search.
    expect(((await searchSkus(user, 'D8s')).body as SearchAnswer).statusCode).toBe(404);

    await user.say('buy for Contoso Ltd');
    await user.click('Azure reserved VM instances');
    await user.say(subscriptionId);
    await user.click('Reserved VM Instance, Dv5 Series');
    expect(readAll(await user.say('more'))).toContain('Showing 1–10 of 72');
    const { activityId, button } = user.findCardWith('Choose');
    expect(button.data).toEqual({ verb: 'pickSku' });

    const { status, body } = await searchSkus(user, 'Standard_D8s_v5 IN Central 3 years');
    expect(status).toBe(200);
    const answer = body as SearchAnswer;
    expect(answer.type).toBe('application/vnd.microsoft.search.searchResponse');
    const results = answer.value.results ?? [];
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(8);
    // Best fit first ("IN" is too short a word to tell regions apart): the D8s_v5 "… Central, 3 Years" ones lead, and
    // nothing of another term is offered.
    expect(results.slice(0, 3).every((r) => /Standard_D8s_v5, \w+ Central, 3 Years$/.test(r.title))).toBe(true);
    expect(results.every((r) => r.title.endsWith('3 Years'))).toBe(true);
    const wanted = results.find((r) => r.title === 'Reserved VM Instance, Standard_D8s_v5, IN Central, 3 Years');
    expect(wanted).toBeDefined();
    // Values are opaque button ids, never a product or SKU id.
    for (const result of results) expect(result.value).toMatch(/^[A-Za-z0-9_-]{16}$/);

    // Someone else in the conversation has no open list of theirs, and can't use Alex's result.
    const bea = new TeamsUser(stack.bot.server.url, stack.channel, 'a:typeahead-skus', BEA.id, {
      fields: { from: BEA },
    });
    expect(((await searchSkus(bea, 'D8s')).body as SearchAnswer).statusCode).toBe(404);
    const forged = await bea.executeData(activityId, { verb: 'pickSku', id: wanted?.value });
    expect((forged.body as { value: unknown }).value).toBe(english(CARD_REFUSALS['other-user']));

    const chosen = await user.executeData(activityId, { verb: 'pickSku', id: wanted?.value });
    expect(chosen.status).toBe(200);
    expect(readAll(chosen.replies)).toContain('How many? (1–100)');
    // The question is answered: its list can't be searched any more.
    expect(((await searchSkus(user, 'D8s')).body as SearchAnswer).statusCode).toBe(404);
    expect(readAll(await user.say('2'))).toContain('Which scope should the reservation have?');
    expect(readAll(await user.click('Shared'))).toContain('Reserved VM Instance, Standard_D8s_v5, IN Central, 3 Years');
  });
});
