import { ConversationState, UserState } from 'botbuilder';
import { CardActionRegistry } from '../dialogs/cardActionRegistry';
import type { DialogDependencies } from '../dialogs/dialogDependencies';
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
import type { CustomerSummary, PurchaseService } from '../services/purchase/types';
import type { RecentOrdersStore } from '../services/storage/RecentOrdersStore';
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
  duplicateGuard?: { windowMs: number };
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
  };
  const bot = new PurchaseBot(conversationState, userState, new MainDialog(dependencies), parts.statements);
  return { bot, dependencies };
}
