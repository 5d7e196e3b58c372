import type { PriceAnswer, PriceQuestion } from '../../services/purchase/PriceSheetService';
import { allText, DialogHarness } from '../support/dialogHarness';
import { REGISTERED_SUBSCRIPTION } from '../support/FakePurchaseService';

/** A price sheet that prices the one-year term and has nothing for the three-year one. */
const prices = {
  asked: [] as PriceQuestion[],
  async quote(_ctx: unknown, question: PriceQuestion): Promise<PriceAnswer> {
    this.asked.push(question);
    if (question.termDuration !== 'P1Y') return { available: false, reason: 'not-in-sheet', detail: 'none' };
    return {
      available: true,
      unitPrice: 1234.5,
      currency: 'USD',
      inRequestedCurrency: true,
      sheetDate: '2026-11-30',
      estimate: true,
      view: 'azure_reservations',
      market: 'US',
    };
  },
};

describe('the term pick card shows each term’s price from the price sheet', () => {
  it('unit price and sheet date where the sheet has one, "price not available" where not, asked in the reservation sheet', async () => {
    const h = new DialogHarness(undefined, undefined, undefined, { prices });
    await h.say('buy for contoso ltd');
    await h.click('Azure reserved VM instances');
    await h.say(REGISTERED_SUBSCRIPTION);
    await h.click('Reserved VM Instance, Dv5 series');
    const card = allText(await h.click('Standard_D2s_v5 East US'));
    expect(card).toContain('Which term?');
    expect(card).toContain('$1,234.50 per unit for the term · price sheet of 2026-11-30, estimate');
    expect(card).toContain('price not available');
    expect(prices.asked.map((q) => [q.category, q.termDuration])).toEqual([
      ['azure-reservations', 'P1Y'],
      ['azure-reservations', 'P3Y'],
    ]);
  });
});
