import { CUSTOMER_SEEDS, type CustomerSeed } from '../data/customerSeed';
import { generatedCustomerSeeds } from '../data/generatedCustomerSeeds';
import { findMarket, type Market } from '../data/markets';
import { link } from '../http/links';
import type { SeededRandom } from '../state/seededRandom';

/**
 * Which Partner Center offer an Azure subscription is: an Azure plan (offer `DZH318Z0BPS6:0001:DZH318Z0BML6`) or a
 * legacy Microsoft Azure subscription (`MS-AZR-0145P`). Their reservations come from different catalogs.
 */
export type AzureSubscriptionKind = 'azurePlan' | 'microsoftAzure';

/** An Azure subscription (or Azure plan) of a customer, which must be registered before buying reservations. */
export interface AzureSubscription {
  id: string;
  friendlyName: string;
  kind: AzureSubscriptionKind;
  /** Registered in the seed, or the simulated time a registration was requested (then it progresses by steps). */
  seededRegistered: boolean;
  registrationRequestedAt?: number;
  /** Regions where this subscription's inventory check reports a restriction. */
  restrictedRegions: string[];
}

/** A seeded customer tenant. */
export interface CustomerRecord {
  id: string;
  commerceId: string;
  seed: CustomerSeed;
  market: Market;
  billingProfileId: string;
  contact: { firstName: string; lastName: string; email: string; phoneNumber: string };
  subscriptions: AzureSubscription[];
}

const FIRST_NAMES = ['Alex', 'Megan', 'Lee', 'Nestor', 'Adele', 'Diego', 'Isaiah', 'Joni', 'Lidia', 'Pradeep', 'Grady'];
const LAST_NAMES = ['Wilber', 'Bowen', 'Gu', 'Wilke', 'Vance', 'Siciliani', 'Langer', 'Sherman', 'Holloway', 'Gupta'];

/**
 * Builds the customer list from the seed: GUID tenant ids, contacts, and Azure subscriptions for two customers in
 * three (the first registered for reservations, the second not; Contoso also has one with restricted capacity). A
 * customer has Azure plans, except every sixth pair (customers 3 and 4, 9 and 10, …), who still have legacy
 * Microsoft Azure (MS-AZR-0145P) subscriptions: a customer with those can't get an Azure plan through the API.
 */
export function seedCustomers(random: SeededRandom): CustomerRecord[] {
  return CUSTOMER_SEEDS.map((seed, index) => customerOf(seed, index, random));
}

/**
 * Customers beyond the seed (see generatedCustomerSeeds), numbered on from the seeded ones so the same rules give them
 * Azure subscriptions. They take their ids from their own random source, which leaves the seeded customers' ids, and
 * everything else drawn from the seed's source, the same whatever their number.
 */
export function generatedCustomers(count: number, random: SeededRandom): CustomerRecord[] {
  return generatedCustomerSeeds(count).map((seed, index) => customerOf(seed, CUSTOMER_SEEDS.length + index, random));
}

function customerOf(seed: CustomerSeed, index: number, random: SeededRandom): CustomerRecord {
  const market = findMarket(seed.country);
  if (!market) throw new Error(`seed customer ${seed.companyName} has an unknown country ${seed.country}`);
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  const customer: CustomerRecord = {
    id: random.guid(),
    commerceId: random.guid(),
    seed,
    market,
    billingProfileId: random.guid(),
    contact: {
      firstName,
      lastName,
      email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}@${seed.domainStem}.com`,
      phoneNumber: `+1${random.chars(9, '0123456789')}`,
    },
    subscriptions: [],
  };
  const kind: AzureSubscriptionKind = index % 6 === 3 || index % 6 === 4 ? 'microsoftAzure' : 'azurePlan';
  const name = kind === 'azurePlan' ? 'Azure plan' : 'Microsoft Azure';
  if (index % 3 !== 2) {
    customer.subscriptions.push(azureSubscription(random, name, kind, index % 3 === 0));
    if (index % 3 === 0) customer.subscriptions.push(azureSubscription(random, `${name} - Dev/Test`, kind, false));
  }
  if (index === 0) {
    const restricted = azureSubscription(random, 'Azure plan - Capacity restricted', kind, true);
    restricted.restrictedRegions = ['eastus', 'westus2'];
    customer.subscriptions.push(restricted);
  }
  return customer;
}

function azureSubscription(
  random: SeededRandom,
  friendlyName: string,
  kind: AzureSubscriptionKind,
  registered: boolean,
): AzureSubscription {
  return { id: random.guid(), friendlyName, kind, seededRegistered: registered, restrictedRegions: [] };
}

/** The customer's onmicrosoft domain. */
export function customerDomain(customer: CustomerRecord): string {
  return `${customer.seed.domainStem}.onmicrosoft.com`;
}

/** The list/search item shape: only id, company profile basics, relationship, links and attributes. */
export function customerListItemJson(customer: CustomerRecord): Record<string, unknown> {
  return {
    id: customer.id,
    companyProfile: {
      tenantId: customer.id,
      domain: customerDomain(customer),
      companyName: customer.seed.companyName,
      links: { self: link(`/customers/${customer.id}/profiles/company`) },
      attributes: { objectType: 'CustomerCompanyProfile' },
    },
    relationshipToPartner: 'reseller',
    links: { self: link(`/customers/${customer.id}`) },
    attributes: { objectType: 'Customer' },
  };
}

/** The full Customer returned by get-by-id, including the billing profile and default address. */
export function customerJson(customer: CustomerRecord): Record<string, unknown> {
  const { seed, contact, market } = customer;
  const address = {
    country: seed.country,
    region: seed.state,
    city: seed.city,
    state: seed.state,
    addressLine1: seed.addressLine1,
    postalCode: seed.postalCode,
    firstName: contact.firstName,
    lastName: contact.lastName,
    phoneNumber: contact.phoneNumber,
  };
  return {
    id: customer.id,
    commerceId: customer.commerceId,
    companyProfile: {
      tenantId: customer.id,
      domain: customerDomain(customer),
      companyName: seed.companyName,
      address,
      email: contact.email,
      links: { self: link(`/customers/${customer.id}/profiles/company`) },
      attributes: { objectType: 'CustomerCompanyProfile' },
    },
    billingProfile: {
      id: customer.billingProfileId,
      firstName: contact.firstName,
      lastName: contact.lastName,
      email: contact.email,
      culture: market.culture,
      language: market.language,
      companyName: seed.companyName,
      defaultAddress: address,
      links: { self: link(`/customers/${customer.id}/profiles/billing`) },
      attributes: { etag: String(Math.abs(hashCode(customer.id))), objectType: 'CustomerBillingProfile' },
    },
    relationshipToPartner: 'reseller',
    allowDelegatedAccess: true,
    customDomains: [customerDomain(customer)],
    links: { self: link(`/customers/${customer.id}`) },
    attributes: { objectType: 'Customer' },
  };
}

function hashCode(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}
