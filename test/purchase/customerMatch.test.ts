import { byMatchThenName, customerMatchOf } from '../../services/purchase/customerMatch';
import type { CustomerSummary } from '../../services/purchase/types';

const customer = (companyName: string, domain: string): CustomerSummary => ({ id: domain, companyName, domain });

describe('how a customer matches what was typed', () => {
  it.each([
    ['Contoso Ltd', 'Contoso Ltd', 'contoso.onmicrosoft.com', 'exact'],
    ['  contoso   LTD ', 'Contoso Ltd', 'contoso.onmicrosoft.com', 'exact'],
    ['contoso.onmicrosoft.com', 'Contoso Ltd', 'contoso.onmicrosoft.com', 'exact'],
    ['contoso', 'Contoso Ltd', 'contoso.onmicrosoft.com', 'tenant'],
    ['contoso', 'Contoso Pharmaceuticals', 'contosopharma.onmicrosoft.com', 'prefix'],
    ['contosopharma', 'Contoso Pharmaceuticals', 'contosopharma.onmicrosoft.com', 'tenant'],
    ['contoso p', 'Contoso Pharmaceuticals', 'contosopharma.onmicrosoft.com', 'prefix'],
  ] as const)('"%s" matches %s (%s) as %s', (typed, companyName, domain, expected) => {
    expect(customerMatchOf(typed, customer(companyName, domain))).toBe(expected);
  });

  it('puts exact matches first, then the tenant named, then the rest by name', () => {
    const sorted = [
      customer('Contoso Pharmaceuticals', 'contosopharma.onmicrosoft.com'),
      customer('Contoso Analytics', 'contosoanalytics.onmicrosoft.com'),
      customer('Contoso Ltd', 'contoso.onmicrosoft.com'),
      customer('Contoso', 'contosogroup.onmicrosoft.com'),
    ].sort(byMatchThenName('contoso'));
    expect(sorted.map((c) => c.companyName)).toEqual([
      'Contoso',
      'Contoso Ltd',
      'Contoso Analytics',
      'Contoso Pharmaceuticals',
    ]);
  });
});
