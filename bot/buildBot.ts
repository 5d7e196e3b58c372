import { ConversationState, UserState } from 'botbuilder';
import { CardActionRegistry } from '../dialogs/cardActionRegistry';
import type { DialogDependencies } from '../dialogs/dialogDependencies';
import { MainDialog } from '../dialogs/MainDialog';
import { OpenConfirmationTracker } from '../dialogs/openConfirmation';
import { PlacedOrderBook } from '../dialogs/placedOrders';
import type { CustomerSummary, PurchaseService } from '../services/purchase/types';
import { PurchaseBot } from './PurchaseBot';

/** Wires the bot: state, the card action registry, the dialogs and the purchase service they call. */
export function buildBot(
  conversationState: ConversationState,
  userState: UserState,
  service: PurchaseService,
): { bot: PurchaseBot; dependencies: DialogDependencies } {
  const registry = new CardActionRegistry(conversationState);
  const dependencies: DialogDependencies = {
    service,
    registry,
    placedOrders: new PlacedOrderBook(conversationState),
    openConfirmation: new OpenConfirmationTracker(conversationState),
    lastCustomer: userState.createProperty<CustomerSummary | undefined>('lastCustomer'),
  };
  const bot = new PurchaseBot(conversationState, userState, new MainDialog(dependencies), registry);
  return { bot, dependencies };
}
