import { customerNamed, SimulatorHarness, type Json } from './simulatorHarness';

describe('simulator: subscription registration', () => {
  let harness: SimulatorHarness;
  let customer: string;
  let subscription: string;

  beforeAll(async () => {
    harness = await SimulatorHarness.start({ registrationStepSeconds: 10 });
    customer = String((await customerNamed(harness, 'Fabrikam Inc')).id);
    subscription = String(((await harness.getJson<Json>(`/v1/customers/${customer}/subscriptions`)).items ?? [])[0].id);
  });
  afterAll(() => harness.close());

  const status = async () =>
    (await harness.getJson<Json>(`/v1/customers/${customer}/subscriptions/${subscription}/registrationstatus`)).status;

  it('moves NotRegistered -> Registering -> Registered one step per registrationStepSeconds after register', async () => {
    expect(await status()).toBe('NotRegistered');
    const response = await harness.call(
      'POST',
      `/v1/customers/${customer}/subscriptions/${subscription}/registrations`,
      {
        body: 'null',
      },
    );
    expect(response.status).toBe(202);
    expect(response.headers.get('location')).toBe(
      `/customers/${customer}/subscriptions/${subscription}/registrationstatus`,
    );
    expect(response.text).toBe('');
    expect(await status()).toBe('NotRegistered');
    await harness.advance(10);
    expect(await status()).toBe('Registering');
    await harness.advance(10);
    expect(await status()).toBe('Registered');
    const body = await harness.getJson<Json>(
      `/v1/customers/${customer}/subscriptions/${subscription}/registrationstatus`,
    );
    expect(body).toEqual({
      subscriptionId: subscription,
      status: 'Registered',
      attributes: { objectType: 'SubscriptionRegistrationStatus' },
    });
  });

  it('answers 404 / 20003 for a subscription the customer does not have', async () => {
    const response = await harness.call(
      'POST',
      `/v1/customers/${customer}/subscriptions/11111111-2222-4333-8444-555555555555/registrations`,
    );
    expect({ status: response.status, code: (response.json() as Json).code }).toEqual({ status: 404, code: 20003 });
  });
});
