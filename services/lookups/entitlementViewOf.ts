import type { EntitledArtifact, Entitlement } from '../partnerCenter/schemas/entitlement';
import type { EntitlementView } from './types';

const SCOPE_KEYS = ['scope', 'scopetype', 'appliedscopetype', 'reservationscope'];

/** An entitlement as the card shows it, with its software keys, downloads and reservations in words. */
export function entitlementViewOf(entitlement: Entitlement): EntitlementView {
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
  return view;
}

function artifactInWords(artifact: EntitledArtifact, entitlement: Entitlement): string {
  const type = artifact.artifactType.toLowerCase().replace(/[\s_-]/g, '');
  if (type === 'reservedinstance' || type === 'virtualmachinereservedinstance') {
    const scope =
      textAttribute(artifact.dynamicAttributes, SCOPE_KEYS) ?? textAttribute(entitlement.dynamicAttributes, SCOPE_KEYS);
    const id = artifact.resourceId ? `Reservation ${artifact.resourceId}` : 'Reservation (no resource id yet)';
    return scope ? `${id} (${scope})` : id;
  }
  if (type === 'productkey') {
    const key = textAttribute(artifact.dynamicAttributes, ['productkey', 'key']);
    return key ? `Product key ${key}` : 'Product key (see Partner Center)';
  }
  if (type === 'download') {
    const fileName = textAttribute(artifact.dynamicAttributes, ['filename']);
    return fileName ? `Download ${fileName}` : 'Download available in Partner Center';
  }
  const label = artifact.artifactType.replace(/[_-]+/g, ' ').trim() || 'Artifact';
  const words = label.charAt(0).toUpperCase() + label.slice(1);
  return artifact.resourceId ? `${words} ${artifact.resourceId}` : words;
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
