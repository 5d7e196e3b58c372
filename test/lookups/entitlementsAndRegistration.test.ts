import { randomUUID } from 'node:crypto';
import { PurchaseRequestError } from '../../services/purchase/PurchaseRequestError';
import { LookupHarness } from './lookupHarness';

const COMPLETION_SECONDS = 30;
const REGISTRATION_STEP_SECONDS = 10;

let harness: LookupHarness;
let buyerId: string;
let contosoId: string;

beforeAll(async () => {
  harness = await LookupHarness.start({
    orderListDelaySeconds: 0,
    orderCompletionSeconds: COMPLETION_SECONDS,
    registrationStepSeconds: REGISTRATION_STEP_SECONDS,
  });
  buyerId = (await harness.customerNamed('Fabrikam Inc')).id;
  contosoId = (await harness.customerNamed('Contoso Ltd')).id;
});

afterAll(async () => {
  await harness?.close();
});

describe('entitlements', () => {
  it('appear once an order completes, with key, download and expiry in words', async () => {
    expect(await harness.asUser.listEntitlements(harness.userCtx(), buyerId)).toEqual([]);

    const orderId = await harness.buy(buyerId, 'SoftwareSubscriptions');
    expect(await harness.asUser.listEntitlements(harness.userCtx(), buyerId)).toEqual([]);

    await harness.advanceClock(COMPLETION_SECONDS + 1);
    const entitlements = await harness.asUser.listEntitlements(harness.userCtx(), buyerId);
    expect(entitlements).toHaveLength(1);
    const [entitlement] = entitlements;
    const order = await harness.asUser.getOrder(harness.userCtx(), buyerId, orderId);
    expect(order.status).toBe('completed');
    expect(entitlement).toMatchObject({ orderId, entitlementType: 'software', included: 0 });
    expect(entitlement?.quantity).toBe(order.lines[0]?.quantity);
    expect(Date.parse(entitlement!.expiryDate!)).toBeGreaterThan(Date.now());
    expect(entitlement!.artifacts).toMatchObject([
      { text: expect.stringMatching(/^Product key [A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/) },
      // The simulator links the download relatively (to another Partner Center call): words only, no link to open.
      { text: expect.stringMatching(/^Download \S+\.iso$/) },
    ]);
    expect(entitlement?.name).toBe(order.lines[0]?.name);

    const asked = (await harness.journal()).filter((r) => r.path.endsWith(`/customers/${buyerId}/entitlements`));
    expect(asked.every((r) => /showExpiry=true/i.test(r.query))).toBe(true);
  });

  it('are empty for a customer that never bought anything', async () => {
    const customer = await harness.customerNamed('Northwind Traders');
    expect(await harness.asUser.listEntitlements(harness.userCtx(), customer.id)).toEqual([]);
  });
});

describe('subscription registration', () => {
  it('goes NotRegistered → Registering → Registered as Partner Center processes it', async () => {
    const subscriptionId = await harness.subscriptionNamed(contosoId, 'Azure plan - Dev/Test');
    const read = () => harness.appOnly.getRegistration(harness.appCtx(), contosoId, subscriptionId);

    expect(await read()).toEqual({ customerId: contosoId, subscriptionId, status: 'notregistered' });
    const registered = await harness.appOnly.registerSubscription(harness.appCtx(), contosoId, ` ${subscriptionId} `);
    expect(registered).toEqual({ customerId: contosoId, subscriptionId, status: 'notregistered' });
    const posts = (await harness.journal()).filter((r) => r.method === 'POST' && r.path.endsWith('/registrations'));
    expect(posts.map((r) => r.status)).toEqual([202]);

    await harness.advanceClock(REGISTRATION_STEP_SECONDS);
    expect((await read()).status).toBe('registering');
    await harness.advanceClock(REGISTRATION_STEP_SECONDS);
    expect((await read()).status).toBe('registered');
  });

  it('reads an unknown subscription as unknown', async () => {
    const registration = await harness.appOnly.getRegistration(harness.appCtx(), contosoId, randomUUID());
    expect(registration.status).toBe('unknown');
  });

  it('refuses a subscription id that is not a GUID without calling Partner Center', async () => {
    const before = (await harness.journal()).length;
    const attempt = harness.appOnly.registerSubscription(harness.appCtx(), contosoId, 'my-azure-sub');
    await expect(attempt).rejects.toBeInstanceOf(PurchaseRequestError);
    await expect(attempt).rejects.toMatchObject({ problem: 'invalid-subscription-id' });
    await expect(harness.appOnly.getRegistration(harness.appCtx(), contosoId, '1234')).rejects.toBeInstanceOf(
      PurchaseRequestError,
    );
    expect((await harness.journal()).length).toBe(before);
  });
});
