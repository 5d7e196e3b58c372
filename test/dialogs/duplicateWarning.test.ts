import { duplicateWarning } from '../../dialogs/duplicateWarning';
import type { CheckoutRecord } from '../../services/checkout/CheckoutLedger';

const NOW = Date.parse('2026-11-30T15:00:00Z');
const fabrikam = { companyName: 'Fabrikam' };

function record(createdAt: string, quantity: number): CheckoutRecord {
  // Only what the warning reads; the rest of a ledger record plays no part in it.
  return {
    key: `k-${createdAt}`,
    createdAt,
    state: 'done',
    item: { productId: 'P', skuId: '0001', title: 'Windows Server 2022', quantity },
    result: { orders: [{ id: 'ORD-1' }], problems: [] },
  } as unknown as CheckoutRecord;
}

describe('the duplicate warning', () => {
  it('leads with the date when the newest earlier purchase is days old: "You bought 10 of these for Fabrikam on Nov 28 — buy again?"', () => {
    const text = duplicateWarning(fabrikam, [], NOW, [
      {
        orderId: 'PC-9',
        createdAt: '2026-11-28T10:00:00Z',
        quantity: 10,
        title: 'Windows Server 2022',
        status: 'completed',
      },
    ]);
    expect(text.split('\n')[0]).toBe('**You bought 10 of these for Fabrikam on Nov 28 — buy again?**');
    expect(text).toContain('- on Nov 28: 10 × Windows Server 2022 — order PC-9 in Partner Center (completed)');
    expect(text).toMatch(/Nothing new has been bought/);
  });

  it('lists the bot’s own checkouts and Partner Center’s orders newest first, recent ones in minutes', () => {
    const text = duplicateWarning(fabrikam, [record('2026-11-30T14:40:00Z', 3)], NOW, [
      {
        orderId: 'PC-9',
        createdAt: '2026-11-25T10:00:00Z',
        quantity: 10,
        title: 'Windows Server 2022',
        status: 'completed',
      },
    ]);
    const lines = text.split('\n');
    expect(lines[0]).toBe('**You already ordered this for Fabrikam:**');
    expect(lines[1]).toMatch(/^- 20 minutes ago: 3 × Windows Server 2022 — placed as order ORD-1$/);
    expect(lines[2]).toMatch(/^- on Nov 25: 10 × /);
  });

  it('writes the day in the reader’s language', () => {
    const text = duplicateWarning(
      fabrikam,
      [],
      NOW,
      [{ orderId: 'PC-9', createdAt: '2026-11-28T10:00:00Z', quantity: 10, title: 'X', status: 'completed' }],
      'de-DE',
    );
    expect(text.split('\n')[0]).toContain('on 28. Nov.');
  });
});
