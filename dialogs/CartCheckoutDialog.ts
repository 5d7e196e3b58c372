import { MessageFactory, TurnContext } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { renderConfirmationCard } from '../cards/renderConfirmationCard';
import { billingCycleWords } from '../cards/orderWords';
import { renderNoticeCard } from '../cards/renderNoticeCard';
import { safeForMarkdown } from '../cards/untrustedText';
import { type CartIdentity, cartIdentityOf, checkoutKeyOf } from '../services/checkout/cartIdentity';
import type { CheckoutRecord } from '../services/checkout/CheckoutLedger';
import type {
  CartSummary,
  CustomerDetails,
  ProductOption,
  SkuAttestation,
  SkuOption,
  TermOption,
} from '../services/purchase/types';
import { callContextOf } from './callContext';
import type { CartButton } from './cardActions/cardActionValues';
import { cardMessage } from './cardMessage';
import { checkoutOutcomeCard } from './checkoutOutcomeCard';
import type { DialogDependencies } from './dialogDependencies';
import { duplicateWarning } from './duplicateWarning';
import { PickPrompt, PickPromptSettings, PickResult, typedChoice } from './PickPrompt';
import { QuantityChoice, QuantityDialog } from './QuantityDialog';
import { replaceCard } from './replaceCard';
import type { RefusedOrder } from './security/refusePlaceOrder';
import { tellFailure } from './tellFailure';

/** Options of {@link CartCheckoutDialog}; `confirmation` is set when waiting again on a card already shown. */
export interface CartCheckoutOptions {
  correlationId: string;
  customer: CustomerDetails;
  product: ProductOption;
  sku: SkuOption;
  term: TermOption;
  quantity: number;
  provisioningContext?: Record<string, string>;
  confirmation?: Confirmation;
}

/** The confirmation card on screen: its cart (id and identity) and, once shown, the duplicates already warned about. */
interface Confirmation {
  cartId: string;
  activityId: string;
  identity: CartIdentity;
  /** Ledger keys of earlier claims the person was warned about and chose to buy again despite. */
  duplicatesWarned?: string[];
  /** The attestations the card shows: pressing its Place order accepts them (and the audit trail says so). */
  attestations?: SkuAttestation[];
}

const WATERFALL = 'cartCheckoutSteps';
const DECISION = 'cartCheckoutDecision';

/**
 * Builds the cart (fresh catalog item), shows the confirmation card — customer, product, SKU, quantity, term, billing
 * cycle, problems in words — with "Place order", "Change quantity" (updates the same cart) and "Cancel"; "Place order"
 * checks the cart out and replaces the card with the result, so it can't be pressed again.
 */
export class CartCheckoutDialog extends ComponentDialog {
  static readonly id = 'cartCheckoutDialog';

  constructor(private readonly deps: DialogDependencies) {
    super(CartCheckoutDialog.id);
    this.addDialog(new PickPrompt(DECISION));
    this.addDialog(new QuantityDialog(deps));
    this.addDialog(
      new WaterfallDialog(WATERFALL, [
        this.cartStep.bind(this),
        this.decideStep.bind(this),
        this.applyQuantityStep.bind(this),
      ]),
    );
    this.initialDialogId = WATERFALL;
  }

