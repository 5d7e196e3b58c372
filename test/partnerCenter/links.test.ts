import { firstHeaderValue } from '../../services/partnerCenter/http/firstHeaderValue';
import { parseContentDispositionFileName } from '../../services/partnerCenter/http/parseContentDispositionFileName';
import { resolvePartnerCenterUrl } from '../../services/partnerCenter/http/resolvePartnerCenterUrl';

const base = 'https://api.partnercenter.microsoft.com';

describe('resolvePartnerCenterUrl', () => {
  it.each([
    ['/products/DZH318Z0BQ3Q/skus?country=US', `${base}/v1/products/DZH318Z0BQ3Q/skus?country=US`],
    ['/v1/customers?size=40', `${base}/v1/customers?size=40`],
    ['/V1/customers', `${base}/V1/customers`],
    ['customers/abc/orders/1', `${base}/v1/customers/abc/orders/1`],
    ['/v1/customers/c/carts/k/', `${base}/v1/customers/c/carts/k/`],
    ['/v10/things', `${base}/v1/v10/things`],
  ])('joins %s under the base URL with /v1', (uri, expected) => {
    expect(resolvePartnerCenterUrl(base, uri)).toBe(expected);
  });

  it('keeps a base URL path prefix and drops its trailing slash', () => {
    expect(resolvePartnerCenterUrl('http://127.0.0.1:4000/pc/', '/invoices?size=2&offset=2')).toBe(
      'http://127.0.0.1:4000/pc/v1/invoices?size=2&offset=2',
    );
  });

  it('repairs the published next link with a second question mark', () => {
    expect(resolvePartnerCenterUrl(base, '/invoices/G1/lineitems?provider=OneTime&size=2?seekOperation=Next')).toBe(
      `${base}/v1/invoices/G1/lineitems?provider=OneTime&size=2&seekOperation=Next`,
    );
  });

  it('accepts an absolute link on the same origin and refuses one elsewhere', () => {
    expect(resolvePartnerCenterUrl(base, `${base}/v1/customers`)).toBe(`${base}/v1/customers`);
    expect(() => resolvePartnerCenterUrl(base, 'https://evil.example/v1/customers')).toThrow(/outside/);
  });
});

describe('response header helpers', () => {
  it('takes the first value of a duplicated echoed header', () => {
    expect(firstHeaderValue('en-US,en-US')).toBe('en-US');
    expect(firstHeaderValue(['57', '57'])).toBe('57');
    expect(firstHeaderValue(undefined)).toBeUndefined();
  });

  it('reads plain, quoted and RFC 5987 file names and strips paths', () => {
    expect(parseContentDispositionFileName('attachment; filename=Invoice_G1.pdf')).toBe('Invoice_G1.pdf');
    expect(parseContentDispositionFileName('attachment; filename="Invoice G1.pdf"')).toBe('Invoice G1.pdf');
    expect(parseContentDispositionFileName("attachment; filename*=UTF-8''Facture%20%C3%A9.pdf")).toBe('Facture é.pdf');
    expect(parseContentDispositionFileName('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(parseContentDispositionFileName('inline')).toBeUndefined();
  });
});
