import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../simulator/server';

/** A response as the tests look at it. */
export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  bytes: Buffer;
  json: () => unknown;
}

/** Options of one API call. */
export interface CallOptions {
  token?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A started simulator with small helpers to call its API and control endpoints over real HTTP. */
export class SimulatorHarness {
  private constructor(readonly simulator: RunningSimulator) {}

  /** Starts a simulator on 127.0.0.1 port 0. */
  static async start(options: SimulatorOptions = {}): Promise<SimulatorHarness> {
    return new SimulatorHarness(await startSimulator({ host: '127.0.0.1', port: 0, ...options }));
  }

  /** Calls the API; token defaults to an app-only bearer, `null` sends none. */
  async call(method: string, path: string, options: CallOptions = {}): Promise<TestResponse> {
    const headers: Record<string, string> = { Accept: 'application/json', ...(options.headers ?? {}) };
    const token = options.token === undefined ? 'local-app' : options.token;
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(this.simulator.url + path, { method, headers, body });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    return { status: response.status, headers: response.headers, text, bytes, json: () => JSON.parse(text) };
  }

  /** GET returning parsed JSON, failing the test on a non-200. */
  async getJson<T = Record<string, unknown>>(path: string, token?: string): Promise<T> {
    const response = await this.call('GET', path, { token });
    if (response.status !== 200) throw new Error(`GET ${path} -> ${response.status} ${response.text}`);
    return response.json() as T;
  }

  /** Follows a `links.next` (relative URI without /v1, plus its headers) and returns the parsed page. */
  async getJsonWith(next: { uri: string; headers: { key: string; value: string }[] }, token?: string): Promise<Json> {
    const headers = Object.fromEntries(next.headers.map((header) => [header.key, header.value]));
    const response = await this.call('GET', `/v1${next.uri}`, { headers, token });
    if (response.status !== 200) throw new Error(`GET ${next.uri} -> ${response.status} ${response.text}`);
    return response.json() as Json;
  }

  /** Calls a control endpoint. */
  async control(method: string, path: string, body?: unknown): Promise<TestResponse> {
    return this.call(method, `/_simulator/${path}`, { token: null, body });
  }

  /** Moves simulated time forward. */
  async advance(seconds: number): Promise<void> {
    const response = await this.control('POST', 'clock', { advanceSeconds: seconds });
    if (response.status !== 200) throw new Error(`clock advance failed: ${response.status}`);
  }

  /** Stops the simulator. */
  close(): Promise<void> {
    return this.simulator.close();
  }
}

/** Loose JSON object access for assertions. */
export type Json = Record<string, unknown> & { items?: Json[] };

/** The customers (list items) of the seed, read through the API. */
export async function allCustomers(harness: SimulatorHarness): Promise<Json[]> {
  const page = await harness.getJson<Json>('/v1/customers');
  return page.items ?? [];
}

/** Finds a seeded customer by company name and returns its full record. */
export async function customerNamed(harness: SimulatorHarness, companyName: string): Promise<Json> {
  const customers = await allCustomers(harness);
  const item = customers.find((customer) => (customer.companyProfile as Json).companyName === companyName);
  if (!item) throw new Error(`no customer named ${companyName}`);
  return harness.getJson<Json>(`/v1/customers/${String(item.id)}`);
}

/**
 * The current catalogItemId of the first availability of a SKU in a country; `reservationScope: 'AzurePlan'` reads a
 * reservation from the Azure plan catalog (Contoso's subscriptions are Azure plans), without it the Microsoft Azure one.
 */
export async function catalogItemId(
  harness: SimulatorHarness,
  productId: string,
  skuId: string,
  country: string,
  reservationScope?: 'AzurePlan',
): Promise<string> {
  const scope = reservationScope ? `&reservationScope=${reservationScope}` : '';
  const page = await harness.getJson<Json>(
    `/v1/products/${productId}/skus/${skuId}/availabilities?country=${country}${scope}`,
  );
  const first = page.items?.[0];
  if (!first) throw new Error(`no availability for ${productId}/${skuId} in ${country}`);
  return String(first.catalogItemId);
}
