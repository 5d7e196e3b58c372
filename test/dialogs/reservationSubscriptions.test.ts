import { RunningSimulator, startSimulator } from '../../simulator/server';
import { PartnerCenterLookupService } from '../../services/lookups/PartnerCenterLookupService';
import { PartnerCenterPurchaseService } from '../../services/purchase/PartnerCenterPurchaseService';
import type { RegistrationFollowUp } from '../../dialogs/lookups/deliveryPorts';
import { allText, buttonsOf, cardOf, DialogHarness, textOf } from '../support/dialogHarness';
import { MemoryAtomicStorage } from '../support/MemoryAtomicStorage';
import { simulatorClient } from '../support/simulatorHarness';

/** The subscriptions card's options: each button's title and the detail line under it. */
function offeredSubscriptions(h: DialogHarness): { name: string; detail: string }[] {
  const reply = [...h.transcript].reverse().find((r) => textOf(r).includes('Which Azure subscription'));
  const text = textOf(reply);
  return buttonsOf(cardOf(reply)).map((b) => ({
    name: b.title,
    detail: text.split('\n').find((line) => line.startsWith(`${b.title} (`)) ?? '',
  }));
}

/** Moves the simulator's clock on, as the minutes a registration takes. */
async function advanceClock(simulator: RunningSimulator, seconds: number): Promise<void> {
  const response = await fetch(`${simulator.url}/_simulator/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  if (!response.ok) throw new Error(`the simulator's clock answered ${response.status}`);
}

describe('reservations end to end: the customer’s own subscriptions offered, registration done in the purchase', () => {
  let simulator: RunningSimulator;
  const followed: string[] = [];

  beforeAll(async () => {
    // A registration is NotRegistered for a simulated minute, then Registering for one, then Registered.
    simulator = await startSimulator({ port: 0, registrationStepSeconds: 60 });
  });
  afterAll(() => simulator.close());

  function harness(): DialogHarness {
    const client = simulatorClient(simulator);
    const registrations: RegistrationFollowUp = {
      follow: async (_context, card) => {
        followed.push(card.registration.subscriptionId);
      },
    };
    return new DialogHarness(undefined, new MemoryAtomicStorage(), undefined, {
      service: new PartnerCenterPurchaseService(client),
      lookups: new PartnerCenterLookupService(client),
      registrations,
    });
  }

  it('offers the customer’s Azure subscriptions with their registration state, and never asks for one twice', async () => {
    const h = harness();
    await h.say('buy 1 Standard_D2s_v5 US East 1 year shared for Contoso Ltd');
    const offered = offeredSubscriptions(h);
    expect(offered.length).toBeGreaterThanOrEqual(2);
    expect(offered.some((s) => s.detail.includes('registered for reservations'))).toBe(true);
    expect(offered.some((s) => s.detail.includes('not registered for reservations yet'))).toBe(true);
    const registered = offered.find((s) => /· registered for reservations/.test(s.detail));
    const card = allText(await h.click(registered?.name ?? 'missing'));
    // One question (the subscription), then the confirmation with every reservation fact.
    expect(card).toContain('Confirm your order');
    expect(card).toContain('Reserved VM Instance, Standard_D2s_v5, US East, 1 Year');
    expect(card).toMatch(/Azure subscription\n[0-9a-f-]{36}/);
    expect(card).toContain('Scope\nShared');
    expect(allText(h.transcript)).not.toMatch(/Paste its subscription id/);
  });

  it('an unregistered subscription: Register now, Continue, and the same purchase reaches its confirmation', async () => {
    const h = harness();
    await h.say('buy 3 Standard_D4s_v5 UK South 3 years single for Contoso Ltd');
    const unregistered = offeredSubscriptions(h).find((s) => s.detail.includes('not registered for reservations yet'));
    const offer = allText(await h.click(unregistered?.name ?? 'missing'));
    expect(offer).toContain(
      "isn't registered for reserved instance purchases, so this reservation can't be bought yet",
    );
    expect(offer).toContain('Register now');
    const subscriptionId = /[0-9a-f-]{36}/.exec(unregistered?.detail ?? '')?.[0] ?? 'missing';
    const waiting = allText(await h.click('Register now'));
    // The registration card of the register command (its status followed after the turn), then the wait.
    expect(waiting).toContain(subscriptionId);
    expect(waiting).toContain('Waiting for the registration');
    // Its registration card is followed after the turn (the watcher updates it).
    expect(followed).toEqual([subscriptionId]);
    // Asking something else meanwhile is answered, and the purchase keeps waiting.
    const detour = allText(await h.say('help'));
    expect(detour).toContain('I buy one-time products');
    expect(detour).toContain('Waiting for the registration');
    await advanceClock(simulator, 90);
    const notYet = allText(await h.click('Continue'));
    expect(notYet).toContain('Partner Center is still registering it');
    expect(notYet).not.toContain('Confirm your order');
    await advanceClock(simulator, 60);
    const resumed = allText(await h.click('Continue'));
    expect(resumed).toContain('is registered for reserved instances. Carrying on with the reservation.');
    expect(resumed).toContain('Confirm your order');
    expect(resumed).toContain('Reserved VM Instance, Standard_D4s_v5, UK South, 3 Years');
    expect(resumed).toContain(`Azure subscription\n${subscriptionId}`);
    expect(resumed).toContain('Scope\nSingle subscription');
    expect(resumed).toContain('Quantity\n3');
  });
});
