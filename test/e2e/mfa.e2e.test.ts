import { clickToConfirmation, E2eStack, startE2eStack } from '../support/e2eStack';
import { readAll, TeamsUser } from '../support/teamsUser';

/** The Teams test channel's user, whose name the local token provider puts in its `user:<name>` tokens. */
const PERSON = 'Alex Wilber';
const MFA_SENTENCE = 'Partner Center requires multi-factor sign-in';

interface JournalEntry {
  method: string;
  path: string;
  status: number | string | null;
  requestId: string;
}

describe('Partner Center refusing App+User calls whose sign-in had no MFA, through the real bot', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    // Registrations stay unfinished for the whole run, and the bot polls them every second.
    stack = await startE2eStack(
      { orderListDelaySeconds: 0, orderCompletionSeconds: 0, registrationStepSeconds: 3600 },
      { REGISTRATION_POLL_SECONDS: '1' },
    );
  });
  afterAll(() => stack.close());
  afterEach(() => signInsHaveMfa());

  async function signInsLackMfa(mfaRefusalBody: 'api-fault' | 'text' = 'api-fault'): Promise<void> {
    await access({ usersWithoutMfa: [PERSON], mfaRefusalBody });
  }
  async function signInsHaveMfa(): Promise<void> {
    await access({});
  }
  async function access(spec: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${stack.simulator.url}/_simulator/access`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(spec),
    });
    if (response.status !== 204) throw new Error(`access not set: ${response.status}`);
  }
  async function journal(): Promise<JournalEntry[]> {
    const response = await fetch(`${stack.simulator.url}/_simulator/requests`);
    return ((await response.json()) as { items: JournalEntry[] }).items;
  }

  it.each(['api-fault', 'text'] as const)(
    'a lookup refused for MFA (%s body) gets one sentence with what to do, is not repeated, and is audited',
    async (body) => {
      const user = new TeamsUser(stack.bot.server.url, stack.channel, `a:e2e-mfa-lookup-${body}`);
      await signInsLackMfa(body);
      const before = (await journal()).length;

      const answer = readAll(await user.say('orders for Contoso Ltd'));

      expect(answer).toContain(MFA_SENTENCE);
      expect(answer).toMatch(/sign out.*sign in/);
      expect(answer).not.toMatch(/Sorry|went wrong|administrator to check the bot/);
      if (body === 'api-fault') expect(answer).toContain('Partner Center code 900421');
      // The customer search asks by name and by domain at once; each of those calls is refused once, never repeated.
      const calls = (await journal()).slice(before);
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.every((call) => call.status === 401)).toBe(true);
      expect(new Set(calls.map((call) => call.requestId)).size).toBe(calls.length);

      await signInsHaveMfa();
      const audit = readAll(await user.say('audit 3'));
      expect(audit).toContain('refused by Partner Center: sign-in without multi-factor authentication');
      expect(audit).toContain(PERSON);
      expect(audit).toMatch(/searchCustomers|listCustomers|getCustomer/);
    },
  );

  it('a purchase step refused for MFA (loading the catalog) gets the same sentence, and nothing is bought', async () => {
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:e2e-mfa-catalog');
    expect(readAll(await user.say('buy for Contoso Ltd'))).toContain('Customer: **Contoso Ltd**');
    await signInsLackMfa();
    const before = (await journal()).length;

    const answer = readAll(await user.click('Software subscriptions'));

    expect(answer).toContain(MFA_SENTENCE);
    expect(answer).toContain('Partner Center code 900421');
    expect((await journal()).slice(before).filter((call) => call.method !== 'GET')).toEqual([]);
  });

  it('a checkout refused for MFA is reported as not placed, is sent once and never again, and is audited', async () => {
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:e2e-mfa-checkout');
    expect(readAll(await user.say('buy for Contoso Ltd'))).toContain('Customer: **Contoso Ltd**');
    await clickToConfirmation(user);
    await signInsLackMfa();
    const before = (await journal()).length;

    await user.click('Place order');
    const outcome = await user.waitFor(/Nothing was bought/);
    await stack.bot.checkouts.drain();

    expect(outcome).toContain(MFA_SENTENCE);
    expect(outcome).toContain('900421');
    const checkouts = () => journal().then((all) => all.slice(before).filter((c) => /\/checkout$/.test(c.path)));
    expect(await checkouts()).toHaveLength(1);

    // Signing in with MFA later does not send the refused checkout again: nothing was bought, so nothing is pending.
    await signInsHaveMfa();
    expect(await stack.bot.checkouts.recover()).toBe(0);
    await stack.bot.checkouts.drain();
    expect(await checkouts()).toHaveLength(1);

    const audit = readAll(await user.say('audit 4'));
    expect(audit).toContain('order failed');
    expect(audit).toMatch(/refused by Partner Center: sign-in without multi-factor authentication\*\* — Alex Wilber/);
    expect(audit).toMatch(/checkoutCart \(POST \/v1\/customers\/[^/]+\/carts\/[^/]+\/checkout\)/);
  });

  it('a registration follow-up refused for MFA stops polling and says why, once', async () => {
    const app = { authorization: 'Bearer e2e-test' };
    const subscriptions = (await (
      await fetch(`${stack.simulator.url}/v1/customers/${stack.contosoId}/subscriptions`, { headers: app })
    ).json()) as { items: { id: string }[] };
    let unregistered: string | undefined;
    for (const { id } of subscriptions.items) {
      const status = await fetch(
        `${stack.simulator.url}/v1/customers/${stack.contosoId}/subscriptions/${id}/registrationstatus`,
        { headers: app },
      );
      if (((await status.json()) as { status: string }).status !== 'Registered') unregistered = id;
    }
    if (!unregistered) throw new Error('Contoso has no unregistered subscription in the seed');
    const user = new TeamsUser(stack.bot.server.url, stack.channel, 'a:e2e-mfa-registration');
    expect(readAll(await user.say(`register ${unregistered} for Contoso Ltd`))).toContain(unregistered);

    await signInsLackMfa();
    const told = await user.waitFor(/stopped following the registration/);

    expect(told).toContain(MFA_SENTENCE);
    const refusedPolls = async () =>
      (await journal()).filter((call) => call.path.endsWith('/registrationstatus') && call.status === 401);
    expect(await refusedPolls()).toHaveLength(1);
    // Three more poll intervals: a watch still running would have been refused again by now.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await refusedPolls()).toHaveLength(1);
  });
});
