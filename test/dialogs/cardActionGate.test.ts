import { ConversationState, TestAdapter, TurnContext } from 'botbuilder';
import type { CardVerb } from '../../cards/cardAction';
import { CardActionRegistry } from '../../dialogs/cardActionRegistry';
import { type Admission, CARD_REFUSALS, CardActionGate } from '../../dialogs/cardActions/CardActionGate';
import type { CardActionValues } from '../../dialogs/cardActions/cardActionTable';
import { OpenConfirmationTracker } from '../../dialogs/openConfirmation';
import type { Role } from '../../dialogs/security/RoleDirectory';
import { ROLE_REFUSALS } from '../../dialogs/security/roleRefusals';
import { AuditTrail } from '../../services/audit/AuditTrail';
import { MemoryAtomicStorage } from '../support/MemoryAtomicStorage';
import { textFor } from '../../i18n/text';

/** What a refusal says to an English reader. */
const english = textFor('en-US');

const SKU: CardActionValues['pickSku'] = {
  productId: 'P1',
  skuId: '0001',
  title: 'Some SKU',
  description: '',
  minimumQuantity: 1,
  maximumQuantity: 10,
  needsInventoryCheck: false,
  needsRegistration: false,
  provisioningVariables: [],
};
const CUSTOMER = {
  id: 'c1',
  companyName: 'Contoso Ltd',
  domain: 'contoso.onmicrosoft.com',
  country: 'US',
  countryName: 'United States',
};

/** A list position with a field the schema doesn't name: it must come through, not be stripped. */
const LATER_POSITION = { kind: 'orders' as const, customer: CUSTOMER, offset: 10, addedLater: 'kept' };

/**
 * Stores `stored` under `verb` (as the registry would have kept it, whatever its shape), presses that button as a
 * person of `role`, and returns the gate's answer and the audit trail after it.
 */
async function press(
  verb: CardVerb,
  stored: unknown,
  role: Role,
): Promise<{ admission: Admission; audited: string[] }> {
  const storage = new MemoryAtomicStorage();
  const conversationState = new ConversationState(storage);
  const registry = new CardActionRegistry(conversationState);
  const audit = new AuditTrail(storage);
  const gate = new CardActionGate({
    registry,
    audit,
    openConfirmation: new OpenConfirmationTracker(conversationState),
  });
  let admission: Admission | undefined;
  const adapter = new TestAdapter(async (context: TurnContext) => {
    // A damaged or older value can't be written through the typed register(); this one pretends to be any verb's value.
    const id = await registry.register(context, verb, stored as never);
    admission = await gate.admitPress(context, role, { verb, id });
  });
  await adapter.send('press');
  if (!admission) throw new Error('the turn did not run');
  return { admission, audited: (await audit.latest(10)).map((entry) => entry.result) };
}

describe('the card action gate checks every press against the table', () => {
  it.each<[string, CardVerb, unknown, Role, Admission, string[]]>([
    // [case, verb, what the button's id stood for, who presses, the gate's answer, audit entries]
    [
      'a SKU button pressed by a purchaser gives the SKU, typed',
      'pickSku',
      SKU,
      'purchaser',
      { admitted: true, action: { verb: 'pickSku', value: SKU } },
      [],
    ],
    [
      'a SKU button whose stored value is not a SKU is refused like a stale button',
      'pickSku',
      'not a sku',
      'purchaser',
      { admitted: false, sentence: english(CARD_REFUSALS.unknown) },
      [],
    ],
    [
      'a purchase button pressed by a viewer is refused',
      'pickSku',
      SKU,
      'viewer',
      { admitted: false, sentence: english(ROLE_REFUSALS.viewerBuying) },
      [],
    ],
    [
      'Place order pressed by a viewer is refused and audited',
      'placeOrder',
      { cartId: 'cart-1', key: 'k1' },
      'viewer',
      {
        admitted: false,
        sentence: english(ROLE_REFUSALS.viewerPlacingOrder),
        refusedOrder: { cartId: 'cart-1', key: 'k1' },
      },
      ['role-refused'],
    ],
    [
      'a lookup button pressed by someone with no role is refused without a hint',
      'openInvoice',
      'G000000001',
      'none',
      { admitted: false, sentence: english(ROLE_REFUSALS.unknownUser) },
      [],
    ],
    [
      'a "more" button keeps every field of its list position, also one a later release adds',
      'more',
      LATER_POSITION,
      'viewer',
      { admitted: true, action: { verb: 'more', value: LATER_POSITION } },
      [],
    ],
    [
      'a "more" button of a kind of list the bot does not know is refused',
      'more',
      { kind: 'somethingElse', offset: 10 },
      'viewer',
      { admitted: false, sentence: english(CARD_REFUSALS.unknown) },
      [],
    ],
  ])('%s', async (_case, verb, stored, role, expected, audited) => {
    const result = await press(verb, stored, role);
    expect(result.admission).toEqual(expected);
    expect(result.audited).toEqual(audited);
  });

  it.each<[string, Role, Admission]>([
    ['Help, by someone with no role', 'none', { admitted: true, action: { verb: 'help', value: null } }],
    ['Buy, by a viewer', 'viewer', { admitted: false, sentence: english(ROLE_REFUSALS.viewerBuying) }],
    ['Buy, by a purchaser', 'purchaser', { admitted: true, action: { verb: 'buy', value: null } }],
  ])("the welcome card's unregistered buttons are never looked up: %s", async (_case, role, expected) => {
    const storage = new MemoryAtomicStorage();
    const conversationState = new ConversationState(storage);
    const gate = new CardActionGate({
      registry: new CardActionRegistry(conversationState),
      audit: new AuditTrail(storage),
      openConfirmation: new OpenConfirmationTracker(conversationState),
    });
    let admission: Admission | undefined;
    const adapter = new TestAdapter(async (context: TurnContext) => {
      const verb = expected.admitted ? expected.action.verb : 'buy';
      admission = await gate.admitPress(context, role, { verb, id: 'open' });
    });
    await adapter.send('press');
    expect(admission).toEqual(expected);
  });
});
