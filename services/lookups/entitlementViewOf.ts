import type { EntitledArtifact, Entitlement } from '../partnerCenter/schemas/entitlement';
import type { OrderLineNames } from './orderLineNames';
import type { EntitlementArtifactView, EntitlementView } from './types';
import { textFor, type MessageKey } from '../../i18n/text';

const SCOPE_KEYS = ['scope', 'scopetype', 'appliedscopetype', 'reservationscope'];

/**
 * An entitlement as the card shows it, named after the order line it comes from when `names` has it, with its software
 * keys, downloads and reservations in words.
 */
export function entitlementViewOf(entitlement: Entitlement, names?: OrderLineNames): EntitlementView {
  const view: EntitlementView = {
    productId: entitlement.productId,
    skuId: entitlement.skuId,
    entitlementType: entitlement.entitlementType,
    quantity: entitlement.quantity,
    orderId: entitlement.referenceOrder.id,
    artifacts: entitlement.entitledArtifacts.map((artifact) => artifactInWords(artifact, entitlement)),
    included: entitlement.includedEntitlements.length,
  };
  if (entitlement.expiryDate) view.expiryDate = entitlement.expiryDate;
  const name = names?.nameOf(
    entitlement.referenceOrder.id,
    entitlement.referenceOrder.lineItemId,
    entitlement.productId,
    entitlement.skuId,
  );
  if (name) view.name = name;
  return view;
}

function artifactInWords(artifact: EntitledArtifact, entitlement: Entitlement): EntitlementArtifactView {
  const words = artifactText(artifact, entitlement);
  const type = artifact.artifactType.toLowerCase().replace(/[\s_-]/g, '');
  const url = type === 'download' ? httpsUrl(artifact.link?.uri) : undefined;
  if (!url) return words;
  const fileName = textAttribute(artifact.dynamicAttributes, ['filename']);
  return { ...words, download: fileName ? { url, fileName } : { url } };
}

/**
 * The link of a download when it is an absolute https URL, the only kind a card may open. Partner Center's artifact
 * links are usually relative paths to another API call (artifact details), which a person's browser can't open.
 */
function httpsUrl(uri: string | undefined): string | undefined {
  if (!uri || !/^https:\/\//i.test(uri.trim())) return undefined;
  try {
    const url = new URL(uri.trim());
    return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === ''
      ? url.href
      : undefined;
  } catch {
    return undefined;
  }
}

/** An artifact in words: a catalog message (said in the reader's language) and the same in English. */
function artifactText(
  artifact: EntitledArtifact,
  entitlement: Entitlement,
): Pick<EntitlementArtifactView, 'text' | 'said'> {
  const said = (key: MessageKey, values: Record<string, string> = {}) => ({
    text: textFor('en-US')(key, values),
    said: { key, values },
  });
  const type = artifact.artifactType.toLowerCase().replace(/[\s_-]/g, '');
  if (type === 'reservedinstance' || type === 'virtualmachinereservedinstance') {
    const scope =
      textAttribute(artifact.dynamicAttributes, SCOPE_KEYS) ?? textAttribute(entitlement.dynamicAttributes, SCOPE_KEYS);
    const id = artifact.resourceId;
    if (id) return scope ? said('artifact.reservationScoped', { id, scope }) : said('artifact.reservation', { id });
    return scope ? said('artifact.reservationNoIdScoped', { scope }) : said('artifact.reservationNoId');
  }
  if (type === 'productkey') {
    const key = textAttribute(artifact.dynamicAttributes, ['productkey', 'key']);
    return key ? said('artifact.productKey', { key }) : said('artifact.productKeyElsewhere');
  }
  if (type === 'download') {
    const fileName = textAttribute(artifact.dynamicAttributes, ['filename']);
    return fileName ? said('artifact.download', { fileName }) : said('artifact.downloadElsewhere');
  }
  // An artifact type this bot doesn't know: Partner Center's own type name, as sent.
  const label = artifact.artifactType.replace(/[_-]+/g, ' ').trim() || 'Artifact';
  const words = label.charAt(0).toUpperCase() + label.slice(1);
  return { text: artifact.resourceId ? `${words} ${artifact.resourceId}` : words };
}

// Attribute names differ in case between payloads (`scopeType`, `ScopeType`), so they are matched without case.
function textAttribute(attributes: Record<string, unknown> | undefined, keys: readonly string[]): string | undefined {
  if (!attributes) return undefined;
  for (const [name, value] of Object.entries(attributes)) {
    if (!keys.includes(name.toLowerCase()) || typeof value !== 'string') continue;
    const text = value.trim();
    if (text) return text;
  }
  return undefined;
}
