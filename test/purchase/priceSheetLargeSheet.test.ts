import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createPriceSheetClient } from '../../services/partnerCenter/createPriceSheetClient';
import { PriceSheetService } from '../../services/purchase/PriceSheetService';
import { startSimulator, type RunningSimulator } from '../../simulator/server';

// A garbage collection on demand, so heap figures are what is kept rather than what happens not to be collected yet.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const FILLER_ROWS = 250_000;
const MB = 1024 * 1024;
let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, priceSheetFillerRows: FILLER_ROWS });
});

afterAll(async () => {
  await simulator.close();
});

function heapUsed(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

describe('a price sheet of a real partner size', () => {
  it('loads 250,000 rows streamed, keeping a compact index and never the whole file', async () => {
    const client = createPriceSheetClient({
      baseUrl: simulator.url,
      mode: 'local',
      auth: 'app+user',
      applicationName: 'pc-bot-tests',
      timeoutMs: 120_000,
      maxRetries: 0,
      retryDeadlineMs: 120_000,
      maxRetryAfterSeconds: 5,
    });
    const logs: string[] = [];
    const service = new PriceSheetService(client, {
      refreshMs: 3_600_000,
      waitMs: 120_000,
      maxSheets: 2,
      log: (line) => logs.push(line),
    });
    const ctx = {
      correlationId: 'large-sheet',
      user: { id: 'f2b4c9e0-7d51-4a0e-9a43-3c1f0f0a2b11', name: 'Alex Wilber' },
    };

    const before = heapUsed();
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }, 5);
    const answer = await service.quote(ctx, {
      country: 'US',
      currency: 'USD',
      category: 'perpetual-software',
      productId: 'SIMF00062499',
      skuId: '0002',
    });
    clearInterval(sampler);
    const retained = heapUsed() - before;

    // The last filler row (number 249,997 of the simulator's filler: SKU 0002, perpetual) is found at its price.
    expect(answer).toMatchObject({ available: true, currency: 'USD', unitPrice: 10 + (249_997 % 997) * 3.5 });
    const loaded = /: (\d+) prices in (\d+) ms/.exec(logs.join('\n'));
    expect(Number(loaded?.[1])).toBeGreaterThanOrEqual(FILLER_ROWS);
    // Loose bounds that a busy machine still meets. The sheet is about 90 MB of CSV: read as one string it alone would
    // take 90 MB of heap, its lines as much again. Streamed, the heap holds the index (about 25 MB for 250,000 prices)
    // and a few chunks in flight.
    console.log(`peak ${Math.round(peak / MB)} MB, retained ${Math.round(retained / MB)} MB; ${logs.join('; ')}`);
    expect(retained).toBeLessThan(48 * MB);
    expect(peak).toBeLessThan(100 * MB);
  });
});