  private async cartStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as CartCheckoutOptions;
    if (options.confirmation) return this.awaitDecision(step, undefined);
    let cart: CartSummary;
    try {
      cart = await this.deps.service.createCart(callContextOf(step.context, options.correlationId), options.customer, {
        productId: options.sku.productId,
        skuId: options.sku.skuId,
        termKey: options.term.termKey,
        quantity: options.quantity,
        provisioningContext: options.provisioningContext,
      });
    } catch (error) {
      await tellFailure(step.context, this.deps.service, error, 'I could not build the cart, so nothing was bought: ');
      return step.endDialog(undefined);
    }
    const identity = cartIdentityOf(cart);
    const activityId = await this.showConfirmation(step, cart, identity, undefined);
    options.confirmation = { cartId: cart.cartId, activityId, identity, attestations: attestationsOf(cart) };
    return this.awaitDecision(step, cart);
  }

  private async showConfirmation(
    step: WaterfallStepContext,
    cart: CartSummary,
    identity: CartIdentity,
    replaceActivityId: string | undefined,
  ): Promise<string> {
    const options = step.options as CartCheckoutOptions;
    const previous = await this.deps.openConfirmation.get(step.context);
    if (previous) await this.deps.registry.forget(step.context, previous.actionIds);
    const button: CartButton = { cartId: cart.cartId, key: checkoutKeyOf(cart.cartId, identity) };
    const actions = {
      placeOrder: await this.deps.registry.register(step.context, 'placeOrder', button),
      changeQuantity: await this.deps.registry.register(step.context, 'changeQuantity', button),
      cancel: await this.deps.registry.register(step.context, 'cancelPurchase', button),
    };
    const card = renderConfirmationCard({
      customer: {
        companyName: options.customer.companyName,
        domain: options.customer.domain,
        countryName: options.customer.countryName,
      },
      lines: cart.lines.map((line) => ({
        productTitle: line.productTitle,
        skuTitle: line.skuTitle,
        quantity: line.quantity,
        termDescription: options.term.description,
        billingCycle: billingCycleWords(line.billingCycle),
        problem: line.problem?.sentence,
        attestation: line.attestation?.text,
      })),
      expiresAt: cart.expiresAt,
      actions,
    });
    let activityId = replaceActivityId;
    if (replaceActivityId) {
      await replaceCard(step.context, replaceActivityId, card);
    } else {
      activityId = (await step.context.sendActivity(cardMessage(card)))?.id ?? '';
    }
    await this.deps.openConfirmation.set(step.context, {
      activityId: activityId ?? '',
      cartId: cart.cartId,
      actionIds: [actions.placeOrder, actions.changeQuantity, actions.cancel],
      order: {
        cartId: cart.cartId,
        customer: { id: options.customer.id, companyName: options.customer.companyName },
        correlationId: options.correlationId,
        item: itemOf(options, cart.lines[0]?.quantity ?? options.quantity),
      },
    });
    return activityId ?? '';
  }

  private awaitDecision(step: WaterfallStepContext, cart: CartSummary | undefined): Promise<DialogTurnResult> {
    const { confirmation } = step.options as CartCheckoutOptions;
    const canPlace = !cart || cart.lines.every((line) => !line.problem);
    // Typing the button's words is pressing the button of this very cart.
    const button: CartButton = confirmation
      ? { cartId: confirmation.cartId, key: checkoutKeyOf(confirmation.cartId, confirmation.identity) }
      : { cartId: '' };
    const choices: PickPromptSettings = {
      verbs: ['placeOrder', 'changeQuantity', 'cancelPurchase'],
      typedChoices: [
        ...(canPlace ? [typedChoice('placeOrder', ['place order', 'place the order', 'confirm', 'yes'], button)] : []),
        typedChoice('changeQuantity', ['change quantity', 'change'], button),
      ],
      // After the person asked something else, the card above still works: point at it rather than show it twice.
      reminder: MessageFactory.text(
        canPlace
          ? 'Your order is still waiting on the confirmation card above: press **Place order** to buy, **Change quantity**, or **Cancel**.'
          : 'The confirmation card above is still open; this cart has a problem, so press **Change quantity** or **Cancel**.',
      ),
    };
    return step.prompt(DECISION, {
      retryPrompt: MessageFactory.text(
        canPlace
          ? 'Press **Place order** on the card to buy, **Change quantity**, or **Cancel**.'
          : 'This cart has a problem; press **Change quantity** or **Cancel**.',
      ),
      validations: choices,
    });
  }

  private async decideStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as CartCheckoutOptions;
    const confirmation = options.confirmation as Confirmation;
    const answer = step.result as PickResult;
    const action = answer.kind === 'action' ? answer.action : undefined;
    if (action?.verb !== 'placeOrder' && action?.verb !== 'changeQuantity' && action?.verb !== 'cancelPurchase') {
      return step.replaceDialog(WATERFALL, options);
    }
    if (action.value.cartId !== confirmation.cartId) {
      await step.context.sendActivity('That button belongs to an earlier cart; nothing changed.');
      return step.replaceDialog(WATERFALL, options);
    }
    if (action.verb === 'cancelPurchase') {
      // The card the person pressed says it: one answer, where they are looking, not a second message repeating it.
      await this.retire(step.context, confirmation.activityId, 'Purchase cancelled', CANCELLED_TEXT);
      return step.endDialog(undefined);
    }
    if (action.verb === 'changeQuantity') {
      return step.beginDialog(QuantityDialog.id, { sku: options.sku, term: options.term, quantityOnly: true });
    }
    return this.placeOrder(step, options, confirmation);
  }

  private async applyQuantityStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as CartCheckoutOptions;
    const confirmation = options.confirmation as Confirmation;
    const { quantity } = step.result as QuantityChoice;
    try {
      const cart = await this.deps.service.updateCartQuantity(
        callContextOf(step.context, options.correlationId),
        options.customer,
        confirmation.cartId,
        quantity,
      );
      const identity = cartIdentityOf(cart, confirmation.identity.createdAt);
      await this.showConfirmation(step, cart, identity, confirmation.activityId);
      await step.context.sendActivity(`Quantity changed to ${quantity}. Check the card above and place the order.`);
      return step.replaceDialog(WATERFALL, {
        ...options,
        quantity,
        confirmation: { ...confirmation, identity, attestations: attestationsOf(cart) },
      });
    } catch (error) {
      await tellFailure(step.context, this.deps.service, error, 'I could not change the quantity: ');
      return step.replaceDialog(WATERFALL, options);
    }
  }

  private async placeOrder(
    step: WaterfallStepContext,
    options: CartCheckoutOptions,
    confirmation: Confirmation,
  ): Promise<DialogTurnResult> {
    // The role was checked by the card action gate as the press (or the typed "place order") arrived.
    const item = itemOf(options, options.quantity);
    const duplicates = await this.unwarnedDuplicates(options, confirmation, item);
    if (duplicates.length > 0) {
      await step.context.sendActivity(duplicateWarning(options.customer, duplicates, this.deps.now?.() ?? Date.now()));
      return step.replaceDialog(WATERFALL, {
        ...options,
        confirmation: {
          ...confirmation,
          duplicatesWarned: [...(confirmation.duplicatesWarned ?? []), ...duplicates.map((d) => d.key)],
        },
      });
    }
    const open = await this.deps.openConfirmation.get(step.context);
    const outcome = await this.deps.checkouts.placeOrder(
      step.context,
      {
        cartId: confirmation.cartId,
        identity: confirmation.identity,
        customer: options.customer,
        correlationId: options.correlationId,
        cardActivityId: confirmation.activityId,
        item,
        ...(confirmation.attestations && confirmation.attestations.length > 0
          ? { attestations: confirmation.attestations }
          : {}),
      },
      // Answer at once; the checkout runs outside this turn and its outcome replaces this card.
      () =>
        replaceCard(
          step.context,
          confirmation.activityId,
          renderNoticeCard({
            title: 'Placing your order…',
            text: `Partner Center is processing the order for ${safeForMarkdown(options.customer.companyName, 'name')}. This card will show the result in a moment.`,
          }),
        ),
    );
    // "Place order" keeps resolving (to the ledger's answer); the other buttons of the used card stop working.
    if (open) await this.deps.registry.forget(step.context, open.actionIds.slice(1));
    await this.deps.openConfirmation.clear(step.context);
    if (outcome.started) return step.endDialog();
    const { record } = outcome;
    if (record.state === 'done' || record.state === 'failed') {
      await replaceCard(step.context, confirmation.activityId, checkoutOutcomeCard(record));
    } else {
      // Not touching the card: the checkout in progress will replace it with its outcome.
      await step.context.sendActivity(
        'This order is already being placed; the card will show the result. Nothing is bought twice.',
      );
    }
    return step.endDialog(record.result);
  }

  /**
   * Other checkouts of the same product and SKU for the same customer claimed within the guard's window and not
   * refused, that the person has not yet been warned about: buying again is asked, never assumed.
   */
  private async unwarnedDuplicates(
    options: CartCheckoutOptions,
    confirmation: Confirmation,
    item: { productId: string; skuId: string },
  ): Promise<CheckoutRecord[]> {
    const now = this.deps.now?.() ?? Date.now();
    const windowMs = this.deps.duplicateGuard?.windowMs ?? 0;
    if (windowMs <= 0) return [];
    const key = checkoutKeyOf(confirmation.cartId, confirmation.identity);
    let recent: CheckoutRecord[];
    try {
      recent = await this.deps.checkoutLedger.recentClaims(options.customer.id, now - windowMs);
    } catch {
      // The guard is a courtesy on top of exactly-once per cart; a storage hiccup must not block a purchase.
      return [];
    }
    const warned = new Set(confirmation.duplicatesWarned ?? []);
    return recent.filter(
      (r) =>
        r.key !== key &&
        !warned.has(r.key) &&
        r.state !== 'failed' &&
        r.item?.productId === item.productId &&
        r.item.skuId === item.skuId,
    );
  }

  private async retire(context: TurnContext, activityId: string, title: string, text: string): Promise<void> {
    const open = await this.deps.openConfirmation.get(context);
    if (open) await this.deps.registry.forget(context, open.actionIds);
    await this.deps.openConfirmation.clear(context);
    await replaceCard(context, activityId, renderNoticeCard({ title, text }));
  }
}

/** What a cancelled confirmation card says instead of its buttons. */
export const CANCELLED_TEXT = 'Nothing was bought. Type **buy** whenever you want to start again.';

/** What the cart holds, as the audit trail and the duplicate guard record it. */
function itemOf(options: CartCheckoutOptions, quantity: number): NonNullable<RefusedOrder['item']> {
  return {
    productId: options.sku.productId,
    skuId: options.sku.skuId,
    title: `${options.product.title} — ${options.sku.title}`,
    quantity,
  };
}

/** The attestations a cart's lines need, as the confirmation card shows them (each once). */
function attestationsOf(cart: CartSummary): SkuAttestation[] {
  const seen = new Map<string, SkuAttestation>();
  for (const line of cart.lines) {
    if (line.attestation) seen.set(`${line.attestation.type}|${line.attestation.text ?? ''}`, line.attestation);
  }
  return [...seen.values()];
}
