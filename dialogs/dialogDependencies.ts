import type { StatePropertyAccessor } from 'botbuilder';
import type { CustomerSummary, PurchaseService } from '../services/purchase/types';
import type { CardActionRegistry } from './cardActionRegistry';
import type { OpenConfirmationTracker } from './openConfirmation';
import type { PlacedOrderBook } from './placedOrders';

/** What the dialogs are built with; tests pass fakes of the service. */
export interface DialogDependencies {
  service: PurchaseService;
  registry: CardActionRegistry;
  placedOrders: PlacedOrderBook;
  openConfirmation: OpenConfirmationTracker;
  /** The user's last customer, offered first next time (user state). */
  lastCustomer: StatePropertyAccessor<CustomerSummary | undefined>;
}
