import { link } from '../http/links';
import type { SeededRandom } from '../state/seededRandom';
import { iso } from './invoiceBook';
import type { OrderLine, OrderRecord } from './orders';

/** What a customer is entitled to use because of one completed order line. */
export interface EntitlementRecord {
  customerId: string;
  orderId: string;
  line: OrderLine;
  expiryDate?: number;
  /** Reserved instances: the Azure reservation's ids. */
  reservation?: { groupId: string; lineItemId: string; resourceId: string };
  /** Software: product key and download location. */
  productKey?: string;
}

/** Creates the entitlements of a completed order (one per line). */
export function entitlementsForOrder(
  order: OrderRecord,
  completedAt: number,
  random: SeededRandom,
): EntitlementRecord[] {
  // A line cancelled before the order completed entitles to nothing.
  return order.lines
    .filter((line) => line.quantity > 0)
    .map((line) => {
      const record: EntitlementRecord = { customerId: order.customerId, orderId: order.id, line };
      if (line.termDuration) {
        const years = line.termDuration === 'P3Y' ? 3 : 1;
        const expiry = new Date(completedAt);
        expiry.setUTCFullYear(expiry.getUTCFullYear() + years);
        record.expiryDate = expiry.getTime();
      }
      if (line.kind === 'reservation') {
        record.reservation = {
          groupId: random.chars(32, '0123456789abcdef'),
          lineItemId: random.guid(),
          resourceId: random.guid(),
        };
      } else {
        record.productKey = [1, 2, 3, 4, 5].map(() => random.chars(5, 'BCDFGHJKMPQRTVWXY2346789')).join('-');
      }
      return record;
    });
}

/** Renders an Entitlement; `expiryDate` only when asked for with `showExpiry=true` and when one applies. */
export function entitlementJson(record: EntitlementRecord, showExpiry: boolean): Record<string, unknown> {
  const isReservation = record.line.kind === 'reservation';
  const artifacts: Record<string, unknown>[] = [];
  if (record.reservation) {
    const { groupId, lineItemId, resourceId } = record.reservation;
    artifacts.push({
      link: link(
        `/customers/${record.customerId}/artifacts/reservedinstance/groups/${groupId}/lineitems/${lineItemId}/resource/${resourceId}`,
      ),
      resourceId,
      artifactType: 'reservedinstance',
      dynamicAttributes: { reservationType: 'virtualmachines' },
    });
  }
  if (record.productKey) {
    artifacts.push({
      artifactType: 'product_key',
      dynamicAttributes: { productKey: record.productKey },
    });
    artifacts.push({
      artifactType: 'download',
      link: link(
        `/customers/${record.customerId}/artifacts/software/${record.line.productId}/${record.line.skuId}/download`,
      ),
      dynamicAttributes: { fileName: `${record.line.productId}-${record.line.skuId}.iso` },
    });
  }
  const body: Record<string, unknown> = {
    includedEntitlements: [],
    referenceOrder: { id: record.orderId, lineItemId: String(record.line.lineItemNumber) },
    productId: record.line.productId,
    skuId: record.line.skuId,
    quantity: record.line.quantity,
    quantityDetails: [{ quantity: record.line.quantity, status: 'Active' }],
    entitledArtifacts: artifacts,
    entitlementType: isReservation ? 'reservedinstance' : 'software',
    fulfillmentState: 'Fulfilled',
  };
  if (showExpiry && record.expiryDate !== undefined) body.expiryDate = iso(record.expiryDate);
  if (isReservation) body.dynamicAttributes = { reservationType: 'virtualmachines' };
  return body;
}

/** Parses `entitlementType` (any casing): software, reservedInstance or the legacy virtualMachineReservedInstance. */
export function parseEntitlementType(value: string): 'software' | 'reservedinstance' | undefined {
  const lower = value.toLowerCase();
  if (lower === 'software') return 'software';
  if (lower === 'reservedinstance' || lower === 'virtualmachinereservedinstance') return 'reservedinstance';
  return undefined;
}
