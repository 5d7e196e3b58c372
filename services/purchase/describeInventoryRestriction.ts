import { textFor } from '../../i18n/text';
import type { InventoryItemResult } from '../partnerCenter/schemas/inventory';

// The purchase service still says these in English (its reasons are plain strings); the words are the catalog's.
const ENGLISH = textFor('en-US');

type Restriction = InventoryItemResult['restrictions'][number];

/**
 * One plain sentence for an inventory restriction, e.g. "Not available for this subscription in region japanwest."
 * Location restrictions name the region; others use Partner Center's own description.
 */
export function describeInventoryRestriction(restriction: Restriction): string {
  const properties = restriction.properties ?? {};
  const type = properties['type'];
  const values = properties['values'];
  if (typeof type === 'string' && type.toLowerCase() === 'location' && typeof values === 'string' && values !== '') {
    const forSubscription = restriction.reasonCode.toLowerCase() === 'notavailableforsubscription';
    return ENGLISH(forSubscription ? 'restriction.regionForSubscription' : 'restriction.region', { region: values });
  }
  const description = restriction.description?.trim();
  if (description) return /[.!?]$/.test(description) ? description : `${description}.`;
  return ENGLISH('restriction.other', { reasonCode: restriction.reasonCode });
}
