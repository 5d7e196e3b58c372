import { clickToConfirmation } from './e2eStack';
import { readAll, type TeamsUser } from './teamsUser';

/** One request of the simulator's journal (`GET /_simulator/requests`), as the purchase tests and benchmark read it. */
export interface PartnerCenterCall {
  method: string;
  path: string;
  query: string;
  status: number | string | null;
}

/** A 33-character Partner Center order id standing on its own (a GUID's 36 characters don't match). */
const ORDER_ID = /(?<![A-Za-z0-9_-])([A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/;
const APP_TOKEN = { authorization: 'Bearer purchase-flows' };

/** Every API request the simulator has answered so far, oldest first (control calls are not in it). */
export async function partnerCenterCalls(simulatorUrl: string): Promise<PartnerCenterCall[]> {
  const response = await fetch(`${simulatorUrl}/_simulator/requests`);
  if (!response.ok) throw new Error(`the simulator's journal answered ${response.status}`);
  return ((await response.json()) as { items: PartnerCenterCall[] }).items;
}

/** What a call is in the words of the Partner Center reference (`search customers`, `create cart`, …). */
export function callName(call: PartnerCenterCall): string {
  const path = call.path.toLowerCase();
  const query = call.query.toLowerCase();
  if (path === '/v1/customers' && query.includes('filter=')) return 'search customers';
  if (/^\/v1\/customers\/[^/]+$/.test(path)) return 'get customer';
  if (/\/subscriptions\/[^/]+\/registrationstatus$/.test(path)) return 'registration status';
  if (/^\/v1\/customers\/[^/]+\/subscriptions\/[^/]+$/.test(path)) return 'get subscription';
  if (/^\/v1\/customers\/[^/]+\/subscriptions$/.test(path)) return 'list subscriptions';
  if (/^\/v1\/customers\/[^/]+\/orders\/[^/]+$/.test(path)) return 'get order';
  if (path === '/v1/products') return 'list products';
  if (/^\/v1\/products\/[^/]+$/.test(path)) return 'get product';
  if (/^\/v1\/products\/[^/]+\/skus$/.test(path)) return 'list SKUs';
  if (/\/availabilities$/.test(path)) return 'list availabilities';
  if (path === '/v1/extensions/product/checkinventory') return 'check inventory';
  if (/\/checkout$/.test(path)) return 'checkout';
  if (/\/carts$/.test(path) && call.method === 'POST') return 'create cart';
  if (/\/carts\/[^/]+$/.test(path)) return `${call.method === 'PUT' ? 'update' : 'get'} cart`;
  if (/\/lineitems/.test(path)) return 'invoice line items';
  return `${call.method} ${call.path}`;
}

/** Calls counted by name, in the order first made: "search customers, list availabilities ×2, create cart, …". */
export function describeCalls(calls: readonly PartnerCenterCall[]): string {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(callName(call), (counts.get(callName(call)) ?? 0) + 1);
  return [...counts].map(([name, count]) => (count > 1 ? `${name} ×${count}` : name)).join(', ');
}

/** A seeded customer's tenant id and the id of its first Azure subscription (the registered one, when it has one). */
export async function customerAndSubscription(
  simulatorUrl: string,
  companyName: string,
): Promise<{ customerId: string; subscriptionId: string }> {
  const filter = encodeURIComponent(
    JSON.stringify({ Field: 'CompanyName', Value: companyName, Operator: 'starts_with' }),
  );
  const customers = await fetch(`${simulatorUrl}/v1/customers?size=5&filter=${filter}`, { headers: APP_TOKEN });
  const customer = (
    (await customers.json()) as { items: { id: string; companyProfile: { companyName: string } }[] }
  ).items.find((item) => item.companyProfile.companyName === companyName);
  if (!customer) throw new Error(`the simulator has no customer named ${companyName}`);
  const subscriptions = await fetch(`${simulatorUrl}/v1/customers/${customer.id}/subscriptions`, {
    headers: APP_TOKEN,
  });
  const first = ((await subscriptions.json()) as { items: { id: string }[] }).items[0];
  if (!first) throw new Error(`${companyName} has no Azure subscription`);
  return { customerId: customer.id, subscriptionId: first.id };
}

/**
 * Buys a software subscription as a person would — `buy for <customer>`, then the first option of each card, one more
 * than the minimum quantity, Place order — and waits for the order; returns its id.
 */
export async function buySoftwareSubscription(user: TeamsUser, customerName: string): Promise<string> {
  const greeting = readAll(await user.say(`buy for ${customerName}`));
  if (!greeting.includes(`Customer: **${customerName}**`)) throw new Error(`no customer chosen: ${greeting}`);
  await clickToConfirmation(user);
  return placeOrder(user);
}

/**
 * Buys two one-year D2s v5 reservations in US East, shared scope, for the customer's Azure subscription, as a person
 * would, and waits for the order; returns its id.
 */
export async function buyReservation(user: TeamsUser, customerName: string, subscriptionId: string): Promise<string> {
  const greeting = readAll(await user.say(`buy for ${customerName}`));
  if (!greeting.includes(`Customer: **${customerName}**`)) throw new Error(`no customer chosen: ${greeting}`);
  await user.click('Azure reserved VM instances');
  await user.say(subscriptionId);
  await user.click('Reserved VM Instance, Dv5 Series');
  // Size → region → term: the series' 72 SKUs narrow by structured choices, and the term's button says only the term.
  await user.click('Standard_D2s_v5 (24)');
  await user.click('US East (2)');
  const asked = readAll(await user.click('1 Year'));
  if (!asked.includes('How many?')) throw new Error(`no quantity question: ${asked}`);
  await user.say('2');
  const confirmation = readAll(await user.click('Shared'));
  if (!confirmation.includes('Place order')) throw new Error(`no confirmation card: ${confirmation}`);
  return placeOrder(user);
}

async function placeOrder(user: TeamsUser): Promise<string> {
  await user.click('Place order');
  const placed = await user.waitFor(/Order placed|nothing was bought|not placed/i);
  const orderId = ORDER_ID.exec(placed)?.[1];
  if (!orderId) throw new Error(`no order placed: ${placed}`);
  return orderId;
}
