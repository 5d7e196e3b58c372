import { createServer } from 'node:net';
import { PartnerCenterError } from '../../services/partnerCenter/PartnerCenterError';
import { makeTestClient } from './support/makeTestClient';
import { startScriptedServer, type ScriptedServer } from './support/scriptedServer';
import { exampleText } from '../fixtures/partnerCenterExamples';

const order = JSON.parse(exampleText('get-order.response.json')) as Record<string, unknown>;
const ctx = { correlationId: 'corr-1111' };
const getOrder = { customerId: 'cust-1', orderId: 'order-1' };

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

async function failureOf(promise: Promise<unknown>): Promise<PartnerCenterError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PartnerCenterError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

const requestIds = () => server.requests.map((r) => r.headers['ms-requestid']);

describe('retries of one operation', () => {
  it('retries 503 with growing backoff and succeeds, sending the same MS-RequestId and correlation id each time', async () => {
    server.reply((_req, i) =>
      i < 2 ? { status: 503, json: { code: 5000, description: 'busy' } } : { status: 200, json: order },
    );
    const { client, clock } = makeTestClient(server.url);

    const result = await client.getOrder(ctx, getOrder);

    expect(result.id).toBe(order.id);
    expect(server.requests).toHaveLength(3);
    expect(new Set(requestIds()).size).toBe(1);
    expect(requestIds()[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.requests.every((r) => r.headers['ms-correlationid'] === 'corr-1111')).toBe(true);
    expect(clock.waits).toEqual([499, 999]);
  });

  it('gives up after maxRetries retries of a 500 with an http error carrying the Partner Center code', async () => {
    server.reply(() => ({
      status: 500,
      json: { code: 5000, description: 'Internal failure', data: [], source: 'PartnerFD' },
    }));
    const { client, clock } = makeTestClient(server.url);

    const error = await failureOf(client.getOrder(ctx, getOrder));

    expect(server.requests).toHaveLength(4);
    expect(clock.waits).toEqual([499, 999, 1998]);
    expect(error).toMatchObject({
      kind: 'http',
      httpStatus: 500,
      code: '5000',
      description: 'Internal failure',
      attempts: 4,
      operation: 'getOrder',
      correlationId: 'corr-1111',
      requestId: requestIds()[0],
    });
  });

  it('uses a new MS-RequestId for the next operation', async () => {
    server.reply(() => ({ status: 200, json: order }));
    const { client } = makeTestClient(server.url);

    await client.getOrder(ctx, getOrder);
    await client.getOrder(ctx, getOrder);

    expect(server.requests).toHaveLength(2);
    expect(requestIds()[0]).not.toBe(requestIds()[1]);
  });

  it.each([400, 401, 403, 404, 409, 417])('does not retry HTTP %i and reports its code', async (status) => {
    server.reply(() => ({
      status,
      json: { code: 900329, description: 'This resource does not support application-only authentication.' },
    }));
    const { client, clock } = makeTestClient(server.url);

    const error = await failureOf(client.getOrder(ctx, getOrder));

    expect(server.requests).toHaveLength(1);
    expect(clock.waits).toEqual([]);
    expect(error).toMatchObject({ kind: 'http', httpStatus: status, code: '900329', attempts: 1 });
  });

  it('stops retrying when the next backoff would pass the deadline', async () => {
    server.reply(() => ({ status: 503, json: { code: 1, description: 'busy' } }));
    const { client, clock } = makeTestClient(server.url, { retryDeadlineMs: 1000 });

    const error = await failureOf(client.getOrder(ctx, getOrder));

    expect(clock.waits).toEqual([499]);
    expect(server.requests).toHaveLength(2);
    expect(error).toMatchObject({ kind: 'http', httpStatus: 503, attempts: 2 });
  });
});

describe('throttling (429)', () => {
  const throttle = (seconds: string) => ({
    status: 429,
    headers: { 'Retry-After': seconds },
    json: { statusCode: 429, message: `Rate limit is exceeded. Try again in ${seconds} seconds.` },
  });

  it('waits the Retry-After seconds and retries with the same MS-RequestId', async () => {
    server.reply((_req, i) => (i === 0 ? throttle('7') : { status: 200, json: order }));
    const { client, clock } = makeTestClient(server.url);

    await client.getOrder(ctx, getOrder);

    expect(clock.waits).toEqual([7000]);
    expect(server.requests).toHaveLength(2);
    expect(new Set(requestIds()).size).toBe(1);
  });

  it('never retries sooner than a Retry-After above maxRetryAfterSeconds: it fails at once, carrying the wait', async () => {
    server.reply((_req, i) => (i === 0 ? throttle('300') : { status: 200, json: order }));
    const { client, clock } = makeTestClient(server.url, { maxRetryAfterSeconds: 60, retryDeadlineMs: 900_000 });

    const error = await failureOf(client.getOrder(ctx, getOrder));

    expect(clock.waits).toEqual([]);
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ kind: 'throttled', httpStatus: 429, retryAfterSeconds: 300 });
  });

  it('fails as throttled without waiting when Retry-After would pass the deadline', async () => {
    server.reply(() => throttle('45'));
    const { client, clock } = makeTestClient(server.url, { retryDeadlineMs: 30_000 });

    const error = await failureOf(client.getOrder(ctx, getOrder));

    expect(clock.waits).toEqual([]);
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({
      kind: 'throttled',
      httpStatus: 429,
      retryAfterSeconds: 45,
      attempts: 1,
      description: 'Rate limit is exceeded. Try again in 45 seconds.',
    });
  });

  it('keeps honouring Retry-After until the deadline is reached', async () => {
    server.reply(() => throttle('20'));
    const { client, clock } = makeTestClient(server.url, { retryDeadlineMs: 50_000 });

    const error = await failureOf(client.getOrder(ctx, getOrder));

    expect(clock.waits).toEqual([20_000, 20_000]);
    expect(server.requests).toHaveLength(3);
    expect(new Set(requestIds()).size).toBe(1);
    expect(error).toMatchObject({ kind: 'throttled', attempts: 3 });
  });

  it('takes the first value of a duplicated Retry-After header', async () => {
    server.reply((_req, i) => (i === 0 ? throttle('3,3') : { status: 200, json: order }));
    const { client, clock } = makeTestClient(server.url);

    await client.getOrder(ctx, getOrder);

    expect(clock.waits).toEqual([3000]);
  });
});

