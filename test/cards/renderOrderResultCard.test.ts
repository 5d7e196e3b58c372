import { renderOrderResultCard } from '../../cards/renderOrderResultCard';
import { expectValidTeamsCard } from './expectValidTeamsCard';

const customer = { companyName: 'Tailspin Toys', domain: 'tailspintoys.onmicrosoft.com', countryName: 'United States' };
const ORDER_ID = 'f0a1b2c3d4e5f60718293a4b5c6d7e8f';

describe('renderOrderResultCard', () => {
  it('shows Order placed with the order id, status, billing, quantities and the customer, without buttons', () => {
    const card = renderOrderResultCard({
      customer,
      orders: [
        {
          id: ORDER_ID,
          status: 'Completed',
          billingCycle: 'One time',
          lines: [
            { name: 'Windows Server 2022 Standard - 16 Core License Pack', quantity: 4 },
            { name: 'SQL Server 2022 Standard', quantity: 2 },
          ],
        },
      ],
      problems: [],
      correlationId: 'corr-1234',
    });
    const inspection = expectValidTeamsCard(card);
    expect(inspection.actions).toEqual([]);
    expect(inspection.text).toContain('"text":"Order placed"');
    expect(inspection.text).toContain(`"text":"${ORDER_ID}","fontType":"Monospace"`);
    expect(inspection.text).toContain('Tailspin Toys (tailspintoys.onmicrosoft.com), United States');
    expect(inspection.text).toContain('4 × Windows Server 2022 Standard - 16 Core License Pack');
    expect(inspection.text).toContain('2 × SQL Server 2022 Standard');
    expect(inspection.text).toContain('Completed');
    expect(inspection.text).toContain('corr-1234');
    expect(inspection.text).not.toContain('Partner Center code');
  });

  it('shows Order not placed and each problem with its Partner Center code when nothing was ordered', () => {
    const card = renderOrderResultCard({
      customer,
      orders: [],
      problems: [
        { sentence: 'The customer has not accepted the Microsoft Customer Agreement.', code: '800002' },
        { sentence: 'The SKU is not sold in this market.', code: '800038' },
      ],
    });
    const inspection = expectValidTeamsCard(card);
    expect(inspection.text).toContain('"text":"Order not placed"');
    expect(inspection.text).not.toContain('Order ID');
    expect(inspection.text).toContain(
      '"text":"The customer has not accepted the Microsoft Customer Agreement. (Partner Center code 800002)","color":"Attention"',
    );
    expect(inspection.text).toContain('The SKU is not sold in this market. (Partner Center code 800038)');
  });

  it('shows every order id when Partner Center split the purchase, and the lines that failed', () => {
    const orders = ['order-a1', 'order-b2'].map((id) => ({
      id,
      status: 'Pending',
      billingCycle: 'Monthly',
      lines: [{ name: `Product for ${id}`, quantity: 1 }],
    }));
    const { text } = expectValidTeamsCard(
      renderOrderResultCard({ customer, orders, problems: [{ sentence: 'One line was refused.', code: '' }] }),
    );
    expect(text).toContain('"text":"order-a1"');
    expect(text).toContain('"text":"order-b2"');
    expect(text).toContain('Not ordered');
    expect(text).toContain('"One line was refused."');
  });

  it('shows Order partly placed: the order bought, then each refused group with its lines, reason, description and code', () => {
    const { text } = expectValidTeamsCard(
      renderOrderResultCard({
        customer,
        orders: [
          { id: ORDER_ID, status: 'Pending', billingCycle: 'One-time', lines: [{ name: 'Visio LTSC', quantity: 3 }] },
        ],
        problems: [
          {
            sentence: "The order didn't pass Microsoft's risk check; contact Partner Center support.",
            code: '800069',
            description: 'Refused [click here](https://evil.example)',
            lines: [{ name: 'Office LTSC Professional Plus 2021', quantity: 2 }],
          },
        ],
      }),
    );
    expect(text).toContain('"text":"Order partly placed"');
    expect(text).toContain('was not bought');
    expect(text).toContain('3 × Visio LTSC');
    expect(text).toContain('"text":"Not ordered"');
    expect(text).toContain('"text":"2 × Office LTSC Professional Plus 2021"');
    expect(text).toContain('Partner Center said: “Refused \\\\[click here\\\\](https:\u2060//evil.example)”');
    expect(text).toContain('(Partner Center code 800069)');
  });

  it('says nothing was bought only when Partner Center refused the order', () => {
    const refused = expectValidTeamsCard(
      renderOrderResultCard({ customer, orders: [], problems: [{ sentence: 'Refused.', code: '800005' }] }),
    );
    expect(refused.text).toContain('Nothing was bought.');
    const empty = expectValidTeamsCard(renderOrderResultCard({ customer, orders: [], problems: [] }));
    expect(empty.text).not.toContain('Nothing was bought.');
  });
});
