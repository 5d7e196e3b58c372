import { textFor } from '../../i18n/text';
import { auditListText } from '../../dialogs/security/auditListText';
import type { AuditEntry } from '../../services/audit/AuditEntry';
import { plantedLinks } from '../support/plantedMarkdown';
import { readableText } from '../support/readableText';

const entry: AuditEntry = {
  at: '2026-03-12T17:10:51.000Z',
  result: 'done',
  user: { objectId: 'aad-alex', name: 'Alex **Admin** [me](https://evil.example/me)', tenantId: 'tenant-1' },
  customer: { id: 'c1', companyName: 'Contoso Ltd [Verify your payment here](https://evil.example/phish)' },
  cartId: 'cart_1',
  item: { productId: 'DZH318Z0BQ3P', skuId: '0001', title: 'Virtual Machines Dv5 — Standard_D2s_v5', quantity: 3 },
  requestId: 'req_1',
  correlationId: 'corr_1',
  orderIds: ['Order_ID_1'],
  detail: 'line one\n# line two',
};

describe('the audit list', () => {
  it('shows ids and names exactly as stored (Standard_D2s_v5, not StandardD2sv5) with no link of their own', () => {
    const text = auditListText([entry], textFor('en-US'));
    expect(plantedLinks(text)).toEqual([]);
    const read = readableText(text);
    expect(read).toContain('Virtual Machines Dv5 — Standard_D2s_v5 × 3');
    expect(read).toContain('Contoso Ltd [Verify your payment here](https://evil.example/phish)');
    expect(read).toContain('Alex **Admin** [me](https://evil.example/me) (aad-alex)');
    expect(read).toContain('orders Order_ID_1');
    expect(read).toContain('cart cart_1 · MS-RequestId req_1 · correlation corr_1 · tenant tenant-1');
    // Stored text never adds a line, so it cannot start a heading or a list item of its own.
    expect(text.split('\n')).toHaveLength(4);
    expect(read).toContain('line one # line two');
  });
});