describe('calls someone waits for in chat', () => {
  const throttle = (seconds: string) => ({
    status: 429,
    headers: { 'Retry-After': seconds },
    json: { statusCode: 429, message: `Rate limit is exceeded. Try again in ${seconds} seconds.` },
  });
  const chat = { chatRetryDeadlineMs: 10_000, retryDeadlineMs: 120_000 };

  it('fail as throttled at once when Retry-After is longer than the chat budget, carrying the wait', async () => {
    server.reply(() => throttle('30'));
    const { client, clock } = makeTestClient(server.url, chat);

    const error = await failureOf(client.getOrder({ ...ctx, waitingSince: clock.now() }, getOrder));

    expect(clock.waits).toEqual([]);
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ kind: 'throttled', retryAfterSeconds: 30, attempts: 1 });
  });

  it('still wait out a Retry-After that fits the chat budget', async () => {
    server.reply((_req, i) => (i < 2 ? throttle('3') : { status: 200, json: order }));
    const { client, clock } = makeTestClient(server.url, chat);

    const result = await client.getOrder({ ...ctx, waitingSince: clock.now() }, getOrder);

    expect(result.id).toBe(order.id);
    expect(clock.waits).toEqual([3000, 3000]);
  });

  it('share one budget across the calls of a turn: a later call only has what is left', async () => {
    server.reply(() => throttle('4'));
    const { client, clock } = makeTestClient(server.url, chat);
    const waitingSince = clock.now();
    await clock.sleep(7_000);

    const error = await failureOf(client.getOrder({ ...ctx, waitingSince }, getOrder));

    expect(clock.waits).toEqual([7_000]);
    expect(error).toMatchObject({ kind: 'throttled', retryAfterSeconds: 4, attempts: 1 });
  });

  it('stop backing off from 5xx answers once the chat budget is spent', async () => {
    server.reply(() => ({ status: 503, json: { code: 1, description: 'busy' } }));
    const { client, clock } = makeTestClient(server.url, { ...chat, chatRetryDeadlineMs: 1_000 });

    const error = await failureOf(client.getOrder({ ...ctx, waitingSince: clock.now() }, getOrder));

    expect(clock.waits).toEqual([499]);
    expect(error).toMatchObject({ kind: 'http', httpStatus: 503, attempts: 2 });
  });

  it('leave background calls (no one waiting) on the operation deadline', async () => {
    server.reply((_req, i) => (i === 0 ? throttle('30') : { status: 200, json: order }));
    const { client, clock } = makeTestClient(server.url, chat);

    await client.getOrder(ctx, getOrder);

    expect(clock.waits).toEqual([30_000]);
  });
});

