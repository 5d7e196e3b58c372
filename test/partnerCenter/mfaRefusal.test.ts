import type { MfaRefusal } from '../../services/partnerCenter/http/PartnerCenterTransport';
import { isMfaRefusal } from '../../services/partnerCenter/isMfaRefusal';
import type { PartnerCenterCallContext } from '../../services/partnerCenter/PartnerCenterCallContext';
import { PartnerCenterError } from '../../services/partnerCenter/PartnerCenterError';
import { describePurchaseFailure } from '../../services/purchase/describePurchaseFailure';
import { makeTestClient } from './support/makeTestClient';
import { startScriptedServer, type Reply, type ScriptedServer } from './support/scriptedServer';

const ctx: PartnerCenterCallContext = { correlationId: 'corr-mfa', user: { id: 'oid-alex', name: 'Alex Wilber' } };
const MFA_SENTENCE = /Partner Center requires multi-factor sign-in/;

/** The two bodies Partner Center sends when an App+User sign-in had no MFA. */
const MFA_REFUSALS: [string, Reply][] = [
  [
    'an ApiFault with code 900421',
    {
      status: 401,
      json: { code: 900421, description: 'Authentication failed. MFA required.', data: [], source: 'PartnerFD' },
    },
  ],
  [
    'the bare text body',
    { status: 401, headers: { 'Content-Type': 'text/plain' }, raw: 'Authentication failed. MFA required.' },
  ],
];

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

async function failureOf(promise: Promise<unknown>): Promise<PartnerCenterError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error instanceof PartnerCenterError) return error;
  throw new Error(`expected a PartnerCenterError, got ${String(error)}`);
}

describe('Partner Center refusing an App+User call for lack of MFA', () => {
  it.each(MFA_REFUSALS)('recognises %s, sends it once and reports it before throwing', async (_shape, reply) => {
    server.reply(() => reply);
    const reported: { ctx: PartnerCenterCallContext; refusal: MfaRefusal }[] = [];
    const { client, clock } = makeTestClient(server.url, {
      onMfaRefusal: async (callCtx, refusal) => {
        reported.push({ ctx: callCtx, refusal });
      },
    });

    const error = await failureOf(client.checkoutCart(ctx, { customerId: 'cust-1', cartId: 'cart-1' }));

    expect(server.requests).toHaveLength(1);
    expect(clock.waits).toEqual([]);
    expect(error).toMatchObject({ kind: 'http', httpStatus: 401, attempts: 1 });
    expect(error.description).toMatch(/MFA required/);
    expect(isMfaRefusal(error)).toBe(true);
    expect(reported).toHaveLength(1);
    expect(reported[0].ctx.user).toEqual(ctx.user);
    expect(reported[0].refusal).toMatchObject({
      method: 'POST',
      path: '/v1/customers/cust-1/carts/cart-1/checkout',
      error: { operation: 'checkoutCart', requestId: error.requestId },
    });
  });

  it.each(MFA_REFUSALS)(
    'tells the person in one sentence what to do after %s, and never to just retry',
    async (_s, reply) => {
      server.reply(() => reply);
      const { client } = makeTestClient(server.url);

      const failure = describePurchaseFailure(await failureOf(client.listOrders(ctx, { customerId: 'cust-1' })));

      expect(failure.sentence).toMatch(MFA_SENTENCE);
      expect(failure.sentence).toMatch(/sign out.*sign in/);
      expect(failure.sentence.split(/[.!?](\s|$)/).filter((part) => part.trim().length > 1)).toHaveLength(1);
      expect(failure.retryable).toBe(false);
      expect(failure.correlationId).toBe('corr-mfa');
    },
  );

  it('still blames the bot registration, not the person, for other 401s', async () => {
    server.reply(() => ({
      status: 401,
      json: { code: 800001, description: 'Partner Token missing in request context' },
    }));
    const reported: MfaRefusal[] = [];
    const { client } = makeTestClient(server.url, {
      onMfaRefusal: async (_ctx, refusal) => {
        reported.push(refusal);
      },
    });

    const error = await failureOf(client.listOrders(ctx, { customerId: 'cust-1' }));

    expect(isMfaRefusal(error)).toBe(false);
    expect(reported).toEqual([]);
    expect(describePurchaseFailure(error).sentence).toMatch(/bot's sign-in/);
  });

  it('refuses all the same when reporting the refusal fails', async () => {
    server.reply(() => MFA_REFUSALS[0][1]);
    const { client } = makeTestClient(server.url, {
      onMfaRefusal: () => Promise.reject(new Error('audit storage is down')),
    });

    const error = await failureOf(client.getOrder(ctx, { customerId: 'cust-1', orderId: 'order-1' }));

    expect(error.code).toBe('900421');
  });
});
