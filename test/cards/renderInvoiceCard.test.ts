import { parseCardAction } from '../../cards/cardAction';
import { renderInvoiceCard } from '../../cards/renderInvoiceCard';
import type { InvoiceLineSummary } from '../../services/lookups/types';
import { cardFacts, cardTexts } from './cardContent';
import { expectValidTeamsCard } from './expectValidTeamsCard';
import { invoice, LONG_PRODUCT_NAME } from './lookupFixtures';

/** The TextBlock saying whether the invoice is paid, with its colour and weight. */
function stateBlock(card: object): { text: unknown; color: unknown; weight: unknown } | undefined {
  const body = (card as { body: { type: string; text?: unknown; color?: unknown; weight?: unknown }[] }).body;
  const block = body.find((element) => element.type === 'TextBlock' && element.color !== undefined);
  return block && { text: block.text, color: block.color, weight: block.weight };
}

const FROM_LIST_NOTE = 'Details from the invoice list (reading an invoice by id needs a signed-in user).';

function summary(groupCount: number, lineItemCount: number): InvoiceLineSummary {
  return {
    lineItemCount,
    pagesRead: 3,
    groups: Array.from({ length: groupCount }, (_, i) => ({
      customerName: `Customer ${i}`,
      customerId: `c${i}`,
      productName: `Product ${i}`,
      quantity: i + 1,
      // Deliberately out of order so the card has to sort.
      total: ((i * 7) % groupCount) * 100 + 50,
      currencyCode: 'EUR',
    })),
  };
}

describe('renderInvoiceCard', () => {
  it('shows the invoice facts and a Statement PDF button with its id', () => {
    const card = renderInvoiceCard({
      details: { invoice: invoice(), fromList: false },
      statementId: 'st-1',
      locale: 'en-US',
    });
    const { actions, text } = expectValidTeamsCard(card);
    expect(text).toContain('"text":"G000024135","fontType":"Monospace"');
    expect(cardFacts(card)).toEqual([
      {
        Date: 'Mar 1, 2026',
        'Billing period': 'Feb 1, 2026 – Feb 28, 2026',
        Total: '€1,234.50',
        Paid: '€1,234.50',
        Type: 'One-time',
      },
    ]);
    expect(actions).toEqual([
      { type: 'Action.Execute', title: 'Statement PDF', data: { verb: 'statement', id: 'st-1' } },
    ]);
    expect(parseCardAction(actions[0].data)).toEqual({ verb: 'statement', id: 'st-1' });
    expect(cardTexts(card)).not.toContain(FROM_LIST_NOTE);
    expect(stateBlock(card)).toEqual({ text: 'Paid', color: 'Good', weight: 'Bolder' });
  });

  it('summarises one-time charges: the count, the ten largest groups first, and a More charges button for the rest', () => {
    const card = renderInvoiceCard({
      details: { invoice: invoice(), oneTime: summary(13, 263), fromList: false },
      statementId: 'st-1',
      moreChargesId: 'more-1',
      locale: 'en-US',
    });
    const { actions } = expectValidTeamsCard(card);
    const texts = cardTexts(card);
    expect(texts).toContain('263 one-time charges');
    const groups = texts.filter((t) => t.startsWith('Customer '));
    expect(groups).toHaveLength(10);
    expect(groups[0]).toBe('Customer 11 · Product 11 · quantity 12 · €1,250.00');
    const totals = groups.map((t) => Number(t.split('€')[1].replace(/,/g, '')));
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(texts).toContain('Groups 1–10 of 13, largest first · **More charges** (or type **more**) for the next ten');
    expect(actions.map((action) => parseCardAction(action.data))).toEqual([
      { verb: 'statement', id: 'st-1' },
      { verb: 'more', id: 'more-1' },
    ]);
  });

  it('shows the next groups of charges from chargesFrom, and no More charges button after the last', () => {
    const first = cardTexts(
      renderInvoiceCard({
        details: { invoice: invoice(), oneTime: summary(13, 263), fromList: false },
        statementId: 'st-1',
        locale: 'en-US',
      }),
    ).filter((t) => t.startsWith('Customer '));
    const card = renderInvoiceCard({
      details: { invoice: invoice(), oneTime: summary(13, 263), fromList: false },
      statementId: 'st-1',
      chargesFrom: 10,
      locale: 'en-US',
    });
    const { actions } = expectValidTeamsCard(card);
    const texts = cardTexts(card);
    const groups = texts.filter((t) => t.startsWith('Customer '));
    expect(groups).toHaveLength(3);
    expect(groups.filter((g) => first.includes(g))).toEqual([]);
    expect(texts).toContain('Groups 11–13 of 13, largest first');
    expect(actions.map((action) => action.title)).toEqual(['Statement PDF']);
  });

  it('shows a single group without a "more" line, and a long product name whole', () => {
    const oneTime: InvoiceLineSummary = {
      lineItemCount: 1,
      pagesRead: 1,
      groups: [
        {
          customerName: 'Fabrikam',
          customerId: 'f',
          productName: LONG_PRODUCT_NAME,
          quantity: 4,
          total: 400,
          currencyCode: 'EUR',
        },
      ],
    };
    const card = renderInvoiceCard({
      details: { invoice: invoice(), oneTime, fromList: false },
      statementId: 's',
      locale: 'en-US',
    });
    expectValidTeamsCard(card);
    const texts = cardTexts(card);
    expect(texts).toContain('1 one-time charge');
    expect(texts).toContain(`Fabrikam · ${LONG_PRODUCT_NAME} · quantity 4 · €400.00`);
    expect(texts.join('\n')).not.toContain('more group');
  });

  it('says when the invoice has no one-time charges', () => {
    const card = renderInvoiceCard({
      details: { invoice: invoice({ invoiceType: 'Recurring' }), oneTime: summary(0, 0), fromList: false },
      statementId: 's',
      locale: 'en-US',
    });
    expectValidTeamsCard(card);
    expect(cardTexts(card)).toContain('No one-time charges on this invoice.');
    expect(cardFacts(card)[0].Type).toBe('Recurring');
  });

  it('notes details from the invoice list, and formats an open CHF invoice for fr-CH', () => {
    const card = renderInvoiceCard({
      details: {
        invoice: invoice({
          currencyCode: 'CHF',
          totalCharges: 1234.5,
          paidAmount: 0,
          state: 'open',
          documentType: 'adjustment_note',
        }),
        fromList: true,
      },
      statementId: 's',
      locale: 'fr-CH',
    });
    expectValidTeamsCard(card);
    expect(cardTexts(card)).toContain(FROM_LIST_NOTE);
    const facts = cardFacts(card)[0];
    expect(facts.Date).toBe('1 mars 2026');
    expect(facts.Total).toMatch(/^1 234[.,]50 CHF$/);
    expect(facts.State).toBeUndefined();
    expect(stateBlock(card)).toEqual({ text: 'Not yet paid', color: 'Attention', weight: 'Bolder' });
    expect(facts.Document).toBe('Adjustment note');
  });
});
