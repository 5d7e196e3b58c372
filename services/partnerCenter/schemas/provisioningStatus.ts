import { z } from 'zod';
import { knownOr, numberFromWire } from './wireValues';

const statusValue = knownOr(['Fulfilled', 'Unfulfilled', 'PrefulfillmentPending']);

/** Provisioning status of one order line item (`…/orders/{id}/provisioningstatus`). */
export const orderLineItemProvisioningStatusSchema = z.object({
  lineItemNumber: numberFromWire,
  orderLineItemId: z.string().optional(),
  status: statusValue,
  quantityProvisioningInformation: z.array(z.object({ quantity: numberFromWire, status: statusValue })).optional(),
});

export type OrderLineItemProvisioningStatus = z.infer<typeof orderLineItemProvisioningStatusSchema>;
