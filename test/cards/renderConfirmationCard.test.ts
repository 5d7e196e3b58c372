import { ConfirmationCardData, renderConfirmationCard } from '../../cards/renderConfirmationCard';
import { readableText } from '../support/readableText';
import { expectValidTeamsCard } from './expectValidTeamsCard';

const customer = { companyName: 'Fabrikam Inc', domain: 'fabrikam.onmicrosoft.com', countryName: 'Germany' };
const actions = { placeOrder: 'po-1', changeQuantity: 'cq-1', cancel: 'cx-1' };
const vmLine = {
  productTitle: 'Virtual Machines Dv5 Series',
  skuTitle: 'Standard_D2s_v5 (West Europe)',
  quantity: 3,
  termDescription: '1 year',
  billingCycle: 'Paid up front',
};

/** The card's FactSets as a person reads them. */
function facts(card: object): { title: string; value: string }[][] {
  const found: { title: string; value: string }[][] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const element = node as { type?: string; facts?: { title: string; value: string }[] };
      if (element.type === 'FactSet' && element.facts) {
        found.push(element.facts.map((fact) => ({ title: readableText(fact.title), value: readableText(fact.value) })));
      }
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

describe('renderConfirmationCard', () => {
  it('lists customer, product, SKU, quantity, term and billing, with Place order, Change quantity and Cancel', () => {
    const card = renderConfirmationCard({ customer, lines: [vmLine], actions });
    const inspection = expectValidTeamsCard(card);
    expect(inspection.text).toContain('Confirm your order');
    expect(facts(card)).toEqual([
      [
        { title: 'Customer', value: 'Fabrikam Inc (fabrikam.onmicrosoft.com), Germany' },
        { title: 'Product', value: 'Virtual Machines Dv5 Series' },
        { title: 'SKU', value: 'Standard_D2s_v5 (West Europe)' },
        { title: 'Quantity', value: '3' },
        { title: 'Term', value: '1 year' },
        { title: 'Billing', value: 'Paid up front' },
      ],
    ]);
    expect(inspection.actions).toEqual([
      { type: 'Action.Execute', title: 'Place order', data: { verb: 'placeOrder', id: 'po-1' } },
      { type: 'Action.Execute', title: 'Change quantity', data: { verb: 'changeQuantity', id: 'cq-1' } },
      { type: 'Action.Execute', title: 'Cancel', data: { verb: 'cancelPurchase', id: 'cx-1' } },
    ]);
  });

  it('omits Place order and shows the problem in attention colour when a line has a problem', () => {
    const data: ConfirmationCardData = {
      customer,
      lines: [vmLine, { ...vmLine, skuTitle: 'Standard_E4s_v5', quantity: 500, problem: 'At most 100 can be bought.' }],
      actions,
    };
    const card = renderConfirmationCard(data);
    const inspection = expectValidTeamsCard(card);
    expect(inspection.actions.map((a) => a.title)).toEqual(['Change quantity', 'Cancel']);
    expect(inspection.text).toContain('{"type":"TextBlock","text":"At most 100 can be bought.","color":"Attention"');
    expect(inspection.text).toContain('Item 2 of 2');
    expect(facts(card).map((set) => set.find((f) => f.title === 'Quantity')?.value)).toEqual(['3', '500']);
  });

  it('leaves out the Term row for a product without a term', () => {
    const { termDescription: _term, ...perpetual } = { ...vmLine, productTitle: 'Office LTSC Professional Plus 2024' };
    const card = renderConfirmationCard({ customer, lines: [{ ...perpetual, billingCycle: 'One time' }], actions });
    expectValidTeamsCard(card);
    expect(facts(card)[0].map((f) => f.title)).toEqual(['Customer', 'Product', 'SKU', 'Quantity', 'Billing']);
  });

  it('states the expiry as a Teams DATE/TIME function of a whole-second UTC timestamp', () => {
    const card = renderConfirmationCard({ customer, lines: [vmLine], expiresAt: '2030-01-02T03:04:05.678Z', actions });
    const { text } = expectValidTeamsCard(card);
    expect(text).toContain('{{TIME(2030-01-02T03:04:05Z)}} on {{DATE(2030-01-02T03:04:05Z, SHORT)}}');
  });

  it('shows the attestation of a line and says that Place order accepts it, as text only', () => {
    const attestation =
      'I understand that each person using Windows 365 Business with Windows Hybrid Benefit also needs to have a valid copy of Windows 10/11 Pro installed on their primary work device.';
    const card = renderConfirmationCard({ customer, lines: [{ ...vmLine, attestation }], actions });
    const { text, actions: buttons } = expectValidTeamsCard(card);
    expect(text).toContain(attestation);
    expect(readableText(text)).toContain(
      "Selecting **Place order** accepts it on your company's behalf, and the bot records that you did.",
    );
    expect(buttons.map((a) => a.title)).toEqual(['Place order', 'Change quantity', 'Cancel']);
    const planted = renderConfirmationCard({
      customer,
      lines: [{ ...vmLine, attestation: 'Accept [here](https://evil.example/x)\n# now' }],
      actions,
    });
    const drawn = JSON.stringify(planted);
    expect(drawn).toContain('Accept \\\\[here\\\\]');
    expect(drawn).not.toContain('](https://evil');
    const plain = expectValidTeamsCard(renderConfirmationCard({ customer, lines: [vmLine], actions })).text;
    expect(plain).not.toContain('Attestation');
    expect(plain).not.toContain('accepts it');
  });

  it('shows a long product name in full', () => {
    const productTitle = 'Microsoft 365 E5 (no Teams) Extended Security Update and Compliance Add-on '.repeat(3).trim();
    const { text } = expectValidTeamsCard(
      renderConfirmationCard({ customer, lines: [{ ...vmLine, productTitle }], actions }),
    );
    expect(text).toContain(productTitle);
  });
});
