import { PARTNER_CENTER_PRIVATE_COUNTRY_NAMES } from '../partnerCenter/restrictedMarkets';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/**
 * The English name of a Partner Center country code (`BR` → `Brazil`, `XS` → `Saba`). Unknown codes come back as the
 * code itself, so a message still names something the user can look up.
 */
export function countryName(code: string): string {
  const upper = code.trim().toUpperCase();
  const privateName = PARTNER_CENTER_PRIVATE_COUNTRY_NAMES[upper];
  if (privateName) return privateName;
  try {
    const name = regionNames.of(upper);
    // DisplayNames echoes codes it has no name for and calls ZZ "Unknown Region": neither helps a reader.
    if (name && name !== upper && upper !== 'ZZ') return name;
  } catch {
    // Malformed codes throw; the code itself is the best remaining answer.
  }
  return upper;
}
