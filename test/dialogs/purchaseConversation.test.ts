import { DialogHarness, allText, buttonsOf, cardOf, textOf } from '../support/dialogHarness';
import {
  LEGACY_SUBSCRIPTION,
  REGISTERED_SUBSCRIPTION,
  UNREGISTERED_SUBSCRIPTION,
  partnerCenterError,
} from '../support/FakePurchaseService';

/** Walks to the confirmation card of 10 × Windows Server 2022 16-core for Fabrikam. */
async function reachConfirmation(h: DialogHarness, quantity = '10'): Promise<void> {
  await h.say('buy for fabrikam');
  await h.click('Perpetual software');
  await h.click('Windows Server 2022');
  await h.click('16 Core');
  await h.say(quantity);
}

describe('purchase conversation', () => {
  it('buys perpetual software end to end and replaces the confirmation card with the order result', async () => {
    const h = new DialogHarness();
    const first = await h.say('buy for fabrikam');
    expect(allText(first)).toContain('Customer: **Fabrikam Inc** (fabrikam.onmicrosoft.com, United States).');
    expect(allText(first)).toContain('What would you like to buy for Fabrikam Inc?');

    await h.click('Perpetual software');
    const skus = await h.click('Windows Server 2022');
    expect(allText(skus)).toContain('Windows Server 2022 Standard - 2 Core');
    const quantityQuestion = await h.click('16 Core');
    expect(allText(quantityQuestion)).toContain('How many? (1–500)');

    const confirmation = await h.say('10');
    const confirmationText = allText(confirmation);
    expect(confirmationText).toContain('Fabrikam Inc');
    expect(confirmationText).toContain('Windows Server 2022 Standard - 16 Core');
    expect(confirmationText).toMatch(/\b10\b/);
    expect(h.service.callsOf('createCart')).toHaveLength(1);

    await h.click('Place order');
    expect(h.service.orders).toHaveLength(1);
    expect(h.service.orders[0].lines[0].quantity).toBe(10);
    const resultUpdate = h.updates.at(-1);
    expect(resultUpdate?.id).toBe(confirmation.find((a) => cardOf(a))?.id);
    expect(textOf(resultUpdate)).toContain(h.service.orders[0].id);
    expect(JSON.stringify(cardOf(resultUpdate))).not.toContain('Action.Execute');

    const correlationIds = new Set(h.service.calls.map((c) => c.ctx.correlationId));
    expect(correlationIds.size).toBe(1);
  });

  it('a second press of Place order shows the same order and buys nothing more', async () => {
    const h = new DialogHarness();
    await reachConfirmation(h);
    const placeOrder = h.findButton('Place order');
    await h.submit(placeOrder.data);
    const again = await h.submit(placeOrder.data);
    expect(allText(again)).toMatch(/already placed \(order-1\)/);
    expect(h.service.callsOf('checkout')).toHaveLength(1);
    expect(h.service.orders).toHaveLength(1);
  });

  it('explains when no customer matches and searches again with the next message', async () => {
    const h = new DialogHarness();
    const replies = await h.say('buy for contso');
    expect(allText(replies)).toContain("No customer matches 'contso' — try part of the name or the domain.");
    expect(allText(replies)).toContain('Which customer is this for?');
    const next = await h.say('fabrikam');
    expect(allText(next)).toContain('Customer: **Fabrikam Inc**');
  });

  it('shows at most ten matches and asks to narrow a broad search', async () => {
    const h = new DialogHarness();
    const replies = await h.say('buy for test');
    const card = cardOf(replies.find((r) => cardOf(r)));
    expect(buttonsOf(card).filter((button) => button.data.id !== undefined)).toHaveLength(10);
    // The rest are a search away: the card's typeahead (Choose submits the choice's own button id).
    expect(JSON.stringify(card)).toContain('"dataset":"customers"');
    expect(allText(replies)).toMatch(/Type more of the name/);
    const narrowed = await h.say('Test Company 12');
    expect(allText(narrowed)).toContain('Customer: **Test Company 12**');
  });

  it('offers the last customer first on the next purchase', async () => {
    const h = new DialogHarness();
    await reachConfirmation(h);
    await h.click('Place order');
    const replies = await h.say('buy');
    expect(allText(replies)).toContain('Fabrikam Inc');
    expect(allText(replies)).toContain('last used');
    const picked = await h.click('Fabrikam Inc');
    expect(allText(picked)).toContain('Customer: **Fabrikam Inc**');
  });

  it('cancel midway stops the purchase, buys nothing, and the next number is not taken as a quantity', async () => {
    const h = new DialogHarness();
    await h.say('buy for fabrikam');
    await h.click('Perpetual software');
    await h.click('Windows Server 2022');
    await h.click('16 Core');
    const cancelled = await h.say('cancel');
    expect(allText(cancelled)).toContain('Cancelled — nothing was bought.');
    const after = await h.say('10');
    expect(allText(after)).toContain("Sorry, I didn't understand");
    expect(h.service.callsOf('createCart')).toHaveLength(0);
  });

  it('cancel at the confirmation retires the card so Place order no longer works', async () => {
    const h = new DialogHarness();
    await reachConfirmation(h);
    const placeOrder = h.findButton('Place order');
    await h.say('cancel');
    expect(textOf(h.updates.at(-1))).toContain('Purchase cancelled');
    const late = await h.submit(placeOrder.data);
    expect(allText(late)).toMatch(/isn't active any more/);
    expect(h.service.callsOf('checkout')).toHaveLength(0);
  });

  it.each([
    ['0', 'must be at least 1'],
    ['-3', "can't be negative"],
    ['2.5', 'whole numbers'],
    ['1000000000', 'more than the maximum of 500'],
    ['ten', 'Please type a quantity'],
  ])('rejects the quantity %s with a clear sentence and asks again', async (typed, sentence) => {
    const h = new DialogHarness();
    await h.say('buy for fabrikam');
    await h.click('Perpetual software');
    await h.click('Windows Server 2022');
    await h.click('16 Core');
    const replies = await h.say(typed);
    expect(allText(replies)).toContain(sentence);
    expect(h.service.callsOf('createCart')).toHaveLength(0);
    const accepted = await h.say('5');
    expect(allText(accepted)).toContain('Confirm');
    expect(h.service.callsOf('createCart')).toHaveLength(1);
  });

  it('says plainly what cannot be bought in a restricted market and offers only what can', async () => {
    const h = new DialogHarness();
    const replies = await h.say('buy for brasil');
    const text = allText(replies);
    expect(text).toMatch(/Software subscriptions can't be bought for customers in Brazil/);
    expect(text).toContain('Perpetual software');
    expect(text).not.toContain('Azure reserved VM instances');
  });

  it('explains an inventory restriction and lets the user pick another size or region', async () => {
    const h = new DialogHarness();
    await h.say('buy for contoso ltd');
    await h.click('Azure reserved VM instances');
    await h.say(REGISTERED_SUBSCRIPTION);
    await h.click('Reserved VM Instance, Dv5 series');
    await h.click('Standard_D2s_v5 Japan West');
    const restricted = await h.click('3 years, paid up front');
    expect(allText(restricted)).toContain(
      "isn't available for that subscription: Capacity isn't available in region japanwest.",
    );
    expect(allText(restricted)).toContain('Which Reserved VM Instance, Dv5 series?');
    await h.click('Standard_D2s_v5 East US');
    const quantity = await h.click('3 years, paid up front');
    expect(allText(quantity)).toContain('How many?');
    // Chosen from the customer's own subscriptions: never looked up (or asked for) again.
    expect(h.service.callsOf('getAzureSubscription').length).toBeLessThanOrEqual(1);
    expect(h.service.callsOf('listAzureSubscriptions')).toHaveLength(1);
    const scope = await h.say('4');
    expect(allText(scope)).toContain('Which scope should the reservation have?');
    await h.click('Shared');
    const [, line] = h.service.callsOf('createCart')[0] as [string, { quantity: number; provisioningContext: unknown }];
    expect(line.quantity).toBe(4);
    expect(line.provisioningContext).toEqual({
      scope: 'shared',
      subscriptionId: REGISTERED_SUBSCRIPTION,
      duration: '3Years',
    });
  });

  it('stops before carting a reservation for an unregistered subscription and says why', async () => {
    const h = new DialogHarness();
    await h.say('buy for contoso ltd');
    await h.click('Azure reserved VM instances');
    const invalid = await h.say('not-a-subscription');
    expect(allText(invalid)).toContain("doesn't look like an Azure subscription id");
    await h.say(UNREGISTERED_SUBSCRIPTION);
    await h.click('Reserved VM Instance, Dv5 series');
    await h.click('Standard_D2s_v5 East US');
    const replies = await h.click('1 year, paid up front');
    expect(allText(replies)).toContain("isn't registered for reserved instance purchases");
    expect(allText(replies)).toContain(`register ${UNREGISTERED_SUBSCRIPTION} for Contoso Ltd`);
    expect(h.service.callsOf('createCart')).toHaveLength(0);
    expect(h.service.callsOf('checkInventory')).toHaveLength(0);
  });

  it.each([
    [REGISTERED_SUBSCRIPTION, 'azure-plan', 'is an Azure plan, so these are the reservations sold for Azure plans'],
    [
      LEGACY_SUBSCRIPTION,
      'microsoft-azure',
      'is a Microsoft Azure (MS-AZR-0145P) subscription, so these are the reservations sold for those subscriptions',
    ],
  ])(
    'asks for the Azure subscription first and lists reservations from its catalog (%s is %s)',
    async (subscriptionId, kind, sentence) => {
      const h = new DialogHarness();
      await h.say('buy for contoso ltd');
      const question = await h.click('Azure reserved VM instances');
      expect(allText(question)).toContain('Which Azure subscription is the reservation for?');
      expect(h.service.callsOf('listProducts')).toHaveLength(0);
      const products = await h.say(subscriptionId);
      expect(allText(products)).toContain(sentence);
      await h.click('Reserved VM Instance, Dv5 series');
      await h.click('Standard_D2s_v5 East US');
      await h.click('1 year, paid up front');
      const catalog = { azureSubscriptionKind: kind };
      expect(h.service.callsOf('listProducts').map((args) => args[2])).toEqual([catalog]);
      // Read for the series card's option counts, then for the SKU pick: every time from that catalog.
      const skuReads = h.service.callsOf('listSkus').map((args) => args[2]);
      expect(skuReads.length).toBeGreaterThan(0);
      expect(skuReads).toEqual(skuReads.map(() => catalog));
      expect(h.service.callsOf('listTerms').map((args) => args[3])).toEqual([catalog]);
      await h.say('3');
      await h.click('Shared');
      const [, line] = h.service.callsOf('createCart')[0] as [string, { provisioningContext: unknown }];
      expect(line.provisioningContext).toEqual({ scope: 'shared', subscriptionId, duration: '1Year' });
    },
  );

  it('asks again for the subscription when Partner Center has no such subscription for the customer', async () => {
    const h = new DialogHarness();
    await h.say('buy for contoso ltd');
    await h.click('Azure reserved VM instances');
    const unknown = await h.say('12345678-1234-1234-1234-123456789012');
    expect(allText(unknown)).toContain(
      'Partner Center has no subscription 12345678-1234-1234-1234-123456789012 for Contoso Ltd.',
    );
    expect(allText(unknown)).toContain('Which Azure subscription is the reservation for?');
    expect(h.service.callsOf('listProducts')).toHaveLength(0);
    const products = await h.say(LEGACY_SUBSCRIPTION);
    expect(allText(products)).toContain('Which Azure reserved VM instance series?');
  });

  it('shows the attestation on the confirmation card and audits Place order as its acceptance', async () => {
    const h = new DialogHarness();
    await h.say('buy for contoso ltd');
    await h.click('Software subscriptions');
    await h.click('Windows 365 Business (with Windows Hybrid Benefit)');
    const confirmation = await h.say('2');
    const text = allText(confirmation);
    expect(text).toContain(
      'I understand that each person using Windows 365 Business with Windows Hybrid Benefit also needs to have a valid copy of Windows 10/11 Pro installed on their primary work device.',
    );
    expect(text).toContain('Selecting **Place order** accepts it');
    await h.click('Place order');
    expect(h.service.orders).toHaveLength(1);
    const claimed = (await h.audit.latest(10)).find((entry) => entry.result === 'claimed');
    expect(claimed?.attestationsAccepted).toEqual([
      {
        type: 'Windows365',
        text: expect.stringContaining('also needs to have a valid copy of Windows 10/11 Pro') as string,
      },
    ]);
  });

  it('says nothing of an attestation for a SKU that needs none', async () => {
    const h = new DialogHarness();
    await reachConfirmation(h);
    expect(allText(h.transcript)).not.toContain('Attestation');
    await h.click('Place order');
    const claimed = (await h.audit.latest(10)).find((entry) => entry.result === 'claimed');
    expect(claimed).toBeDefined();
    expect(claimed?.attestationsAccepted).toBeUndefined();
  });

  it('a stale catalog item at cart time is explained and nothing is bought', async () => {
    const h = new DialogHarness();
    h.service.failNext('createCart', partnerCenterError(400, '800004'));
    await h.say('buy for fabrikam');
    await h.click('Perpetual software');
    await h.click('Windows Server 2022');
    await h.click('16 Core');
    const replies = await h.say('10');
    const text = allText(replies);
    expect(text).toContain('I could not build the cart, so nothing was bought');
    expect(text).toContain('Partner Center code 800004');
    expect(h.service.callsOf('checkout')).toHaveLength(0);
  });

  it('answers Place order at once and a passing Partner Center error is retried with the same MS-RequestId: one order', async () => {
    const h = new DialogHarness();
    await reachConfirmation(h);
    h.service.failNext('checkout', partnerCenterError(503, '800003'));
    const ack = await h.click('Place order');
    expect(ack).toEqual([]);
    const updates = h.updates.map(textOf);
    expect(updates.some((t) => t.includes('Placing your order…'))).toBe(true);
    expect(textOf(h.updates.at(-1))).toContain('order-1');
    const checkoutCalls = h.service.callsOf('checkout');
    expect(checkoutCalls).toHaveLength(2);
    expect(checkoutCalls[0][2]).toBeDefined();
    expect(checkoutCalls[1][2]).toBe(checkoutCalls[0][2]);
    expect(h.service.orders).toHaveLength(1);
  });

  it('a refused checkout is explained in words with the code on the card, and nothing is bought', async () => {
    const h = new DialogHarness();
    await reachConfirmation(h);
    h.service.failNext('checkout', partnerCenterError(403, '800069'));
    await h.click('Place order');
    const outcome = textOf(h.updates.at(-1));
    expect(outcome).toContain('Order not placed');
    expect(outcome).toContain('Partner Center code 800069');
    expect(h.service.orders).toHaveLength(0);
    const again = await h.click('Place order');
    expect(allText(again)).toMatch(/was not placed/);
    expect(h.service.callsOf('checkout')).toHaveLength(1);
  });

  it('Change quantity updates the same cart and the order uses the new quantity', async () => {
    const h = new DialogHarness();
    await reachConfirmation(h);
    const ask = await h.click('Change quantity');
    expect(allText(ask)).toContain('How many?');
    await h.say('20');
    const [[, cartId, quantity]] = h.service.callsOf('updateCartQuantity') as [string, string, number][];
    expect(quantity).toBe(20);
    expect(h.service.callsOf('createCart')).toHaveLength(1);
    expect([...h.service.carts.keys()]).toEqual([cartId]);
    await h.click('Place order');
    expect(h.service.orders[0].lines[0].quantity).toBe(20);
  });

  it('help works in the middle of a dialog and then asks the same question again', async () => {
    const h = new DialogHarness();
    await h.say('buy for fabrikam');
    await h.click('Perpetual software');
    await h.click('Windows Server 2022');
    await h.click('16 Core');
    const replies = await h.say('help');
    expect(allText(replies)).toContain('**buy**');
    expect(allText(replies)).toContain('How many? (1–500)');
  });
});

describe('untrusted card submits', () => {
  it('a forged id changes nothing and gets a clear message', async () => {
    const h = new DialogHarness();
    await reachConfirmation(h);
    const replies = await h.submit({ verb: 'placeOrder', id: 'forgedforgedforged' });
    expect(allText(replies)).toMatch(/isn't active any more/);
    expect(h.service.callsOf('checkout')).toHaveLength(0);
  });

  it.each([
    [{ verb: 'placeOrder' }],
    [{ verb: 'launchMissiles', id: 'abc' }],
    [{ verb: 'placeOrder', id: 'x', cartId: 'c' }],
    ['text'],
    [[1, 2]],
  ])('a malformed submit %j is refused without changing anything', async (value) => {
    const h = new DialogHarness();
    await reachConfirmation(h);
    const replies = await h.submit(value);
    expect(allText(replies)).toContain("I couldn't read that card action, so nothing changed.");
    expect(h.service.callsOf('checkout')).toHaveLength(0);
    await h.click('Place order');
    expect(h.service.orders).toHaveLength(1);
  });

  it("another user's Place order button does nothing for them", async () => {
    const h = new DialogHarness();
    await reachConfirmation(h);
    const replies = await h.click('Place order', { id: 'someone-else', name: 'Mallory' });
    expect(allText(replies)).toContain('That card was shown to someone else');
    expect(h.service.callsOf('checkout')).toHaveLength(0);
  });
});
