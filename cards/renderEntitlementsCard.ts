import template from './templates/entitlements.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { CardCustomer, companyText, customerText } from './customerText';
import { formatDate } from './format';
import { safeForMarkdown, safeForPlainText } from './untrustedText';
import type { EntitlementArtifactView, EntitlementView } from '../services/lookups/types';
import { textFor, type MessageKey, type Text } from '../i18n/text';

/** Entitlements drawn on one card and artifact lines per entitlement; Teams refuses cards above about 28 KB. */
const ENTITLEMENTS_SHOWN = 20;
const ARTIFACTS_SHOWN = 5;
/**
 * Characters one entitlements card may take. Twenty ordinary entitlements take about 12,000; long names from Partner
 * Center (each already cut to its bound) make it drop entitlements from the end, which it then counts instead.
 */
const CARD_BUDGET = 24_000;

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

interface ArtifactView {
  text: string;
  downloadUrl?: string;
  downloadTitle?: string;
}

interface EntitlementsView {
  title: string;
  customerText: string;
  entitlements: { heading: string; idsText: string; facts: Fact[]; artifacts: ArtifactView[]; moreText?: string }[];
  emptyText?: string;
  hiddenText?: string;
}

const expand = compileCardTemplate<EntitlementsView>(template);

const ENTITLEMENT_TYPE_WORDS: Record<string, MessageKey> = {
  software: 'entitlementType.software',
  reservedinstance: 'entitlementType.reservedInstance',
  virtualmachinereservedinstance: 'entitlementType.reservedVmInstance',
};

function entitlementTypeWords(entitlementType: string, say: Text): string {
  const known =
    ENTITLEMENT_TYPE_WORDS[
      entitlementType
        .trim()
        .toLowerCase()
        .replace(/[\s_-]/g, '')
    ];
  return known ? say(known) : safeForMarkdown(entitlementType, 'word');
}

/**
 * The link of a download as the card may open it: an absolute https URL without credentials, else nothing (the
 * service checks the same; a card never opens what it didn't check itself).
 */
function httpsLink(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function artifactView(artifact: EntitlementArtifactView, say: Text): ArtifactView {
  // Each value came from Partner Center: made safe before it goes into the reader's sentence.
  const text = artifact.said
    ? say(
        artifact.said.key,
        Object.fromEntries(
          Object.entries(artifact.said.values).map(([name, value]) => [name, safeForMarkdown(value, 'name')]),
        ),
      )
    : safeForMarkdown(artifact.text, 'name');
  const url = httpsLink(artifact.download?.url);
  if (!url) return { text };
  // A button title is plain text: escaping would show the backslashes.
  const fileName = safeForPlainText(artifact.download?.fileName, 'name');
  return {
    text,
    downloadUrl: url,
    downloadTitle: fileName ? say('entitlements.downloadFile', { fileName }) : say('entitlements.download'),
  };
}

function entitlementBlock(
  entitlement: EntitlementView,
  locale: string,
  say: Text,
): EntitlementsView['entitlements'][number] {
  const expiry = formatDate(entitlement.expiryDate, locale);
  const facts: (Fact | undefined)[] = [
    { title: say('entitlements.quantity'), value: String(entitlement.quantity) },
    expiry === undefined ? undefined : { title: say('entitlements.expires'), value: expiry },
    entitlement.orderId
      ? { title: say('entitlements.order'), value: safeForMarkdown(entitlement.orderId, 'id') }
      : undefined,
  ];
  const hiddenArtifacts = entitlement.artifacts.length - ARTIFACTS_SHOWN;
  const more = [
    hiddenArtifacts > 0 ? say('entitlements.moreArtifacts', { count: hiddenArtifacts }) : undefined,
    entitlement.included > 0 ? say('entitlements.included', { count: entitlement.included }) : undefined,
  ].filter((part): part is string => part !== undefined);
  const type = entitlementTypeWords(entitlement.entitlementType, say);
  const name = entitlement.name?.trim() ? safeForMarkdown(entitlement.name, 'name') : undefined;
  const ids = {
    productId: safeForMarkdown(entitlement.productId, 'id'),
    skuId: safeForMarkdown(entitlement.skuId, 'id'),
  };
  return {
    heading: name ?? type,
    // The ids stay for support and Partner Center searches, but under the name, small.
    idsText: name ? say('entitlements.idsWithType', { type, ...ids }) : say('entitlements.ids', ids),
    facts: facts.filter((fact): fact is Fact => fact !== undefined),
    artifacts: entitlement.artifacts.slice(0, ARTIFACTS_SHOWN).map((artifact) => artifactView(artifact, say)),
    moreText: more.length > 0 ? more.join(' · ') : undefined,
  };
}

/**
 * Draws what a customer is entitled to from one-time purchases (software and reserved instances): what was bought by
 * name (the order line's; the product and SKU ids only when no name could be read, and small under it otherwise),
 * quantity, expiry, keys or reservations, and how many entitlements come included with each. A download Partner Center
 * links to over https is a Download button (Action.OpenUrl); any other link stays text.
 */
export function renderEntitlementsCard(data: EntitlementsCardData): AdaptiveCardJson {
  const say = textFor(data.locale);
  const company = companyText(data.customer);
  const blocks = data.entitlements
    .slice(0, ENTITLEMENTS_SHOWN)
    .map((entitlement) => entitlementBlock(entitlement, data.locale, say));
  const draw = (): AdaptiveCardJson => {
    const hidden = data.entitlements.length - blocks.length;
    return expand({
      title: say('entitlements.title', { company }),
      customerText: customerText(data.customer),
      entitlements: blocks,
      emptyText: data.entitlements.length === 0 ? say('entitlements.none', { company }) : undefined,
      hiddenText: hidden > 0 ? say('entitlements.hidden', { count: hidden }) : undefined,
    });
  };
  let card = draw();
  while (blocks.length > 1 && JSON.stringify(card).length > CARD_BUDGET) {
    blocks.pop();
    card = draw();
  }
  return card;
}
