import { renderEntitlementsCard } from '../../cards/renderEntitlementsCard';
import type { EntitlementView } from '../../services/lookups/types';
import { cardFacts, cardTexts } from './cardContent';
import { expectValidTeamsCard } from './expectValidTeamsCard';
import { contoso, LONG_PRODUCT_NAME } from './lookupFixtures';

const reservation: EntitlementView = {
  productId: 'DZH318Z0BQ3P',
  skuId: '0001',
  entitlementType: 'reservedinstance',
  quantity: 5,
  orderId: 'a68736758d9c',
  expiryDate: '2027-03-12T00:00:00Z',
  artifacts: [{ text: 'Reservation 1a2b3c4d-0000-4000-8000-000000000001 (Shared)' }],
  included: 0,
};

const software: EntitlementView = {
  productId: 'DG7GMGF0DWTL',
  skuId: '0002',
  entitlementType: 'software',
  quantity: 2,
  artifacts: [{ text: 'Product key XXXXX-XXXXX' }, { text: 'Download: SQL Server 2022 Standard (ISO)' }],
  included: 2,
};

describe('renderEntitlementsCard', () => {
  it('shows each entitlement with type words, ids, quantity, expiry, artifacts and included count, without buttons', () => {
    const card = renderEntitlementsCard({ customer: contoso, entitlements: [reservation, software], locale: 'en-US' });
    const { actions } = expectValidTeamsCard(card);
    expect(actions).toEqual([]);
    const texts = cardTexts(card);
    expect(texts[0]).toBe('Entitlements of Contoso Ltd');
    expect(texts).toContain('Reserved instance');
    expect(texts).toContain('Software');
    expect(texts).toContain('product DZH318Z0BQ3P · SKU 0001');
    expect(texts).toContain('product DG7GMGF0DWTL · SKU 0002');
    expect(cardFacts(card)).toEqual([
      { Quantity: '5', Expires: 'Mar 12, 2027', Order: 'a68736758d9c' },
      { Quantity: '2' },
    ]);
    expect(texts).toContain('Reservation 1a2b3c4d-0000-4000-8000-000000000001 (Shared)');
    expect(texts).toContain('Product key XXXXX-XXXXX');
    expect(texts).toContain('+2 included');
    expect(texts.filter((t) => t.startsWith('+'))).toEqual(['+2 included']);
  });

  it('leads with the name of what was bought, the ids small under it', () => {
    const card = renderEntitlementsCard({
      customer: contoso,
      entitlements: [{ ...software, name: 'Windows Server 2022 Standard - 2 Core License Pack' }],
      locale: 'en-US',
    });
    expectValidTeamsCard(card);
    const texts = cardTexts(card);
    expect(texts[2]).toBe('Windows Server 2022 Standard - 2 Core License Pack');
    expect(texts[3]).toBe('Software · product DG7GMGF0DWTL · SKU 0002');
  });

  it('offers an https download as a Download button, and keeps any other link as text', () => {
    const https = 'https://download.microsoft.com/sw/SQLServer2022.iso?sig=abc';
    const card = renderEntitlementsCard({
      customer: contoso,
      entitlements: [
        {
          ...software,
          artifacts: [
            { text: 'Download SQLServer2022.iso', download: { url: https, fileName: 'SQLServer2022.iso' } },
            { text: 'Download plain.iso', download: { url: 'http://example.com/plain.iso', fileName: 'plain.iso' } },
            { text: 'Download script', download: { url: 'javascript:alert(1)' } },
            { text: 'Download relative', download: { url: '/customers/c/artifacts/software/p/s/download' } },
          ],
        },
      ],
      locale: 'en-US',
    });
    const inspection = expectValidTeamsCard(card, { allowHttpsOpenUrl: true });
    expect(inspection.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Download SQLServer2022.iso', data: undefined },
    ]);
    expect(JSON.stringify(card)).toContain(JSON.stringify(https));
    expect(JSON.stringify(card)).not.toMatch(/http:\/\/example|javascript:|"url":"\/customers/);
    expect(cardTexts(card)).toEqual(
      expect.arrayContaining([
        'Download SQLServer2022.iso',
        'Download plain.iso',
        'Download script',
        'Download relative',
      ]),
    );
  });

  it('says the customer has no entitlements yet', () => {
    const card = renderEntitlementsCard({ customer: contoso, entitlements: [], locale: 'en-US' });
    expectValidTeamsCard(card);
    expect(cardTexts(card)).toContain('Contoso Ltd has no entitlements yet.');
  });

  it('formats the expiry date for de-DE and names the legacy VM reservation type', () => {
    const card = renderEntitlementsCard({
      customer: contoso,
      entitlements: [{ ...reservation, entitlementType: 'virtualmachinereservedinstance' }],
      locale: 'de-DE',
    });
    expectValidTeamsCard(card);
    expect(cardFacts(card)[0].Expires).toBe('12.03.2027');
    expect(cardTexts(card)).toContain('Reserved VM instance');
  });

  it('shows an unknown type as sent and keeps a long artifact line whole', () => {
    const card = renderEntitlementsCard({
      customer: contoso,
      entitlements: [
        { ...software, entitlementType: 'quantumcompute', artifacts: [{ text: LONG_PRODUCT_NAME }], included: 0 },
      ],
      locale: 'en-US',
    });
    expectValidTeamsCard(card);
    expect(cardTexts(card)).toContain('quantumcompute');
    expect(cardTexts(card)).toContain(LONG_PRODUCT_NAME);
  });

  it('caps a long list so the card stays within Teams limits, and says how many are not shown', () => {
    const entitlements = Array.from({ length: 30 }, (_, i) => ({
      ...software,
      productId: `P${i}`,
      artifacts: Array.from({ length: 8 }, (__, j) => ({ text: `Key ${i}-${j}` })),
    }));
    const card = renderEntitlementsCard({ customer: contoso, entitlements, locale: 'en-US' });
    expectValidTeamsCard(card);
    expect(cardFacts(card)).toHaveLength(20);
    const texts = cardTexts(card);
    expect(texts.filter((t) => t.startsWith('Key 0-'))).toHaveLength(5);
    expect(texts).toContain('+3 more artifacts · +2 included');
    expect(texts.some((t) => t.startsWith('+10 more entitlements'))).toBe(true);
    expect(JSON.stringify(card).length).toBeLessThan(28_000);
  });
});
