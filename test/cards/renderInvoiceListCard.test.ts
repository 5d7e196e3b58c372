import { parseCardAction } from '../../cards/cardAction';
import { renderInvoiceListCard } from '../../cards/renderInvoiceListCard';
import { cardTexts } from './cardContent';
import { expectValidTeamsCard } from './expectValidTeamsCard';
import { invoice } from './lookupFixtures';

/** Every TextBlock of a card with its styling. */
function textBlocks(card: object): { text: string; color?: string; weight?: string }[] {
  const found: { text: string; color?: string; weight?: string }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const block = node as { type?: unknown; text?: unknown; color?: string; weight?: string };
      if (block.type === 'TextBlock' && typeof block.text === 'string') {
        found.push({ text: block.text, color: block.color, weight: block.weight });
      }
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

describe('renderInvoiceListCard', () => {
  it('shows one invoice with id, date, type, total and state, and an Open button for its id', () => {
    const card = renderInvoiceListCard({ invoices: [{ ...invoice(), openId: 'inv-1' }], locale: 'en-US' });
    const { actions, text } = expectValidTeamsCard(card);
    expect(text).toContain('"text":"G000024135","fontType":"Monospace"');
    const texts = cardTexts(card);
    expect(texts).toContain('Mar 1, 2026 · One-time');
    expect(texts).toContain('€1,234.50');
    expect(texts).toContain('Paid');
    expect(actions).toEqual([{ type: 'Action.Execute', title: 'Open', data: { verb: 'openInvoice', id: 'inv-1' } }]);
  });

  it('lists many invoices with their own ids and a More button', () => {
    const invoices = Array.from({ length: 10 }, (_, i) => ({
      ...invoice({
        id: `D0${i}`,
        invoiceType: i % 2 ? 'Recurring' : 'OneTime',
        state: i % 3 ? ('open' as const) : ('paid' as const),
        currencyCode: 'USD',
      }),
      openId: `i${i}`,
    }));
    const card = renderInvoiceListCard({ invoices, moreId: 'next-page', locale: 'en-US' });
    const { actions } = expectValidTeamsCard(card);
    expect(actions.map((action) => parseCardAction(action.data))).toEqual([
      ...invoices.map((item) => ({ verb: 'openInvoice', id: item.openId })),
      { verb: 'more', id: 'next-page' },
    ]);
    const texts = cardTexts(card);
    expect(texts.filter((t) => t === 'Mar 1, 2026 · Recurring')).toHaveLength(5);
    expect(texts.filter((t) => t === '$1,234.50')).toHaveLength(10);
    expect(texts.filter((t) => t === 'Not yet paid')).toHaveLength(6);
  });

  it('formats for ja-JP in JPY and leaves out a missing date', () => {
    const card = renderInvoiceListCard({
      invoices: [
        {
          ...invoice({ currencyCode: 'JPY', totalCharges: 98765, invoiceDate: undefined, state: 'open' }),
          openId: 'i1',
        },
      ],
      locale: 'ja-JP',
    });
    expectValidTeamsCard(card);
    const texts = cardTexts(card);
    expect(texts).toContain('One-time');
    expect(texts.some((t) => /^[¥￥]98,765$/.test(t))).toBe(true);
    expect(texts).toContain('Not yet paid');
  });

  it('draws "Not yet paid" bold in Attention (red), which reads on light and dark themes, and "Paid" in Good', () => {
    const card = renderInvoiceListCard({
      invoices: [
        { ...invoice({ id: 'G1', state: 'open' }), openId: 'a' },
        { ...invoice({ id: 'G2', state: 'paid' }), openId: 'b' },
      ],
      locale: 'en-US',
    });
    expectValidTeamsCard(card);
    const blocks = textBlocks(card);
    expect(blocks.find((b) => b.text === 'Not yet paid')).toMatchObject({ color: 'Attention', weight: 'Bolder' });
    expect(blocks.find((b) => b.text === 'Paid')).toMatchObject({ color: 'Good' });
    expect(JSON.stringify(card)).not.toContain('"Warning"');
  });

  it('says there are no invoices and offers no buttons', () => {
    const card = renderInvoiceListCard({ invoices: [], locale: 'en-US' });
    const { actions } = expectValidTeamsCard(card);
    expect(actions).toEqual([]);
    expect(cardTexts(card)).toContain('No invoices yet.');
  });
});
