import { z } from 'zod';
import { knownOr, numberFromWire, stringFromWire } from './wireValues';

const statusValue = knownOr(['Fulfilled', 'Unfulfilled', 'PrefulfillmentPending']);

/**
 * Provisioning status of one order line item (`…/orders/{id}/provisioningstatus`). The documented example sends
 * `"orderLineItemId": 0` and `"lineItemNumber": 0` as numbers; both are accepted as numbers or strings.
 */
export const orderLineItemProvisioningStatusSchema = z.object({
  lineItemNumber: numberFromWire,
  orderLineItemId: stringFromWire.optional(),
  status: statusValue,
  quantityProvisioningInformation: z.array(z.object({ quantity: numberFromWire, status: statusValue })).optional(),
});

export type OrderLineItemProvisioningStatus = z.infer<typeof orderLineItemProvisioningStatusSchema>;
