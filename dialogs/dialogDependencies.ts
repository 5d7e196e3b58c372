import type { StatePropertyAccessor } from 'botbuilder';
import type { AuditTrail } from '../services/audit/AuditTrail';
import type { CheckoutLedger } from '../services/checkout/CheckoutLedger';
import type { LookupService } from '../services/lookups/types';
import type { PriceSheetService } from '../services/purchase/PriceSheetService';
import type { CustomerSummary, PurchaseService } from '../services/purchase/types';
import type { RecentOrdersStore } from '../services/storage/RecentOrdersStore';
import type { CardActionRegistry } from './cardActionRegistry';
import type { OpenConfirmationTracker } from './openConfirmation';
import type { ListPosition } from './lookups/LookupActions';
import type { RegistrationFollowUp, StatementDelivery } from './lookups/deliveryPorts';
import type { ApprovalPort } from './approvalPort';
import type { CheckoutStarter } from './checkoutPort';
import type { OrderCancellationService } from '../services/purchase/OrderCancellationService';
import type { RoleDirectory } from './security/RoleDirectory';
import type { SignInSettings } from './signIn/signInPrompt';

/** What the dialogs are built with; tests pass fakes of the service. */
export interface DialogDependencies {
  service: PurchaseService;
  registry: CardActionRegistry;
  /** Starts checkouts exactly once per cart, outside the turn. */
  checkouts: CheckoutStarter;
  /** Reads where a cart's checkout stands. */
  checkoutLedger: CheckoutLedger;
  openConfirmation: OpenConfirmationTracker;
  /** The user's last customer, offered first next time (user state). */
  lastCustomer: StatePropertyAccessor<CustomerSummary | undefined>;
  /** Ten-second answers: orders, balance, invoices, entitlements, registration. */
  lookups: LookupService;
  /** Orders this bot placed recently, shown before Partner Center lists them. */
  recentOrders: RecentOrdersStore;
  statements: StatementDelivery;
  registrations: RegistrationFollowUp;
  /** Where "more" continues (conversation state). */
  lastList: StatePropertyAccessor<ListPosition | undefined>;
  /** Who may buy and who may only look; asked when each action runs. */
  roles: RoleDirectory;
  /** The append-only record of purchase attempts (written on refusals here, on checkouts by the runner). */
  audit: AuditTrail;
  /** Present in live App+User mode: people sign in before Partner Center is called as them. */
  signIn?: SignInSettings;
  /** How far back a purchase of the same SKU for the same customer is asked about before buying again (0: never). */
  duplicateGuard?: {
    windowMs: number;
    /** Days-long check, also in Partner Center's order list (0 or absent: only `windowMs`, only the ledger). */
    daysMs?: number;
  };
  /** Prices from Partner Center's price sheet for the confirmation card (never throws; absent: no prices shown). */
  prices?: Pick<PriceSheetService, 'quote'>;
  /** Approvals above the spend threshold (absent: no approvals configured, Place order buys at once). */
  approvals?: ApprovalPort;
  /** Cancelling orders within the cancellation policy's window (absent: the order card offers no Cancel). */
  cancellations?: Pick<OrderCancellationService, 'cancellationOptions' | 'cancelOrder'>;
  /** The clock (tests move it). */
  now?: () => number;
}
