import type { Activity } from 'botbuilder';
import { textFor } from '../../i18n/text';
import { RoleDirectory } from '../../dialogs/security/RoleDirectory';
import { ROLE_REFUSALS } from '../../dialogs/security/roleRefusals';
import { allText, DialogHarness } from '../support/dialogHarness';

/** What a refusal says to an English reader. */
const english = textFor('en-US');

const HELP_TEXT = textFor('en-US')('help.text');

const PURCHASER = { id: '29:purchaser', name: 'Pat Purchaser', aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000001' };
const VIEWER = { id: '29:viewer', name: 'Vic Viewer', aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000002' };
const STRANGER = { id: '29:stranger', name: 'Sam Stranger', aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000003' };

type From = Partial<Activity>['from'];

function roles(purchasers: string[], viewers: string[]): RoleDirectory {
  return new RoleDirectory({ purchaserIds: purchasers, viewerIds: viewers, everyoneIsPurchaser: false });
}

function harness(): DialogHarness {
  return new DialogHarness(undefined, undefined, undefined, {
    roles: roles([PURCHASER.aadObjectId], [VIEWER.aadObjectId]),
  });
}

function say(h: DialogHarness, text: string, from: From): Promise<Partial<Activity>[]> {
  return h.send({ type: 'message', text, from } as Partial<Activity>);
}

/** The purchaser walks to the confirmation card of 10 × Windows Server 2022 16-core for Fabrikam. */
async function reachConfirmation(h: DialogHarness): Promise<void> {
  await say(h, 'buy for fabrikam', PURCHASER);
  await h.click('Perpetual software', PURCHASER);
  await h.click('Windows Server 2022', PURCHASER);
  await h.click('16 Core', PURCHASER);
  const confirmation = await say(h, '10', PURCHASER);
  expect(allText(confirmation)).toContain('Place order');
}

describe('roles: who may look and who may buy', () => {
  it('a purchase writes a claim and a done entry with who, what, MS-RequestId and the order id', async () => {
    const h = harness();
    await reachConfirmation(h);
    await h.click('Place order', PURCHASER);
    expect(h.service.orders).toHaveLength(1);
    const [done, claimed] = await h.audit.latest(10);
    const [record] = await h.ledger.recordsOfCart(claimed.cartId ?? '');
    expect(claimed).toMatchObject({
      result: 'claimed',
      user: { objectId: PURCHASER.aadObjectId, name: PURCHASER.name },
      customer: { companyName: 'Fabrikam Inc' },
      item: { quantity: 10 },
      requestId: record?.requestId,
      correlationId: record?.correlationId,
    });
    expect(done).toMatchObject({
      result: 'done',
      cartId: claimed.cartId,
      requestId: record?.requestId,
      orderIds: [h.service.orders[0].id],
      item: { quantity: 10 },
    });
  });

  it('a second press of Place order is recorded as a refused duplicate', async () => {
    const h = harness();
    await reachConfirmation(h);
    const button = h.findButton('Place order');
    await h.submit(button.data, PURCHASER);
    await h.submit(button.data, PURCHASER);
    expect(h.service.callsOf('checkout')).toHaveLength(1);
    expect((await h.audit.latest(10)).map((e) => e.result)).toEqual(['duplicate-refused', 'done', 'claimed']);
  });

  it('a viewer asking to buy is told politely and nothing starts', async () => {
    const h = harness();
    const replies = await say(h, 'buy for fabrikam', VIEWER);
    expect(allText(replies)).toBe(english(ROLE_REFUSALS.viewerBuying));
    expect(h.service.calls).toHaveLength(0);
  });

  it('a viewer may still look things up', async () => {
    const h = harness();
    const replies = await say(h, 'help', VIEWER);
    expect(allText(replies)).toBe(HELP_TEXT);
  });

  it('an unknown user is refused everything except help', async () => {
    const h = harness();
    expect(allText(await say(h, 'buy for fabrikam', STRANGER))).toBe(english(ROLE_REFUSALS.unknownUser));
    expect(allText(await say(h, 'orders for fabrikam', STRANGER))).toBe(english(ROLE_REFUSALS.unknownUser));
    expect(allText(await say(h, 'audit', STRANGER))).toBe(english(ROLE_REFUSALS.unknownUser));
    expect(allText(await h.submit({ verb: 'placeOrder', id: 'abc' }, STRANGER))).toBe(
      english(ROLE_REFUSALS.unknownUser),
    );
    expect(allText(await say(h, 'help', STRANGER))).toBe(HELP_TEXT);
    expect(h.service.calls).toHaveLength(0);
  });

  it("a viewer replaying the purchaser's Place order card, ids and all, is stopped by the card's owner check", async () => {
    const h = harness();
    await reachConfirmation(h);
    const replies = await h.submit(h.findButton('Place order').data, VIEWER);
    expect(allText(replies)).toContain('That card was shown to someone else');
    expect(h.service.callsOf('checkout')).toHaveLength(0);
    expect(await h.audit.latest(10)).toEqual([]);
  });

  it('Place order re-checks the role when pressed: a purchaser demoted after seeing the card buys nothing', async () => {
    const h = harness();
    await reachConfirmation(h);
    h.deps.roles = roles([], [PURCHASER.aadObjectId]);
    const replies = await h.click('Place order', PURCHASER);
    expect(allText(replies)).toContain(english(ROLE_REFUSALS.viewerPlacingOrder));
    expect(h.service.callsOf('checkout')).toHaveLength(0);
    expect(h.service.orders).toHaveLength(0);
    const [refused] = await h.audit.latest(10);
    expect(refused).toMatchObject({
      result: 'role-refused',
      user: { objectId: PURCHASER.aadObjectId },
      customer: { companyName: 'Fabrikam Inc' },
      item: { quantity: 10 },
    });
    const again = await h.click('Place order', PURCHASER);
    expect(h.service.callsOf('checkout')).toHaveLength(0);
    expect(allText(again)).not.toContain('Placing your order');
  });

  it('typing "place order" after being demoted is refused the same way', async () => {
    const h = harness();
    await reachConfirmation(h);
    h.deps.roles = roles([], [PURCHASER.aadObjectId]);
    const replies = await say(h, 'place order', PURCHASER);
    expect(allText(replies)).toContain(english(ROLE_REFUSALS.viewerPlacingOrder));
    expect(h.service.callsOf('checkout')).toHaveLength(0);
  });
});

describe('the audit command', () => {
  it('audit 5 shows a purchaser the latest 5 entries, newest first', async () => {
    const h = harness();
    for (let i = 1; i <= 7; i += 1) {
      await h.audit.append({ result: 'claimed', user: { name: `Buyer ${i}` }, cartId: `cart-${i}` });
    }
    const text = allText(await say(h, 'audit 5', PURCHASER));
    expect(text).toContain('The latest 5 purchase attempts, newest first');
    const carts = [...text.matchAll(/cart (cart-\d+)/g)].map((m) => m[1]);
    expect(carts).toEqual(['cart-7', 'cart-6', 'cart-5', 'cart-4', 'cart-3']);
  });

  it('a viewer asking for the audit trail is refused and sees no entry', async () => {
    const h = harness();
    await h.audit.append({ result: 'claimed', user: { name: 'Pat' }, cartId: 'cart-secret' });
    const text = allText(await say(h, 'audit', VIEWER));
    expect(text).toBe(english(ROLE_REFUSALS.auditNeedsPurchaser));
    expect(text).not.toContain('cart-secret');
  });
});

describe('card submit size limit', () => {
  it('refuses a card value whose JSON is over 4 KB with a clear message and changes nothing', async () => {
    const h = harness();
    await reachConfirmation(h);
    const { id } = h.findButton('Place order').data;
    const replies = await h.submit({ verb: 'placeOrder', id, padding: 'x'.repeat(5000) }, PURCHASER);
    expect(allText(replies)).toContain('far larger than any of my buttons send');
    expect(h.service.callsOf('checkout')).toHaveLength(0);
  });
});
