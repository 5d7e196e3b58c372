import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seedScaleOf } from './data/seedScale';
import { SimulatorApp } from './simulatorApp';

/** How to run the simulator; every field has a default. */
export interface SimulatorOptions {
  /** Interface to listen on; default '127.0.0.1'. */
  host?: string;
  /** Port; default 4010; 0 = ephemeral. */
  port?: number;
  /** New orders are hidden from the order LIST endpoints for this long; default 60 (real: up to 15 min). */
  orderListDelaySeconds?: number;
  /** One-time orders go pending -> completed after this long; default 30. */
  orderCompletionSeconds?: number;
  /** NotRegistered -> Registering -> Registered, one step per this long after register; default 10. */
  registrationStepSeconds?: number;
  /** Requests per minute per partner for the throttled operations (CONTRACT §3.7); default 500. */
  throttlePerMinute?: number;
  /** How long a checkout stays "in flight" (a concurrent checkout of the cart gets 409 / 800064); default 50 ms. */
  checkoutProcessingMs?: number;
  /** One line per request; default: none. */
  log?: (line: string) => void;
  /**
   * Seed of the ids handed out at run time (carts, orders). Unset, they are new on every start, as Partner Center's
   * are; a fixed seed repeats them from start to start (to show what a client does when an id comes back).
   */
  runtimeSeed?: number;
  /**
   * Customers in all (default and minimum: the 64 seeded ones). The seeded customers are always there; the others are
   * generated the same on every start and come before them in list and search order.
   */
  customers?: number;
  /** OneTime invoices per currency, two months apart (default 6). */
  oneTimeInvoicesPerCurrency?: number;
  /** One-time line items of the newest USD OneTime invoice (default 263); 100,000 makes a partner-sized invoice. */
  newestInvoiceLineItems?: number;
  /**
   * Rows of products the catalog doesn't sell added to every `software` and `azure_reservations` price sheet (default 0,
   * at most 2,000,000), so a client meets a sheet of a real partner's size; they are produced as the sheet streams.
   */
  priceSheetFillerRows?: number;
}

/** Most filler rows a price sheet may have: a few hundred megabytes of CSV, enough for any benchmark. */
export const MAX_PRICE_SHEET_FILLER_ROWS = 2_000_000;

function priceSheetFillerRowsOf(rows: number | undefined): number {
  if (rows === undefined) return 0;
  if (!Number.isInteger(rows) || rows < 0 || rows > MAX_PRICE_SHEET_FILLER_ROWS) {
    throw new RangeError(
      `priceSheetFillerRows must be a whole number from 0 to ${MAX_PRICE_SHEET_FILLER_ROWS}, not ${rows}`,
    );
  }
  return rows;
}

/** A started simulator: its base URL (no trailing slash), port, and a close that ends open connections. */
export interface RunningSimulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts the local Partner Center simulator over HTTP and resolves once it is listening. A scale setting out of its
 * bounds (see SEED_SCALE_LIMITS) throws a RangeError before anything starts.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const scale = seedScaleOf({
    customers: options.customers,
    oneTimeInvoicesPerCurrency: options.oneTimeInvoicesPerCurrency,
    newestInvoiceLineItems: options.newestInvoiceLineItems,
  });
  const app = new SimulatorApp({
    orderListDelaySeconds: options.orderListDelaySeconds ?? 60,
    orderCompletionSeconds: options.orderCompletionSeconds ?? 30,
    registrationStepSeconds: options.registrationStepSeconds ?? 10,
    throttlePerMinute: options.throttlePerMinute ?? 500,
    checkoutProcessingMs: options.checkoutProcessingMs ?? 50,
    log: options.log,
    runtimeSeed: options.runtimeSeed,
    scale,
    priceSheetFillerRows: priceSheetFillerRowsOf(options.priceSheetFillerRows),
  });
  const server = createServer((req, res) => {
    app.handle(req, res).catch((error: unknown) => {
      options.log?.(`unhandled simulator error: ${String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ code: 800003, description: 'Unexpected service error', data: [], source: 'PartnerFD' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
