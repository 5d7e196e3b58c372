import type { InventoryItemResult } from '../partnerCenter/schemas/inventory';

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
    const who = restriction.reasonCode.toLowerCase() === 'notavailableforsubscription' ? ' for this subscription' : '';
    return `Not available${who} in region ${values}.`;
  }
  const description = restriction.description?.trim();
  if (description) return /[.!?]$/.test(description) ? description : `${description}.`;
  return `Not available (${restriction.reasonCode}).`;
}
