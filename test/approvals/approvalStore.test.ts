import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApprovalStore, type ApprovalRequest } from '../../services/approvals/ApprovalStore';
import { SqliteStorage } from '../../services/storage/SqliteStorage';

function request(id: string): ApprovalRequest {
  return {
    id,
    state: 'pending',
    requester: { objectId: 'a1', name: 'Alex Wilber', key: 'u1' },
    customer: {
      id: 'c1',
      companyName: 'Contoso Ltd',
      domain: 'contoso.com',
      country: 'US',
      countryName: 'United States',
    },
    item: { productId: 'P', skuId: '0001', title: 'Windows Server', quantity: 9 },
    total: { amount: 1395, currency: 'USD', unitPrice: 155 },
    reasons: ['over-threshold'],
    cartId: 'cart-1',
    identity: {
      customerId: 'c1',
      createdAt: '2026-11-30T10:00:00Z',
      lines: [],
    } as unknown as ApprovalRequest['identity'],
    correlationId: 'corr-1',
    checkoutRequestId: 'req-1',
    createdAt: '2026-11-30T10:00:00Z',
    expiresAt: '2026-12-01T10:00:00Z',
    requesterCard: { conversationReference: { conversation: { id: 'a:1' } }, activityId: 'act-1' },
    approverCards: {},
  };
}

describe('approval requests in the state storage', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'approvals-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('survive a restart (a new connection to the same database) with their MS-RequestId, and move out of pending once', async () => {
    const first = new SqliteStorage({ directory: dir });
    await new ApprovalStore(first).create(request('r1'));
    first.close();

    const second = new SqliteStorage({ directory: dir });
    try {
      const store = new ApprovalStore(second);
      expect((await store.open()).map((r) => [r.id, r.checkoutRequestId])).toEqual([['r1', 'req-1']]);
      const at = '2026-11-30T11:00:00Z';
      const [approved, rejected] = await Promise.all([
        store.decide('r1', 'approved', { name: 'Megan Bowen' }, at),
        store.decide('r1', 'rejected', { name: 'Lee Gu' }, at),
      ]);
      // Two approvers at the same moment: exactly one decision is made, the other reads it.
      expect([approved?.moved, rejected?.moved].filter(Boolean)).toHaveLength(1);
      expect(approved?.request.state).toBe(rejected?.request.state);
      expect(await store.open()).toEqual([]);
      expect((await store.decide('r1', 'expired', undefined, at))?.moved).toBe(false);
    } finally {
      second.close();
    }
  });
});
