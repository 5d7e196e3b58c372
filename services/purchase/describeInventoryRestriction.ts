import type { MessageKey, MessageValues } from '../../i18n/text';
import type { InventoryItemResult } from '../partnerCenter/schemas/inventory';

type Restriction = InventoryItemResult['restrictions'][number];

/** Why an item can't be bought: a catalog message in the reader's words, or Partner Center's own description. */
export type InventoryReason = { key: MessageKey; values?: MessageValues } | { asSent: string };

/**
 * One reason for an inventory restriction, e.g. "Not available for this subscription in region japanwest." Location
 * restrictions name the region; others keep Partner Center's own description.
 */
export function describeInventoryRestriction(restriction: Restriction): InventoryReason {
  const properties = restriction.properties ?? {};
  const type = properties['type'];
  const values = properties['values'];
  if (typeof type === 'string' && type.toLowerCase() === 'location' && typeof values === 'string' && values !== '') {
    const forSubscription = restriction.reasonCode.toLowerCase() === 'notavailableforsubscription';
    return {
      key: forSubscription ? 'restriction.regionForSubscription' : 'restriction.region',
      values: { region: values },
    };
  }
  const description = restriction.description?.trim();
  if (description) return { asSent: /[.!?]$/.test(description) ? description : `${description}.` };
  return { key: 'restriction.other', values: { reasonCode: restriction.reasonCode } };
}
