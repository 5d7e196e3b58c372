import { MessageFactory, TurnContext } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import {
  type ConfirmationPrice,
  type ConfirmationReservation,
  renderConfirmationCard,
} from '../cards/renderConfirmationCard';
import { formatMoney } from '../cards/format';
import { billingCycleWords, termDurationWords } from '../cards/orderWords';
import { renderNoticeCard } from '../cards/renderNoticeCard';
import { safeForMarkdown } from '../cards/untrustedText';
import { type MessageKey, type Text, textFor } from '../i18n/text';
import { type CartIdentity, cartIdentityOf, checkoutKeyOf } from '../services/checkout/cartIdentity';
import type { CheckoutRecord } from '../services/checkout/CheckoutLedger';
import type { ApprovalNeed } from '../services/approvals/approvalRules';
import { priceLineOf } from '../services/purchase/PriceSheetService';
import type {
  CartSummary,
  CustomerDetails,
  ProductOption,
  PurchaseCategory,
  SkuAttestation,
  SkuOption,
  TermOption,
} from '../services/purchase/types';
import type { ApprovalAsk } from './approvalPort';
import { callContextOf } from './callContext';
import type { CartButton } from './cardActions/cardActionValues';
import { cardMessage } from './cardMessage';
import { checkoutOutcomeCard } from './checkoutOutcomeCard';
import type { DialogDependencies } from './dialogDependencies';
import { duplicateWarning } from './duplicateWarning';
import { type ListedPurchase, listedPurchases } from './listedPurchases';
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
  /** What is being bought; it says which price sheet prices it (absent: software). */
  category?: PurchaseCategory;
  /** Set by the confirmation card when placing this order needs an approval (the card says "Request approval"). */
  approval?: { need: Extract<ApprovalNeed, { required: true }>; total?: ApprovalAsk['total'] };
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
      const say = textFor(step.context.activity.locale);
      await tellFailure(step.context, this.deps.service, error, say('checkout.cartFailed'));
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
    const price = await this.priceOf(step.context, options, cart.lines[0]?.quantity ?? options.quantity);
    const total = price?.available
      ? { amount: price.total, currency: price.currency, unitPrice: price.unitPrice }
      : undefined;
    const need = this.deps.approvals
      ? await this.deps.approvals.needOf(step.context, {
          correlationId: options.correlationId,
          customer: options.customer,
          ...(total ? { total } : {}),
        })
      : undefined;
    // Kept with the options: Place order on this card asks for an approval instead of buying.
    options.approval = need?.required ? { need, ...(total ? { total } : {}) } : undefined;
    const locale = step.context.activity.locale || 'en-US';
    const say = textFor(locale);
    const card = renderConfirmationCard({
      locale,
      ...(need?.required ? { approvalText: approvalText(need, total, locale, say) } : {}),
      customer: {
        companyName: options.customer.companyName,
        domain: options.customer.domain,
        countryName: options.customer.countryName,
      },
      lines: cart.lines.map((line) => ({
        productTitle: line.productTitle,
        skuTitle: line.skuTitle,
        quantity: line.quantity,
        // Partner Center words the term in English ("1 Year"); another reader gets it in their words ("1 år").
        termDescription: !options.term.termDuration
          ? say('term.perpetual')
          : say.language !== 'en-US'
            ? termDurationWords(options.term.termDuration, say)
            : options.term.description,
        billingCycle: billingCycleWords(line.billingCycle, say),
        problem: line.problem ? say(line.problem.key) : undefined,
        attestation: line.attestation?.text,
        ...reservationFacts(options),
        // One SKU per cart: the line is the SKU the price was asked for.
        ...(price ? { price } : {}),
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

  /**
   * The price of the cart's SKU from the price sheet: quantity × unit price in the customer's currency, or "not
   * available" — the purchase goes on either way. Undefined when the bot has no price sheet at all.
   */
  private async priceOf(
    context: TurnContext,
    options: CartCheckoutOptions,
    quantity: number,
  ): Promise<ConfirmationPrice | undefined> {
    const prices = this.deps.prices;
    if (!prices) return undefined;
    const answer = await prices.quote(callContextOf(context, options.correlationId), {
      country: options.customer.country,
      currency: options.term.currencyCode,
      category: options.category ?? 'software-subscriptions',
      productId: options.sku.productId,
      skuId: options.sku.skuId,
      termDuration: options.term.termDuration,
      billingCycle: options.term.billingCycle,
    });
    if (!answer.available) return { available: false };
    const line = priceLineOf(answer, quantity);
    return {
      available: true,
      unitPrice: line.unitPrice,
      total: line.total,
      currency: line.currency,
      sheetDate: answer.sheetDate,
      inRequestedCurrency: answer.inRequestedCurrency,
    };
  }

  private awaitDecision(step: WaterfallStepContext, cart: CartSummary | undefined): Promise<DialogTurnResult> {
    const { confirmation, approval } = step.options as CartCheckoutOptions;
    const canPlace = !cart || cart.lines.every((line) => !line.problem);
    const say = textFor(step.context.activity.locale);
    // Typing the button's words is pressing the button of this very cart.
    const button: CartButton = confirmation
      ? { cartId: confirmation.cartId, key: checkoutKeyOf(confirmation.cartId, confirmation.identity) }
      : { cartId: '' };
    const choices: PickPromptSettings = {
      verbs: ['placeOrder', 'changeQuantity', 'cancelPurchase'],
      typedChoices: [
        ...(canPlace
          ? [
              typedChoice(
                'placeOrder',
                typedWords(
                  say,
                  'checkout.typedPlaceOrder',
                  ...(approval ? (['checkout.typedRequestApproval'] as const) : []),
                ),
                button,
              ),
            ]
          : []),
        typedChoice('changeQuantity', typedWords(say, 'checkout.typedChangeQuantity'), button),
      ],
      // After the person asked something else, the card above still works: point at it rather than show it twice.
      // The card's button says "Request approval" when an approver must agree first.
      reminder: MessageFactory.text(
        say(canPlace ? (approval ? 'checkout.waitingApproval' : 'checkout.waiting') : 'checkout.waitingProblem'),
      ),
    };
    return step.prompt(DECISION, {
      retryPrompt: MessageFactory.text(
        say(canPlace ? (approval ? 'checkout.pressApproval' : 'checkout.press') : 'checkout.pressProblem'),
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
    const say = textFor(step.context.activity.locale);
    if (action.value.cartId !== confirmation.cartId) {
      await step.context.sendActivity(say('checkout.earlierCart'));
      return step.replaceDialog(WATERFALL, options);
    }
    if (action.verb === 'cancelPurchase') {
      // The card the person pressed says it: one answer, where they are looking, not a second message repeating it.
      await this.retire(
        step.context,
        confirmation.activityId,
        say('main.cancelledTitle'),
        say('main.cancelledCardText'),
      );
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
    const say = textFor(step.context.activity.locale);
    try {
      const cart = await this.deps.service.updateCartQuantity(
        callContextOf(step.context, options.correlationId),
        options.customer,
        confirmation.cartId,
        quantity,
      );
      const identity = cartIdentityOf(cart, confirmation.identity.createdAt);
      await this.showConfirmation(step, cart, identity, confirmation.activityId);
      await step.context.sendActivity(say('checkout.quantityChanged', { quantity }));
      return step.replaceDialog(WATERFALL, {
        ...options,
        quantity,
        confirmation: { ...confirmation, identity, attestations: attestationsOf(cart) },
      });
    } catch (error) {
      await tellFailure(step.context, this.deps.service, error, say('checkout.quantityFailed'));
      return step.replaceDialog(WATERFALL, options);
    }
  }

  private async placeOrder(
    step: WaterfallStepContext,
    options: CartCheckoutOptions,
    confirmation: Confirmation,
  ): Promise<DialogTurnResult> {
    // The role was checked by the card action gate as the press (or the typed "place order") arrived.
    const say = textFor(step.context.activity.locale);
    const item = itemOf(options, options.quantity);
    const { records: duplicates, listed } = await this.unwarnedDuplicates(step.context, options, confirmation, item);
    if (duplicates.length > 0 || listed.length > 0) {
      await step.context.sendActivity(
        duplicateWarning(
          options.customer,
          duplicates,
          this.deps.now?.() ?? Date.now(),
          listed,
          step.context.activity.locale || 'en-US',
        ),
      );
      return step.replaceDialog(WATERFALL, {
        ...options,
        confirmation: {
          ...confirmation,
          duplicatesWarned: [
            ...(confirmation.duplicatesWarned ?? []),
            ...duplicates.map((d) => d.key),
            ...listed.map((order) => listedKey(order.orderId)),
          ],
        },
      });
    }
    const open = await this.deps.openConfirmation.get(step.context);
    if (options.approval && this.deps.approvals) {
      // Nothing is bought here: the approvers get the request; an approval runs this very checkout, once.
      await this.deps.approvals.request(step.context, {
        cartId: confirmation.cartId,
        identity: confirmation.identity,
        customer: options.customer,
        correlationId: options.correlationId,
        cardActivityId: confirmation.activityId,
        item,
        ...(confirmation.attestations && confirmation.attestations.length > 0
          ? { attestations: confirmation.attestations }
          : {}),
        need: options.approval.need,
        ...(options.approval.total ? { total: options.approval.total } : {}),
      });
      if (open) await this.deps.registry.forget(step.context, open.actionIds);
      await this.deps.openConfirmation.clear(step.context);
      return step.endDialog();
    }
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
            title: say('checkout.placingTitle'),
            text: say('checkout.placing', { company: safeForMarkdown(options.customer.companyName, 'name') }),
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
      await step.context.sendActivity(say('checkout.alreadyPlacing'));
    }
    return step.endDialog(record.result);
  }

  /**
   * Earlier purchases of the same product and SKU for the same customer that the person has not yet been warned about:
   * checkouts claimed within the guard's window (minutes, or days) and not refused, and — with a days-long guard —
   * orders in Partner Center's order list that the ledger doesn't already show. Buying again is asked, never assumed.
   */
  private async unwarnedDuplicates(
    context: TurnContext,
    options: CartCheckoutOptions,
    confirmation: Confirmation,
    item: { productId: string; skuId: string },
  ): Promise<{ records: CheckoutRecord[]; listed: ListedPurchase[] }> {
    const now = this.deps.now?.() ?? Date.now();
    const daysMs = this.deps.duplicateGuard?.daysMs ?? 0;
    const windowMs = Math.max(this.deps.duplicateGuard?.windowMs ?? 0, daysMs);
    if (windowMs <= 0) return { records: [], listed: [] };
    const key = checkoutKeyOf(confirmation.cartId, confirmation.identity);
    let recent: CheckoutRecord[];
    try {
      recent = await this.deps.checkoutLedger.recentClaims(options.customer.id, now - windowMs);
    } catch {
      // The guard is a courtesy on top of exactly-once per cart; a storage hiccup must not block a purchase.
      recent = [];
    }
    const warned = new Set(confirmation.duplicatesWarned ?? []);
    const sameSku = recent.filter(
      (r) =>
        r.key !== key && r.state !== 'failed' && r.item?.productId === item.productId && r.item.skuId === item.skuId,
    );
    const records = sameSku.filter((r) => !warned.has(r.key));
    if (daysMs <= 0) return { records, listed: [] };
    const ledgerOrders = new Set(sameSku.flatMap((r) => (r.result?.orders ?? []).map((o) => o.id)));
    const listed = await listedPurchases(context, this.deps.lookups, {
      correlationId: options.correlationId,
      customer: options.customer,
      productId: item.productId,
      skuId: item.skuId,
      sinceMs: now - daysMs,
      nowMs: now,
      skip: ledgerOrders,
    });
    return { records, listed: listed.filter((order) => !warned.has(listedKey(order.orderId))) };
  }

  private async retire(context: TurnContext, activityId: string, title: string, text: string): Promise<void> {
    const open = await this.deps.openConfirmation.get(context);
    if (open) await this.deps.registry.forget(context, open.actionIds);
    await this.deps.openConfirmation.clear(context);
    await replaceCard(context, activityId, renderNoticeCard({ title, text }));
  }
}

/** Why the confirmation card asks for an approval, in words. */
function approvalText(
  need: Extract<ApprovalNeed, { required: true }>,
  total: ApprovalAsk['total'],
  locale: string,
  say: Text,
): string {
  const why = need.reasons.map((reason) => {
    if (reason === 'over-threshold') {
      return need.threshold === undefined || !total
        ? say('checkout.approvalOverThreshold')
        : say('checkout.approvalOverThresholdOf', { threshold: formatMoney(need.threshold, total.currency, locale) });
    }
    if (reason === 'price-unknown') return say('checkout.approvalPriceUnknown');
    return say('checkout.approvalFirstPurchase');
  });
  return say('checkout.approvalNeeded', { reasons: why.join('; ') });
}

const ENGLISH = textFor('en-US');

/**
 * What typing a button's words means, in the reader's language and in English (English commands work for everyone):
 * each catalog message lists its phrases separated by `|`.
 */
function typedWords(say: Text, ...keys: MessageKey[]): string[] {
  const phrases = keys.flatMap((key) => [...say(key).split('|'), ...ENGLISH(key).split('|')]);
  return [...new Set(phrases.map((phrase) => phrase.trim()).filter(Boolean))];
}

/** How an order from Partner Center's order list is remembered among the duplicates already warned about. */
function listedKey(orderId: string): string {
  return `order:${orderId}`;
}

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

/** The reserved instance facts of the line being confirmed (one SKU per cart), from the SKU and its provisioning context. */
function reservationFacts(options: CartCheckoutOptions): { reservation?: ConfirmationReservation } {
  const context = options.provisioningContext ?? {};
  const scope = context.scope === 'shared' || context.scope === 'single' ? context.scope : undefined;
  const reservation: ConfirmationReservation = {
    ...(context.subscriptionId ? { subscriptionId: context.subscriptionId } : {}),
    ...(options.sku.armRegionName ? { region: options.sku.armRegionName } : {}),
    ...(options.sku.armSkuName ? { size: options.sku.armSkuName } : {}),
    ...(scope ? { scope } : {}),
  };
  return Object.keys(reservation).length > 0 ? { reservation } : {};
}
