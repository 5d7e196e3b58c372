import { ConversationState, MemoryStorage, TestAdapter, TurnContext } from 'botbuilder';
import { CardActionRegistry } from '../../dialogs/cardActionRegistry';

const HOUR_MS = 60 * 60 * 1000;

/** One turn of a conversation whose state lives in `storage`, run as the bot runs a turn: load, act, save. */
async function turn(
  storage: MemoryStorage,
  now: () => number,
  act: (registry: CardActionRegistry, context: TurnContext) => Promise<void>,
): Promise<void> {
  const conversationState = new ConversationState(storage);
  const registry = new CardActionRegistry(conversationState, now, 24 * HOUR_MS);
  const adapter = new TestAdapter(async (context) => {
    await act(registry, context);
    await conversationState.saveChanges(context);
  });
  await adapter.send('hello');
}

async function storedActionIds(storage: MemoryStorage): Promise<string[]> {
  const items = await storage.read(['test/conversations/Convo1/']);
  const state = items['test/conversations/Convo1/'] as { cardActions?: Record<string, unknown> } | undefined;
  return Object.keys(state?.cardActions ?? {});
}

describe('CardActionRegistry retention', () => {
  it('drops card actions past their expiry from conversation state when a new card is registered', async () => {
    const storage = new MemoryStorage();
    let clock = Date.UTC(2026, 0, 1);
    const ids: string[] = [];
    await turn(
      storage,
      () => clock,
      async (registry, context) => {
        ids.push(await registry.register(context, 'placeOrder', { cartId: 'cart-1' }));
      },
    );

    clock += 25 * HOUR_MS;
    await turn(
      storage,
      () => clock,
      async (registry, context) => {
        ids.push(await registry.register(context, 'placeOrder', { cartId: 'cart-2' }));
      },
    );

    expect(await storedActionIds(storage)).toEqual([ids[1]]);
  });

  it('drops expired card actions when others are forgotten, and keeps fresh ones', async () => {
    const storage = new MemoryStorage();
    let clock = Date.UTC(2026, 0, 1);
    const ids: string[] = [];
    await turn(
      storage,
      () => clock,
      async (registry, context) => {
        ids.push(await registry.register(context, 'placeOrder', { cartId: 'old' }));
      },
    );
    clock += 20 * HOUR_MS;
    await turn(
      storage,
      () => clock,
      async (registry, context) => {
        ids.push(await registry.register(context, 'placeOrder', { cartId: 'fresh' }));
        ids.push(await registry.register(context, 'cancelPurchase', { cartId: 'used' }));
      },
    );

    clock += 5 * HOUR_MS;
    await turn(
      storage,
      () => clock,
      async (registry, context) => {
        await registry.forget(context, [ids[2]]);
      },
    );

    expect(await storedActionIds(storage)).toEqual([ids[1]]);
  });
});
