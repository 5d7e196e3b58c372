import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NewAuditEntry } from '../../services/audit/AuditEntry';
import { AuditTrail } from '../../services/audit/AuditTrail';
import { SqliteStorage } from '../../services/storage/SqliteStorage';
import { MemoryAtomicStorage } from '../support/MemoryAtomicStorage';

function attempt(cartId: string): NewAuditEntry {
  return {
    result: 'claimed',
    user: { objectId: '00000000-0000-0000-0000-0000000000a1', name: 'Alex Wilber', tenantId: 'tenant-1' },
    customer: { id: 'customer-1', companyName: 'Contoso Ltd' },
    cartId,
    item: { productId: 'DG7GMGF0D7FV', skuId: '0001', quantity: 2 },
    requestId: `request-${cartId}`,
    correlationId: `correlation-${cartId}`,
  };
}

describe('audit trail', () => {
  it('stamps each entry with the time and returns the latest ones newest first', async () => {
    let now = Date.parse('2025-03-01T09:00:00Z');
    const trail = new AuditTrail(new MemoryAtomicStorage(), () => now);
    for (let i = 1; i <= 7; i += 1) {
      await trail.append(attempt(`cart-${i}`));
      now += 1000;
    }
    const latest = await trail.latest(5);
    expect(latest.map((e) => e.cartId)).toEqual(['cart-7', 'cart-6', 'cart-5', 'cart-4', 'cart-3']);
    expect(latest[4]).toEqual({ ...attempt('cart-3'), at: '2025-03-01T09:00:02.000Z' });
  });

  it('continues into earlier days when today has fewer entries than asked for', async () => {
    let now = Date.parse('2025-03-01T23:59:59Z');
    const trail = new AuditTrail(new MemoryAtomicStorage(), () => now);
    await trail.append(attempt('yesterday-1'));
    await trail.append(attempt('yesterday-2'));
    now = Date.parse('2025-03-04T08:00:00Z');
    await trail.append(attempt('today-1'));
    expect((await trail.latest(10)).map((e) => e.cartId)).toEqual(['today-1', 'yesterday-2', 'yesterday-1']);
  });

  it('offers no way to change or remove an entry', () => {
    const methods = Object.getOwnPropertyNames(AuditTrail.prototype).filter((name) => name !== 'constructor');
    expect(methods.filter((name) => !name.startsWith('headOf') && !name.startsWith('sizeOf'))).toEqual([
      'append',
      'latest',
    ]);
  });

  it('keeps all 40 entries when two instances append 20 each at the same time (shared memory store)', async () => {
    const storage = new MemoryAtomicStorage();
    const first = new AuditTrail(storage);
    const second = new AuditTrail(storage);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => [first.append(attempt(`a-${i}`)), second.append(attempt(`b-${i}`))]).flat(),
    );
    const all = await first.latest(50);
    expect(all).toHaveLength(40);
    expect(new Set(all.map((e) => e.cartId)).size).toBe(40);
  });

  it('keeps all 40 entries when two instances on separate SQLite connections append 20 each at the same time', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'audit-'));
    const storageA = new SqliteStorage({ directory });
    const storageB = new SqliteStorage({ directory });
    try {
      const first = new AuditTrail(storageA);
      const second = new AuditTrail(storageB);
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => [
          first.append(attempt(`a-${i}`)),
          second.append(attempt(`b-${i}`)),
        ]).flat(),
      );
      const all = await second.latest(50);
      expect(all).toHaveLength(40);
      expect(new Set(all.map((e) => e.cartId)).size).toBe(40);
    } finally {
      storageA.close();
      storageB.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
