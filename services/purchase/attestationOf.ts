import type { Sku } from '../partnerCenter/schemas/sku';
import type { SkuAttestation } from './types';

/**
 * The words of each attestation type, by type in lower case. Partner Center sends only the type
 * (`attestationProperties.attestationType` on the SKU or offer); the text a partner agrees to is published beside it
 * in the Sku and Offer resource reference ("Windows 365 products will have the value of Windows365. Windows 365
 * attestation text is …") and on the Partner Center "Offer attestation" page, which shows it on the review screen.
 */
const ATTESTATION_TEXTS: ReadonlyMap<string, string> = new Map([
  [
    'windows365',
    'I understand that each person using Windows 365 Business with Windows Hybrid Benefit also needs to have a valid copy of Windows 10/11 Pro installed on their primary work device.',
  ],
]);

/**
 * The attestation a SKU enforces, with its documented text when the bot knows the type. A SKU whose
 * `attestationProperties` are absent or not enforced needs none.
 */
export function attestationOf(sku: Pick<Sku, 'attestationProperties'>): SkuAttestation | undefined {
  const properties = sku.attestationProperties;
  if (properties?.enforceAttestation !== true) return undefined;
  const type = properties.attestationType?.trim() ?? '';
  const text = ATTESTATION_TEXTS.get(type.toLowerCase());
  return text === undefined ? { type } : { type, text };
}
