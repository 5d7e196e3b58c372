import type { Activity } from 'botbuilder';
import { answeredBelow } from '../../bot/invokes/ExecuteAnswer';
import { slowTurnNotice } from '../../bot/turns/TurnPacer';
import { CARD_REFUSALS } from '../../dialogs/cardActions/CardActionGate';
import { buttonsOf, cardOf, textOf } from '../support/dialogHarness';
import { clickToConfirmation, E2eStack, startE2eStack } from '../support/e2eStack';
import { partnerCenterCalls } from '../support/purchaseFlows';
import { TeamsUser } from '../support/teamsUser';
import { textFor } from '../../i18n/text';

/** What a refusal says to an English reader. */
const english = textFor('en-US');

const CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';
/** A 33-character Partner Center order id standing on its own. */
const ORDER_ID = /(?<![A-Za-z0-9_-])([A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/;

const ALEX = { id: '29:alex', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000a1' };
const BEA = { id: '29:bea', name: 'Bea Ortiz', aadObjectId: '00000000-0000-0000-0000-0000000000b2' };

interface InvokeAnswer {
  statusCode: number;
  type: string;
  value: unknown;
}

/** Teams' answer to a click, checked for its shape. */
function answerOf(body: unknown): InvokeAnswer {
  expect(body).toMatchObject({ statusCode: 200, type: expect.any(String) });
  return body as InvokeAnswer;
}

/** Everything a person reads on the card of an invoke response. */
function cardText(answer: InvokeAnswer): string {
  expect(answer.type).toBe(CARD);
  return textOf({ attachments: [{ contentType: CARD, content: answer.value }] });
}

/** The buttons a person can press on a card (its refresh is Teams' to send, not a button). */
function pressable(card: unknown): ReturnType<typeof buttonsOf> {
  const { body, actions } = (card ?? {}) as { body?: unknown; actions?: unknown };
  return buttonsOf({ body, actions });
}

/** Waits (bounded, not timed) until `find` finds something. */
async function until<T>(find: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('it never arrived');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The messages the bot posted since call number `since` (typing left out). */
function postedSince(stack: E2eStack, since: number) {
  return stack.channel.calls.slice(since).filter((c) => c.method === 'POST' && c.activity?.type === 'message');
}

describe('Universal Actions over HTTP: cards change in place, per-person views, refresh on view', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack({ orderListDelaySeconds: 0 });
  });
  afterAll(() => stack.close());

  const writes = async (from: number) =>
    (await partnerCenterCalls(stack.simulator.url))
      .slice(from)
      .filter((c) => ['POST', 'PUT', 'PATCH'].includes(c.method));
  const journalLength = async () => (await partnerCenterCalls(stack.simulator.url)).length;

  function person(conversationId: string, who: typeof ALEX, group: boolean): TeamsUser {
    const conversation = group
      ? { id: conversationId, conversationType: 'groupChat', isGroup: true, name: 'Buyers' }
      : { id: conversationId, conversationType: 'personal', isGroup: false, name: '' };
    return new TeamsUser(stack.bot.server.url, stack.channel, conversationId, who.id, {
      fields: { from: who, conversation } as Partial<Activity>,
    });
  }

  it('Cancel pressed as Action.Execute answers with the cancelled card in place and posts nothing', async () => {
    const alex = person('a:ua-cancel', ALEX, false);
    await alex.say('buy for Contoso Ltd');
    await clickToConfirmation(alex);
    const since = stack.channel.calls.length;
    const { status, body } = await alex.execute('Cancel');
    expect(status).toBe(200);
    expect(cardText(answerOf(body))).toContain('Purchase cancelled');
    expect(postedSince(stack, since)).toEqual([]);
    // In a personal chat the invoke response is the update: no second copy of the card goes out.
    expect(stack.channel.calls.slice(since).filter((c) => c.method === 'PUT')).toEqual([]);
  });

  it('a pick pressed as Action.Execute posts the next question (a card, or a typed question) and points Teams at it', async () => {
    const alex = person('a:ua-picks', ALEX, false);
    await alex.say('buy for Contoso Ltd');
    let asked = '';
    let { body, replies } = await alex.execute('Software subscriptions');
    for (let step = 0; step < 4 && !/How many\?/.test(asked); step += 1) {
      expect(answerOf(body)).toEqual({ statusCode: 200, type: MESSAGE, value: answeredBelow('en-US') });
      asked = replies.map(textOf).join('\n');
      expect(replies.filter((r) => r.type === 'message').length).toBeGreaterThan(0);
      if (/How many\?/.test(asked)) break;
      const next = alex.latestButtons()[0];
      ({ body, replies } = await alex.execute(next.title));
    }
    // The typed question is posted in the chat, not shown only as a note on the clicked card.
    expect(asked).toMatch(/How many\? \(\d+–\d+\)/);
  });

  it('the same button sent as Action.Submit (a client without Universal Actions) still cancels, by updating the card', async () => {
    const alex = person('a:ua-submit', ALEX, false);
    await alex.say('buy for Contoso Ltd');
    await clickToConfirmation(alex);
    const replies = await alex.click('Cancel');
    expect(replies.map(textOf).join('\n')).toContain('Purchase cancelled');
  });

  it('Place order pressed as Action.Execute buys once: the card says so in place, then shows the order', async () => {
    const alex = person('a:ua-place', ALEX, false);
    await alex.say('buy for Contoso Ltd');
    await clickToConfirmation(alex);
    const before = await journalLength();
    const since = stack.channel.calls.length;
    const { body, activityId } = await alex.execute('Place order');
    expect(cardText(answerOf(body))).toMatch(/Placing your order|Order placed/);
    expect(postedSince(stack, since)).toEqual([]);
    await stack.bot.checkouts.drain();
    const placed = await alex.waitFor(/Order placed/);
    const outcome = stack.channel.calls.find((c) => c.method === 'PUT' && /Order placed/.test(textOf(c.activity)));
    expect(outcome?.activityId).toBe(activityId);
    expect((await writes(before)).filter((c) => /\/checkout$/.test(c.path))).toHaveLength(1);

    // Refresh on view: the order card of this order refreshes itself for the person who asked for it.
    const orderId = ORDER_ID.exec(placed)?.[1] ?? '';
    expect(orderId).not.toBe('');
    await alex.say(`order ${orderId}`);
    const orderCard = stack.channel.calls
      .filter((c) => c.conversationId === 'a:ua-place' && c.method === 'POST')
      .reverse()
      .find((c) => /Order for Contoso/.test(textOf(c.activity)));
    const refresh = cardOf(orderCard?.activity)?.refresh as { action: { data: unknown }; userIds: string[] };
    expect(refresh.userIds).toEqual([ALEX.id]);
    const readsBefore = await journalLength();
    const sinceView = stack.channel.calls.length;
    const viewed = await alex.executeData(orderCard?.activityId ?? '', refresh.action.data, { trigger: 'automatic' });
    const viewedText = cardText(answerOf(viewed.body));
    expect(viewedText).toContain(orderId);
    expect(viewedText).toMatch(/Checked at/);
    // Looking again keeps the card's own Refresh button rather than registering a new one per look.
    const viewedCard = answerOf(viewed.body).value as { refresh: { action: { data: unknown } } };
    expect(viewedCard.refresh.action.data).toEqual(refresh.action.data);
    expect(stack.channel.calls.slice(sinceView).filter((c) => c.activity?.type === 'message')).toEqual([]);
    const reads = (await partnerCenterCalls(stack.simulator.url)).slice(readsBefore);
    expect(reads.some((c) => c.method === 'GET' && c.path.includes(orderId))).toBe(true);

    // Someone else's refresh of that card gets a sentence, not the order.
    const bea = person('a:ua-place', BEA, false);
    const foreign = answerOf(
      (await bea.executeData(orderCard?.activityId ?? '', refresh.action.data, { trigger: 'automatic' })).body,
    );
    expect(foreign.type).toBe(MESSAGE);
    expect(foreign.value).toBe(english(CARD_REFUSALS['other-user']));
  });

  it('a forged Execute, or one whose verb disagrees with its data, changes nothing and posts nothing', async () => {
    const alex = person('a:ua-forged', ALEX, false);
    await alex.say('buy for Contoso Ltd');
    await clickToConfirmation(alex);
    const { activityId, button } = alex.findCardWith('Place order');
    const before = await journalLength();
    const since = stack.channel.calls.length;

    const forged = answerOf((await alex.executeData(activityId, { verb: 'placeOrder', id: 'forged-button-id' })).body);
    expect(forged).toEqual({ statusCode: 200, type: MESSAGE, value: english(CARD_REFUSALS.unknown) });
    const mismatched = await alex.executeData(activityId, button.data, { verb: 'cancelPurchase' });
    expect(answerOf(mismatched.body)).toEqual({
      statusCode: 200,
      type: MESSAGE,
      value: english(CARD_REFUSALS.unreadable),
    });
    const malformed = await alex.invoke('adaptiveCard/action', {
      action: { type: 'Action.Submit', data: button.data },
    });
    expect(malformed.status).toBe(200);

    expect(stack.channel.calls.slice(since).filter((c) => c.activity?.type === 'message')).toEqual([]);
    expect(await writes(before)).toEqual([]);
    // The real button still works afterwards: nothing was used up by the forgeries.
    expect(cardText(answerOf((await alex.execute('Cancel')).body))).toContain('Purchase cancelled');
  });

  it('in a group chat the purchaser gets the buttons, everyone else a read-only view, and their Execute changes nothing', async () => {
    const conversationId = 'a:ua-group';
    const alex = person(conversationId, ALEX, true);
    const bea = person(conversationId, BEA, true);
    await alex.say('buy for Contoso Ltd');
    await clickToConfirmation(alex);
    const shared = stack.channel.calls
      .filter((c) => c.conversationId === conversationId && c.method === 'POST')
      .reverse()
      .find((c) => /Confirm your order/.test(textOf(c.activity)));
    const sharedCard = cardOf(shared?.activity);
    // What everyone sees: who is buying what, and no button to press.
    expect(pressable(sharedCard)).toEqual([]);
    expect(textOf(shared?.activity)).toContain('Alex Wilber** is preparing this order');
    expect(textOf(shared?.activity)).toContain('Contoso Ltd');
    const refresh = sharedCard?.refresh as { action: { verb: string; data: unknown }; userIds: string[] };
    expect(refresh.userIds).toEqual([ALEX.id]);

    const alexView = answerOf(
      (await alex.executeData(shared?.activityId ?? '', refresh.action.data, { trigger: 'automatic' })).body,
    );
    expect(alexView.type).toBe(CARD);
    expect(buttonsOf(alexView.value).map((b) => b.title)).toEqual(['Place order', 'Change quantity', 'Cancel']);
    const beaView = answerOf(
      (await bea.executeData(shared?.activityId ?? '', refresh.action.data, { trigger: 'automatic' })).body,
    );
    expect(beaView.type).toBe(CARD);
    expect(pressable(beaView.value)).toEqual([]);
    expect(cardText(beaView)).toContain('Alex Wilber** is preparing this order');

    // Bea presses Alex's Place order (a forged or copied Execute): a sentence at the card, nothing else.
    const placeOrder = buttonsOf(alexView.value).find((b) => b.title === 'Place order');
    const before = await journalLength();
    const since = stack.channel.calls.length;
    const refused = answerOf((await bea.executeData(shared?.activityId ?? '', placeOrder?.data)).body);
    expect(refused).toEqual({ statusCode: 200, type: MESSAGE, value: english(CARD_REFUSALS['other-user']) });
    expect(stack.channel.calls.slice(since).filter((c) => c.activity?.type === 'message')).toEqual([]);
    expect(await writes(before)).toEqual([]);

    // Alex presses it: his card changes in place, and the group's copy is updated for everyone.
    const pressed = answerOf((await alex.executeData(shared?.activityId ?? '', placeOrder?.data)).body);
    expect(cardText(pressed)).toMatch(/Placing your order|Order placed/);
    const groupUpdate = stack.channel.calls
      .slice(since)
      .find((c) => c.method === 'PUT' && c.activityId === shared?.activityId);
    expect(textOf(groupUpdate?.activity)).toMatch(/Placing your order|Order placed/);
    await stack.bot.checkouts.drain();
    expect((await writes(before)).filter((c) => /\/checkout$/.test(c.path))).toHaveLength(1);
  });
});

describe("a click that outlasts Teams' patience, over HTTP", () => {
  let stack: E2eStack;
  beforeAll(async () => {
    // A one-second budget, and Partner Center made slower than that for one call.
    stack = await startE2eStack({ orderListDelaySeconds: 0 }, { SLOW_TURN_SECONDS: '1' });
  });
  afterAll(() => stack.close());

  it('gets a sentence at the card in time, and the redrawn card then arrives as an update of that card', async () => {
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:ua-slow');
    const [orderId] = await stack.listedOrderIds();
    await user.say(`order ${orderId} for Contoso Ltd`);
    await stack.fault({ method: 'GET', path: `/v1/customers/*/orders/${orderId}`, delayMs: 3000 });
    const { body, activityId } = await user.execute('Refresh');
    const answer = answerOf(body);
    expect(answer).toEqual({ statusCode: 200, type: MESSAGE, value: slowTurnNotice('en-US') });
    // The turn went on: the order card is redrawn where it was, by an update rather than the invoke response.
    const update = await until(() =>
      stack.channel.calls.find((c) => c.method === 'PUT' && c.activityId === activityId),
    );
    expect(textOf(update.activity)).toContain(orderId);
    expect(textOf(update.activity)).toMatch(/Checked at/);
  });
});