describe('broken connections and timeouts', () => {
  it('retries a reset connection with the same MS-RequestId', async () => {
    server.reply((_req, i) => (i === 0 ? { reset: true } : { status: 200, json: order }));
    const { client, clock } = makeTestClient(server.url);

    const result = await client.getOrder(ctx, getOrder);

    expect(result.id).toBe(order.id);
    expect(server.requests).toHaveLength(2);
    expect(new Set(requestIds()).size).toBe(1);
    expect(clock.waits).toEqual([499]);
  });

  it('reports kind timeout after retrying a request that never completes', async () => {
    server.reply(() => ({ hangMs: 3000 }));
    const { client, clock } = makeTestClient(server.url, { timeoutMs: 100, maxRetries: 2 });

    const error = await failureOf(client.getOrder(ctx, getOrder));

    expect(error).toMatchObject({ kind: 'timeout', attempts: 3 });
    expect(error.httpStatus).toBeUndefined();
    expect(server.requests).toHaveLength(3);
    expect(new Set(requestIds()).size).toBe(1);
    expect(clock.waits).toHaveLength(2);
  });

  it('reports kind network after retrying a refused connection', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const { client, clock } = makeTestClient(`http://127.0.0.1:${port}`);

    const error = await failureOf(client.getOrder(ctx, getOrder));

    expect(error).toMatchObject({ kind: 'network', attempts: 4 });
    expect(error.message).toContain('ECONNREFUSED');
    expect(clock.waits).toHaveLength(3);
  });
});

describe('responses that do not match the contract', () => {
  it('fails with invalid-response naming the missing fields, without retrying', async () => {
    const broken = { ...order };
    delete broken.id;
    server.reply(() => ({ status: 200, json: { ...broken, lineItems: [{ lineItemNumber: 0, quantity: 1 }] } }));
    const { client } = makeTestClient(server.url);

    const error = await failureOf(client.getOrder(ctx, getOrder));

    expect(server.requests).toHaveLength(1);
    expect(error.kind).toBe('invalid-response');
    expect(error.details).toEqual(expect.arrayContaining(['id: invalid_type', 'lineItems.0.offerId: invalid_type']));
  });

  it('fails with invalid-response on a body that is not JSON', async () => {
    server.reply(() => ({ status: 200, raw: '<html>gateway</html>' }));
    const { client } = makeTestClient(server.url);

    const error = await failureOf(client.getOrder(ctx, getOrder));

    expect(error).toMatchObject({ kind: 'invalid-response', httpStatus: 200 });
  });

  it('keeps tokens and raw payloads out of error messages and logs', async () => {
    server.reply(() => ({
      status: 500,
      json: { code: 1, description: 'boom', data: ['SECRET-PAYLOAD-DETAIL'], source: 'PartnerFD' },
    }));
    const { client, logs } = makeTestClient(server.url, {
      maxRetries: 0,
      tokenProvider: { isLocal: true, getToken: async () => 'TOKEN-abc123' },
    });

    const error = await failureOf(client.getOrder(ctx, getOrder));

    expect(server.requests[0]?.headers.authorization).toBe('Bearer TOKEN-abc123');
    const everything = `${error.message} ${JSON.stringify(error)} ${logs.join('\n')}`;
    expect(everything).not.toContain('TOKEN-abc123');
    expect(everything).not.toContain('SECRET-PAYLOAD-DETAIL');
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/GET \/v1\/customers\/cust-1\/orders\/order-1 500 \d+ms requestId=[0-9a-f-]{36}/);
  });
});
