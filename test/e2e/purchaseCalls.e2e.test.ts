import { E2eStack, startE2eStack } from '../support/e2eStack';
import {
  buyReservation,
  buySoftwareSubscription,
  callName,
  customerAndSubscription,
  type PartnerCenterCall,
  partnerCenterCalls,
} from '../support/purchaseFlows';
import { readAll, TeamsUser } from '../support/teamsUser';

/** The catalog lists a warm purchase must not read again: the cache has them. */
const CACHED = ['list products', 'list SKUs', 'get customer'];

describe('Partner Center calls of a purchase over HTTP, counted in the simulator journal', () => {
  let stack: E2eStack;
  let subscriptionId: string;
  beforeAll(async () => {
    stack = await startE2eStack({ orderListDelaySeconds: 60, orderCompletionSeconds: 30 });
    subscriptionId = (await customerAndSubscription(stack.simulator.url, 'Contoso Ltd')).subscriptionId;
  });
  afterAll(() => stack.close());

  const user = (conversationId: string) => new TeamsUser(stack.bot.server.url, stack.channel, conversationId);

  /** What Partner Center was asked while `work` ran. */
  async function callsDuring(work: () => Promise<unknown>): Promise<PartnerCenterCall[]> {
    const before = (await partnerCenterCalls(stack.simulator.url)).length;
    await work();
    return (await partnerCenterCalls(stack.simulator.url)).slice(before);
  }

  /** The call just before the cart was created. */
  const beforeCart = (calls: PartnerCenterCall[]) => calls[calls.findIndex((c) => callName(c) === 'create cart') - 1];

  it('buys a software subscription a second time with at most 6 calls, its availability read right before the cart', async () => {
    await buySoftwareSubscription(user('a:calls-software-1'), 'Contoso Ltd');

    const calls = await callsDuring(() => buySoftwareSubscription(user('a:calls-software-2'), 'Contoso Ltd'));

    const names = calls.map(callName);
    expect(calls.length).toBeLessThanOrEqual(6);
    expect(names.filter((name) => CACHED.includes(name))).toEqual([]);
    expect(names.filter((name) => name === 'search customers')).toHaveLength(1);
    expect(callName(beforeCart(calls))).toBe('list availabilities');
    expect(names.slice(-2)).toEqual(['create cart', 'checkout']);
    expect(calls.every((call) => typeof call.status === 'number' && call.status < 300)).toBe(true);
  });

  // Two more than a software subscription's: the reservation offers the customer's Azure subscriptions (one list) with
  // their registration state (read again for one not registered; "registered" is remembered).
  it('buys a reservation a second time with at most 8 calls, still checking inventory and reading the availability', async () => {
    await buyReservation(user('a:calls-reservation-1'), 'Contoso Ltd', subscriptionId);

    const calls = await callsDuring(() => buyReservation(user('a:calls-reservation-2'), 'Contoso Ltd', subscriptionId));

    const names = calls.map(callName);
    expect(calls.length).toBeLessThanOrEqual(8);
    expect(names.filter((name) => CACHED.includes(name))).toEqual([]);
    expect(names).toContain('check inventory');
    expect(callName(beforeCart(calls))).toBe('list availabilities');
    expect(beforeCart(calls).query).toContain('reservationScope=AzurePlan');
    expect(names.slice(-2)).toEqual(['create cart', 'checkout']);
  });

  it('carts a fresh availability when the catalog rotated after the terms were shown, with products and SKUs from the cache', async () => {
    await buySoftwareSubscription(user('a:calls-rotate-1'), 'Contoso Ltd');
    const person = user('a:calls-rotate-2');
    const before = (await partnerCenterCalls(stack.simulator.url)).length;
    expect(readAll(await person.say('buy for Contoso Ltd'))).toContain('Customer: **Contoso Ltd**');
    let replies = await person.click('Software subscriptions');
    for (let step = 0; step < 4 && !/How many\?/.test(readAll(replies)); step += 1) {
      replies = await person.submit(person.latestButtons()[0].data);
    }
    const minimum = /How many\? \((\d+)–/.exec(readAll(replies))?.[1];
    expect(minimum).toBeDefined();

    // Every availability id, and so every catalog item id the terms above were listed with, is reissued now.
    const rotated = await fetch(`${stack.simulator.url}/_simulator/catalog/rotate`, { method: 'POST' });
    expect(rotated.status).toBe(204);
    const atRotation = (await partnerCenterCalls(stack.simulator.url)).length;

    const confirmation = readAll(await person.say(String(Number(minimum) + 1)));
    expect(confirmation).toContain('Place order');
    await person.click('Place order');
    expect(await person.waitFor(/Order placed/)).toContain('Order placed');

    const journal = await partnerCenterCalls(stack.simulator.url);
    expect(
      journal
        .slice(before, atRotation)
        .map(callName)
        .filter((name) => CACHED.includes(name)),
    ).toEqual([]);
    const afterRotation = journal.slice(atRotation);
    expect(afterRotation.map(callName)).toEqual(['list availabilities', 'create cart', 'checkout']);
    expect(afterRotation.map((call) => call.status)).toEqual([200, 201, 201]);
  });
});
