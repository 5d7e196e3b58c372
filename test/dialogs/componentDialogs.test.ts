import { DialogTurnStatus } from 'botbuilder-dialogs';
import { CartCheckoutDialog, CartCheckoutOptions } from '../../dialogs/CartCheckoutDialog';
import { DiscoverProductDialog, ProductChoice } from '../../dialogs/DiscoverProductDialog';
import { QuantityChoice, QuantityDialog } from '../../dialogs/QuantityDialog';
import { SelectCustomerDialog } from '../../dialogs/SelectCustomerDialog';
import type { CustomerDetails } from '../../services/purchase/types';
import { allText, DialogHarness } from '../support/dialogHarness';
import { FakePurchaseService, REGISTERED_SUBSCRIPTION } from '../support/FakePurchaseService';

const FABRIKAM: CustomerDetails = {
  id: 'c-fabrikam',
  companyName: 'Fabrikam Inc',
  domain: 'fabrikam.onmicrosoft.com',
  country: 'US',
  countryName: 'United States',
};

describe('each dialog on its own, answered by typing', () => {
  it('SelectCustomerDialog ends with the chosen customer and remembers it', async () => {
    const h = new DialogHarness(undefined, undefined, {
      create: (deps) => new SelectCustomerDialog(deps),
      options: { correlationId: 'corr-1', query: 'contos' },
    });
    const replies = await h.say('start');
    expect(allText(replies)).toContain("Customers matching 'contos'");
    await h.say('Contoso Pharmaceuticals');
    expect(h.client.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
    expect((h.client.dialogTurnResult.result as CustomerDetails).id).toBe('c-contosopharma');
    expect(h.service.calls.every((c) => c.ctx.correlationId === 'corr-1')).toBe(true);
  });

  it('DiscoverProductDialog ends with product, SKU and term', async () => {
    const h = new DialogHarness(undefined, undefined, {
      create: (deps) => new DiscoverProductDialog(deps),
      options: { correlationId: 'corr-2', customer: FABRIKAM },
    });
    await h.say('start');
    await h.say('Perpetual software');
    await h.say('Windows Server 2022');
    await h.say('Windows Server 2022 Standard - 2 Core');
    const choice = h.client.dialogTurnResult.result as ProductChoice;
    expect(h.client.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
    expect(choice.category).toBe('perpetual-software');
    expect(choice.sku.skuId).toBe('0002');
    expect(choice.term.termDuration).toBeUndefined();
  });

  it('QuantityDialog builds the reservation provisioning context from the answers', async () => {
    const service = new FakePurchaseService();
    const [sku] = await service.listSkus({ correlationId: 'x' }, FABRIKAM, 'RIDV50000001');
    const [term] = await service.listTerms({ correlationId: 'x' }, FABRIKAM, 'RIDV50000001', '0001');
    const h = new DialogHarness(service, undefined, {
      create: (deps) => new QuantityDialog(deps),
      options: { sku, term, azureSubscriptionId: REGISTERED_SUBSCRIPTION },
    });
    expect(allText(await h.say('start'))).toContain('How many? (1–50)');
    expect(allText(await h.say('51'))).toContain('more than the maximum of 50');
    expect(allText(await h.say('3'))).toContain('Which scope');
    await h.say('single');
    expect(h.client.dialogTurnResult.result as QuantityChoice).toEqual({
      quantity: 3,
      provisioningContext: { scope: 'single', subscriptionId: REGISTERED_SUBSCRIPTION, duration: '1Year' },
    });
  });

  it('CartCheckoutDialog builds the cart, confirms and has the order placed once', async () => {
    const service = new FakePurchaseService();
    const [sku] = await service.listSkus({ correlationId: 'x' }, FABRIKAM, 'VSPRO0000001');
    const [term] = await service.listTerms({ correlationId: 'x' }, FABRIKAM, 'VSPRO0000001', '0001');
    const options: CartCheckoutOptions = {
      correlationId: 'corr-4',
      customer: FABRIKAM,
      product: { productId: 'VSPRO0000001', title: 'Visual Studio Professional', description: '' },
      sku,
      term,
      quantity: 7,
    };
    const h = new DialogHarness(service, undefined, { create: (deps) => new CartCheckoutDialog(deps), options });
    expect(allText(await h.say('start'))).toContain('Confirm your order');
    await h.say('place order');
    expect(h.client.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
    const [cartId] = [...service.carts.keys()];
    const [record] = await h.ledger.recordsOfCart(cartId);
    expect(record?.state).toBe('done');
    expect(record?.result?.orders[0].lines[0].quantity).toBe(7);
    expect(service.callsOf('checkout')).toHaveLength(1);
  });
});
