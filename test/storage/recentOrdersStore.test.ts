import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RecentOrdersStore } from '../../services/storage/RecentOrdersStore';
import { SqliteStorage } from '../../services/storage/SqliteStorage';

describe('recent orders placed by the bot', () => {
  it('keeps orders for 15 minutes per customer, newest first', async () => {
    let now = Date.parse('2026-11-24T10:00:00Z');
    const dir = mkdtempSync(path.join(tmpdir(), 'recent-'));
    const storage = new SqliteStorage({ directory: dir });
    const store = new RecentOrdersStore(storage, () => now);
    await store.add({ orderId: 'o1', customerId: 'c1', placedAt: new Date(now).toISOString() });
    now += 5 * 60 * 1000;
    await store.add({ orderId: 'o2', customerId: 'c1', placedAt: new Date(now).toISOString() });
    await store.add({ orderId: 'o3', customerId: 'c2', placedAt: new Date(now).toISOString() });
    expect((await store.list('c1')).map((o) => o.orderId)).toEqual(['o2', 'o1']);
    now += 11 * 60 * 1000;
    expect((await store.list('c1')).map((o) => o.orderId)).toEqual(['o2']);
    expect((await store.list('c2')).map((o) => o.orderId)).toEqual(['o3']);
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no order when two bot instances record at the same time', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'recent-'));
    const a = new SqliteStorage({ directory: dir });
    const b = new SqliteStorage({ directory: dir });
    try {
      const storeA = new RecentOrdersStore(a);
      const storeB = new RecentOrdersStore(b);
      const at = new Date().toISOString();
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? storeA : storeB).add({ orderId: `o${i}`, customerId: 'c1', placedAt: at }),
        ),
      );
      expect((await storeA.list('c1')).map((o) => o.orderId).sort()).toEqual(
        Array.from({ length: 10 }, (_, i) => `o${i}`).sort(),
      );
    } finally {
      a.close();
      b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
