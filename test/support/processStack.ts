import { type TsProcess, spawnTsProcess } from './tsProcess';

/** How long a process may take to start on a slow, busy machine (it transpiles the sources as it loads them). */
const START_TIMEOUT_MS = 90_000;

/** One request the simulator saw. */
export interface JournalEntry {
  method: string;
  path: string;
  requestId: string;
  status: number | string | null;
}

/** The Partner Center simulator running as its own process. */
export interface SimulatorProcess {
  url: string;
  process: TsProcess;
  /** Registers a fault for the next matching calls (see the simulator README). */
  fault(spec: Record<string, unknown>): Promise<void>;
  /** Every API request it has seen since it started. */
  requests(): Promise<JournalEntry[]>;
  /** Checkout calls it has seen. */
  checkouts(): Promise<JournalEntry[]>;
  /** Order ids of a customer as its order list shows them (the list delay is 0 in these stacks). */
  orderIds(customerId: string): Promise<string[]>;
  /** The tenant id of the first customer whose name starts with `name`. */
  customerId(name: string): Promise<string>;
}

const APP_TOKEN = { authorization: 'Bearer process-test' };

/** Starts `npm run simulator`'s program on `port` with orders listed at once; `env` adds simulator settings. */
export async function startSimulatorProcess(port: number, env: Record<string, string> = {}): Promise<SimulatorProcess> {
  const child = spawnTsProcess('simulator/main.ts', {
    PC_SIMULATOR_PORT: String(port),
    PC_SIMULATOR_ORDER_LIST_DELAY_SECONDS: '0',
    ...env,
  });
  const [, url] = await child.waitForOutput(/Partner Center simulator listening on (http:\/\/\S+)/, START_TIMEOUT_MS);
  const requests = async (): Promise<JournalEntry[]> => {
    const response = await fetch(`${url}/_simulator/requests`);
    return ((await response.json()) as { items: JournalEntry[] }).items;
  };
  return {
    url,
    process: child,
    async fault(spec) {
      const response = await fetch(`${url}/_simulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ count: 1, ...spec }),
      });
      if (response.status !== 201) throw new Error(`the simulator refused a fault: ${response.status}`);
    },
    requests,
    async checkouts() {
      return (await requests()).filter((e) => e.method === 'POST' && /\/carts\/[^/]+\/checkout$/i.test(e.path));
    },
    async orderIds(customerId) {
      const response = await fetch(`${url}/v1/customers/${customerId}/orders`, { headers: APP_TOKEN });
      return ((await response.json()) as { items: { id: string }[] }).items.map((o) => o.id);
    },
    async customerId(name) {
      const filter = JSON.stringify({ Field: 'CompanyName', Value: name, Operator: 'starts_with' });
      const response = await fetch(`${url}/v1/customers?size=1&filter=${encodeURIComponent(filter)}`, {
        headers: APP_TOKEN,
      });
      return ((await response.json()) as { items: { id: string }[] }).items[0].id;
    },
  };
}

/** The bot running as its own process (`npm run bot`'s program). */
export interface BotProcess {
  url: string;
  process: TsProcess;
}

/**
 * Starts the bot in local mode on a free loopback port with `env` (state directory, simulator address, instance id…),
 * working directory `cwd` so no developer `.env` is read; the duplicate guard is off unless `env` turns it on.
 */
export async function startBotProcess(cwd: string, env: Record<string, string>): Promise<BotProcess> {
  const child = spawnTsProcess(
    'bot/main.ts',
    { MODE: 'local', BOT_HOST: '127.0.0.1', PORT: '0', DUPLICATE_GUARD_MINUTES: '0', ...env },
    cwd,
  );
  const [, url] = await child.waitForOutput(
    /"message":"bot listening","url":"(http:\/\/127\.0\.0\.1:\d+)\/api\/messages"/,
    START_TIMEOUT_MS,
  );
  return { url, process: child };
}

/** A TCP port free on 127.0.0.1 right now (for a process that must come back on the same address). */
export async function freeTcpPort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
