import type { Order } from '../partnerCenter/schemas/order';
import type { OrderLineItemProvisioningStatus } from '../partnerCenter/schemas/provisioningStatus';
import type { OrderView } from './types';

/** An order as the lookup cards show it; lines in line-number order, named by their friendly name when there is one. */
export function orderViewOf(order: Order, provisioning?: readonly OrderLineItemProvisioningStatus[]): OrderView {
  const view: OrderView = {
    id: order.id,
    customerId: order.referenceCustomerId,
    status: order.status,
    billingCycle: order.billingCycle,
    lines: [...order.lineItems]
      .sort((a, b) => a.lineItemNumber - b.lineItemNumber)
      .map((line) => {
        const name = line.friendlyName?.trim();
        const view: OrderView['lines'][number] = {
          lineItemNumber: line.lineItemNumber,
          name: name ? name : line.offerId,
          offerId: line.offerId,
          quantity: line.quantity,
        };
        if (line.termDuration) view.termDuration = line.termDuration;
        return view;
      }),
  };
  if (order.creationDate) view.creationDate = order.creationDate;
  if (order.currencyCode) view.currencyCode = order.currencyCode;
  if (order.totalPrice !== undefined) view.totalPrice = order.totalPrice;
  // Lower case, as the view documents it: the schema's canonical spelling (`Fulfilled`) is Partner Center's enum name.
  if (provisioning) {
    view.provisioning = [...provisioning]
      .sort((a, b) => a.lineItemNumber - b.lineItemNumber)
      .map((item) => ({ lineItemNumber: item.lineItemNumber, status: item.status.toLowerCase() }));
  }
  return view;
}
