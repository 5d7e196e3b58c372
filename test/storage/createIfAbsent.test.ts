import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SqliteStorage } from '../../services/storage/SqliteStorage';

describe('SqliteStorage.createIfAbsent', () => {
  it('creates an item once: later and concurrent attempts from other instances leave it untouched', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'create-'));
    const instances = [new SqliteStorage({ directory: dir }), new SqliteStorage({ directory: dir })];
    try {
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => instances[i % 2].createIfAbsent('ledger/cart-1', { owner: `turn-${i}` })),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      const stored = (await instances[1].read(['ledger/cart-1']))['ledger/cart-1'];
      expect(stored.owner).toBe(`turn-${winner}`);
      expect(typeof stored.eTag).toBe('string');
      expect(await instances[0].createIfAbsent('ledger/cart-1', { owner: 'late' })).toBe(false);
      expect((await instances[0].read(['ledger/cart-1']))['ledger/cart-1'].owner).toBe(`turn-${winner}`);
    } finally {
      instances.forEach((s) => s.close());
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
