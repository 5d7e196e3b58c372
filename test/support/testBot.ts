import { ConversationState, UserState } from 'botbuilder';
import { buildBot } from '../../bot/buildBot';
import type { PurchaseBot } from '../../bot/PurchaseBot';
import type { StatementService } from '../../bot/statements/StatementService';
import type { CheckoutStarter } from '../../dialogs/checkoutPort';
import type { RegistrationFollowUp } from '../../dialogs/lookups/deliveryPorts';
import { CheckoutLedger } from '../../services/checkout/CheckoutLedger';
import type { LookupService } from '../../services/lookups/types';
import { RecentOrdersStore } from '../../services/storage/RecentOrdersStore';
import { AuditTrail } from '../../services/audit/AuditTrail';
import { RoleDirectory } from '../../dialogs/security/RoleDirectory';
import { FakePurchaseService } from './FakePurchaseService';
import { MemoryAtomicStorage } from './MemoryAtomicStorage';
import { unusedPort } from './unusedPort';

/** The real bot over in-memory state and a fake purchase service, for HTTP-edge tests that only need help/welcome. */
export function buildTestBot(storage = new MemoryAtomicStorage()): {
  bot: PurchaseBot;
  conversationState: ConversationState;
} {
  const conversationState = new ConversationState(storage);
  const { bot } = buildBot({
    conversationState,
    userState: new UserState(storage),
    purchase: new FakePurchaseService(),
    lookups: unusedPort<LookupService>('lookups'),
    recentOrders: new RecentOrdersStore(storage),
    statements: unusedPort<StatementService>('statements'),
    registrations: unusedPort<RegistrationFollowUp>('registrations'),
    checkouts: unusedPort<CheckoutStarter>('checkouts'),
    checkoutLedger: new CheckoutLedger(storage),
    roles: new RoleDirectory({ purchaserIds: [], viewerIds: [], everyoneIsPurchaser: true }),
    audit: new AuditTrail(storage),
  });
  return { bot, conversationState };
}
