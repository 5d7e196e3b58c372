import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LocalTokenProvider } from '../services/partnerCenter/auth/LocalTokenProvider';
import { PartnerCenterTransport } from '../services/partnerCenter/http/PartnerCenterTransport';
import { PriceSheetClient } from '../services/partnerCenter/PriceSheetClient';
import { PriceSheetService } from '../services/purchase/PriceSheetService';
import { startDistProcess } from './distProcess';

// `npm run bench:priceSheet [-- --rows N --rounds N]`: how long the bot takes to download, parse and index a price sheet
// of N rows (default 200,000) from the simulator, zipped and plain, and how much memory that takes. The simulator runs
// as its own process so its work is not counted here; run with --expose-gc (the npm script does) so the heap figures
// are what is kept, not garbage not collected yet.

const MB = 1024 * 1024;

function option(argv: string[], name: string, fallback: number): number {
  const at = argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(argv[at + 1]);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} needs a positive whole number, not ${argv[at + 1]}`);
  return value;
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench:priceSheet does)');
  gc();
}

/** Bytes of the sheet on the wire, read and counted without keeping them. */
async function wireBytes(url: string, encoding: string): Promise<number> {
  const response = await fetch(url, {
    headers: { Authorization: 'Bearer user:bench', 'Accept-Encoding': encoding },
  });
  let bytes = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const next = await reader?.read();
    if (!next || next.done) break;
    bytes += next.value.length;
  }
  return bytes;
}

interface Round {
  ms: number;
  prices: number;
  peakHeapMb: number;
  retainedHeapMb: number;
  rssMb: number;
}

async function loadOnce(baseUrl: string, compressed: boolean): Promise<Round> {
  const transport = new PartnerCenterTransport({
    baseUrl,
    apiPathPrefix: '/v1.0',
    tokenProvider: new LocalTokenProvider({ baseUrl, auth: 'app+user' }),
    applicationName: 'pc-bot-bench',
    timeoutMs: 600_000,
    maxRetries: 0,
    retryDeadlineMs: 600_000,
    maxRetryAfterSeconds: 5,
  });
  const lines: string[] = [];
  const service = new PriceSheetService(new PriceSheetClient(transport, { compressed }), {
    refreshMs: 3_600_000,
    waitMs: 600_000,
    maxSheets: 1,
    log: (line) => lines.push(line),
  });
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed - before);
  }, 5);
  const started = performance.now();
  const answer = await service.quote(
    { correlationId: 'bench', user: { id: 'bench', name: 'bench' } },
    { country: 'US', currency: 'USD', category: 'perpetual-software', productId: 'DG7GMGF0D7FV', skuId: '0001' },
  );
  const ms = performance.now() - started;
  clearInterval(sampler);
  if (!answer.available) throw new Error(`no price: ${answer.reason} ${answer.detail}`);
  const rssMb = process.memoryUsage().rss / MB;
  collectGarbage();
  const retained = process.memoryUsage().heapUsed - before;
  const prices = Number(/: (\d+) prices/.exec(lines.join('\n'))?.[1] ?? 0);
  // Keep the service (and its index) alive until the heap was measured.
  if (!service) throw new Error('unreachable');
  return { ms, prices, peakHeapMb: peak / MB, retainedHeapMb: retained / MB, rssMb };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const rows = option(argv, '--rows', 200_000);
  const rounds = option(argv, '--rounds', 3);
  const cwd = mkdtempSync(path.join(tmpdir(), 'price-sheet-bench-'));
  const simulator = await startDistProcess({
    main: 'simulator/main.js',
    env: { PC_SIMULATOR_PORT: '0', PC_SIMULATOR_PRICE_SHEET_FILLER_ROWS: String(rows) },
    cwd,
    ready: /listening on (http:\/\/\S+)/,
  });
  const baseUrl = simulator.ready[1];
  try {
    const sheetUrl = `${baseUrl}/v1.0/sales/pricesheets(Market='US',PricesheetView='software')/$value`;
    const plainBytes = await wireBytes(sheetUrl, 'identity');
    const zippedBytes = await wireBytes(sheetUrl, 'deflate');
    console.log(
      `price sheet: US software, ${rows.toLocaleString('en-US')} filler rows + the catalog; ` +
        `${(plainBytes / MB).toFixed(1)} MB of CSV, ${(zippedBytes / MB).toFixed(1)} MB zipped; ${rounds} rounds each`,
    );
    for (const compressed of [true, false]) {
      const results: Round[] = [];
      for (let i = 0; i < rounds; i++) results.push(await loadOnce(baseUrl, compressed));
      const pick = (key: keyof Round) => median(results.map((result) => result[key]));
      console.log(
        `${compressed ? 'zipped' : 'plain '}: load ${Math.round(pick('ms'))} ms (median; ` +
          `${results.map((r) => Math.round(r.ms)).join(', ')}), ${pick('prices').toLocaleString('en-US')} prices, ` +
          `heap peak +${pick('peakHeapMb').toFixed(0)} MB, kept +${pick('retainedHeapMb').toFixed(1)} MB, ` +
          `RSS ${pick('rssMb').toFixed(0)} MB`,
      );
    }
  } finally {
    await simulator.stop();
    rmSync(cwd, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
