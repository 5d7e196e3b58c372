import template from './templates/entitlements.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { CardCustomer, customerText } from './customerText';
import { formatDate } from './format';
import type { EntitlementView } from '../services/lookups/types';

/** Entitlements drawn on one card and artifact lines per entitlement; Teams refuses cards above about 28 KB. */
const ENTITLEMENTS_SHOWN = 20;
const ARTIFACTS_SHOWN = 5;

/** What the entitlements card shows. */
export interface EntitlementsCardData {
  customer: CardCustomer;
  entitlements: EntitlementView[];
  locale: string;
}

interface Fact {
  title: string;
  value: string;
}

interface EntitlementsView {
  title: string;
  customerText: string;
  entitlements: { heading: string; facts: Fact[]; artifacts: { text: string }[]; moreText?: string }[];
  emptyText?: string;
  hiddenText?: string;
}

const expand = compileCardTemplate<EntitlementsView>(template);

const ENTITLEMENT_TYPE_WORDS: Record<string, string> = {
  software: 'Software',
  reservedinstance: 'Reserved instance',
  virtualmachinereservedinstance: 'Reserved VM instance',
};

function entitlementTypeWords(entitlementType: string): string {
  return (
    ENTITLEMENT_TYPE_WORDS[
      entitlementType
        .trim()
        .toLowerCase()
        .replace(/[\s_-]/g, '')
    ] ?? entitlementType
  );
}

function entitlementBlock(entitlement: EntitlementView, locale: string): EntitlementsView['entitlements'][number] {
  const expiry = formatDate(entitlement.expiryDate, locale);
  const facts: (Fact | undefined)[] = [
    { title: 'Product', value: entitlement.productId },
    { title: 'SKU', value: entitlement.skuId },
    { title: 'Quantity', value: String(entitlement.quantity) },
    expiry === undefined ? undefined : { title: 'Expires', value: expiry },
    entitlement.orderId ? { title: 'Order', value: entitlement.orderId } : undefined,
  ];
  const hiddenArtifacts = entitlement.artifacts.length - ARTIFACTS_SHOWN;
  const more = [
    hiddenArtifacts > 0 ? `+${hiddenArtifacts} more artifacts` : undefined,
    entitlement.included > 0 ? `+${entitlement.included} included` : undefined,
  ].filter((part): part is string => part !== undefined);
  return {
    heading: entitlementTypeWords(entitlement.entitlementType),
    facts: facts.filter((fact): fact is Fact => fact !== undefined),
    artifacts: entitlement.artifacts.slice(0, ARTIFACTS_SHOWN).map((text) => ({ text })),
    moreText: more.length > 0 ? more.join(' · ') : undefined,
  };
}

/**
 * Draws what a customer is entitled to from one-time purchases (software and reserved instances): product and SKU,
 * quantity, expiry, keys or reservations, and how many entitlements come included with each.
 */
export function renderEntitlementsCard(data: EntitlementsCardData): AdaptiveCardJson {
  const company = data.customer.companyName;
  const hidden = data.entitlements.length - ENTITLEMENTS_SHOWN;
  return expand({
    title: `Entitlements of ${company}`,
    customerText: customerText(data.customer),
    entitlements: data.entitlements
      .slice(0, ENTITLEMENTS_SHOWN)
      .map((entitlement) => entitlementBlock(entitlement, data.locale)),
    emptyText: data.entitlements.length === 0 ? `${company} has no entitlements yet.` : undefined,
    hiddenText:
      hidden > 0 ? `+${hidden} more entitlements, not shown to keep this card small enough for Teams.` : undefined,
  });
}
