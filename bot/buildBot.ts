import { ConversationState, UserState } from 'botbuilder';
import { CardActionRegistry } from '../dialogs/cardActionRegistry';
import type { DialogDependencies } from '../dialogs/dialogDependencies';
import type { ApprovalPort } from '../dialogs/approvalPort';
import type { CheckoutStarter } from '../dialogs/checkoutPort';
import type { RegistrationFollowUp } from '../dialogs/lookups/deliveryPorts';
import type { ListPosition } from '../dialogs/lookups/LookupActions';
import { MainDialog } from '../dialogs/MainDialog';
import { OpenConfirmationTracker } from '../dialogs/openConfirmation';
import type { RoleDirectory } from '../dialogs/security/RoleDirectory';
import type { SignInSettings } from '../dialogs/signIn/signInPrompt';
import type { AuditTrail } from '../services/audit/AuditTrail';
import type { CheckoutLedger } from '../services/checkout/CheckoutLedger';
import type { LookupService } from '../services/lookups/types';
import type { PriceSheetService } from '../services/purchase/PriceSheetService';
import type { CustomerSummary, PurchaseService } from '../services/purchase/types';
import type { RecentOrdersStore } from '../services/storage/RecentOrdersStore';
import { CardViews } from '../dialogs/cardActions/CardViews';
import { ComposeSearch } from './invokes/ComposeSearch';
import { OrderCardRefresh } from './invokes/OrderCardRefresh';
import { TypeaheadSearch } from './invokes/TypeaheadSearch';
import { PurchaseBot } from './PurchaseBot';
import type { StatementService } from './statements/StatementService';

/** Everything the bot's turns use, built by the composition root (or a test). */
export interface BotParts {
  conversationState: ConversationState;
  userState: UserState;
  purchase: PurchaseService;
  lookups: LookupService;
  recentOrders: RecentOrdersStore;
  statements: StatementService;
  registrations: RegistrationFollowUp;
  checkouts: CheckoutStarter;
  checkoutLedger: CheckoutLedger;
  roles: RoleDirectory;
  audit: AuditTrail;
  /** Live App+User mode only: the OAuth connection people sign in with. */
  signIn?: SignInSettings;
  /** How far back a purchase of the same SKU for the same customer is asked about before buying again. */
  duplicateGuard?: {
    windowMs: number;
    /** Days-long check, also in Partner Center's order list (0 or absent: only `windowMs`, only the ledger). */
    daysMs?: number;
  };
  /** Prices for the confirmation card from Partner Center's price sheet. */
  prices?: Pick<PriceSheetService, 'quote'>;
  /** Approvals above the spend threshold (absent: none configured). */
  approvals?: ApprovalPort;
  /** Cancelling orders within the cancellation policy's window. */
  cancellations?: DialogDependencies['cancellations'];
}

/** Wires the bot: state, the card action registry, the dialogs and the services they call. */
export function buildBot(parts: BotParts): { bot: PurchaseBot; dependencies: DialogDependencies } {
  const { conversationState, userState } = parts;
  const registry = new CardActionRegistry(conversationState);
  const dependencies: DialogDependencies = {
    service: parts.purchase,
    registry,
    checkouts: parts.checkouts,
    checkoutLedger: parts.checkoutLedger,
    openConfirmation: new OpenConfirmationTracker(conversationState),
    lastCustomer: userState.createProperty<CustomerSummary | undefined>('lastCustomer'),
    lookups: parts.lookups,
    recentOrders: parts.recentOrders,
    statements: parts.statements,
    registrations: parts.registrations,
    lastList: conversationState.createProperty<ListPosition | undefined>('lastList'),
    roles: parts.roles,
    audit: parts.audit,
    ...(parts.signIn ? { signIn: parts.signIn } : {}),
    ...(parts.duplicateGuard ? { duplicateGuard: parts.duplicateGuard } : {}),
    ...(parts.prices ? { prices: parts.prices } : {}),
    ...(parts.approvals ? { approvals: parts.approvals } : {}),
    ...(parts.cancellations ? { cancellations: parts.cancellations } : {}),
  };
  const teams = {
    views: new CardViews(conversationState),
    orderRefresh: new OrderCardRefresh(dependencies),
    typeahead: new TypeaheadSearch(dependencies),
    compose: new ComposeSearch(dependencies),
  };
  const bot = new PurchaseBot(conversationState, userState, new MainDialog(dependencies), parts.statements, teams);
  return { bot, dependencies };
}
