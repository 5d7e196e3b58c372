import { MessageFactory } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { renderPickCard } from '../cards/renderPickCard';
import { safeForMarkdown, safeForPlainText } from '../cards/untrustedText';
import type { CardVerb } from '../cards/cardAction';
import type {
  CustomerDetails,
  ProductOption,
  PurchaseCategory,
  SkuOption,
  TermOption,
} from '../services/purchase/types';
import { callContextOf } from './callContext';
import { cardMessage } from './cardMessage';
import type { DialogDependencies } from './dialogDependencies';
import { stepValues } from './stepValues';
import { notASubscriptionId, subscriptionIdPrompt } from './subscriptionIdPrompt';
import { PickPrompt, PickResult } from './PickPrompt';
import { tellFailure } from './tellFailure';

/** Options of {@link DiscoverProductDialog}; category and product are given when going back to pick another SKU. */
export interface DiscoverProductOptions {
  correlationId: string;
  customer: CustomerDetails;
  category?: PurchaseCategory;
  product?: ProductOption;
}

/** What the user chose to buy, ready for quantity and cart. */
export interface ProductChoice {
  category: PurchaseCategory;
  product: ProductOption;
  sku: SkuOption;
  term: TermOption;
  /** The Azure subscription a reserved instance is for (checked for registration and inventory). */
  azureSubscriptionId?: string;
}

const WATERFALL = 'discoverProductSteps';
const PICK = 'discoverProductPick';
const SUBSCRIPTION_PROMPT = 'discoverProductSubscription';
const MAX_OPTIONS = 10;

/** The words the bot uses for each category. */
export const CATEGORY_LABELS: Record<PurchaseCategory, string> = {
  'software-subscriptions': 'Software subscriptions',
  'perpetual-software': 'Perpetual software',
  'azure-reservations': 'Azure reserved VM instances',
};

/**
 * Category → product → SKU → term in the customer's market, then (for reserved instances) the Azure subscription,
 * its registration and an inventory check. Ends with a {@link ProductChoice}, or nothing when the item can't be bought.
 */
export class DiscoverProductDialog extends ComponentDialog {
  static readonly id = 'discoverProductDialog';

  constructor(private readonly deps: DialogDependencies) {
    super(DiscoverProductDialog.id);
    this.addDialog(new PickPrompt(PICK));
    this.addDialog(subscriptionIdPrompt(SUBSCRIPTION_PROMPT));
    this.addDialog(
      new WaterfallDialog(WATERFALL, [
        this.categoryStep.bind(this),
        this.productStep.bind(this),
        this.skuStep.bind(this),
        this.termStep.bind(this),
        this.subscriptionStep.bind(this),
        this.checksStep.bind(this),
      ]),
    );
    this.initialDialogId = WATERFALL;
  }

  private options(step: WaterfallStepContext): DiscoverProductOptions {
    return step.options as DiscoverProductOptions;
  }

  private async pick<T>(
    step: WaterfallStepContext,
    verb: CardVerb,
    title: string,
    items: T[],
    describe: (item: T) => { label: string; detail?: string },
    footnote?: string,
  ): Promise<DialogTurnResult> {
    const shown = items.slice(0, MAX_OPTIONS);
    const options = await Promise.all(
      shown.map(async (item) => ({
        ...describe(item),
        id: await this.deps.registry.register(step.context, verb, item),
      })),
    );
    const more = items.length > shown.length ? `Showing ${shown.length} of ${items.length}.` : undefined;
    const card = renderPickCard({
      title,
      verb,
      options,
      footnote: [more, footnote].filter(Boolean).join(' ') || undefined,
    });
    return step.prompt(PICK, {
      prompt: cardMessage(card),
      retryPrompt: MessageFactory.text('Please pick one of the options above, or type cancel.'),
      validations: {
        verbs: [verb],
        typedChoices: shown.map((item) => ({ labels: [describe(item).label], verb, value: item })),
      },
    });
  }

  private async categoryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { customer, category } = this.options(step);
    if (category) return step.next({ kind: 'action', verb: 'pickCategory', value: category } satisfies PickResult);
    const market = this.deps.service.marketAvailability(customer);
    if (market.unavailable.length > 0) {
      await step.context.sendActivity(market.unavailable.map((u) => safeForMarkdown(u.reason, 'sentence')).join(' '));
    }
    if (market.available.length === 0) {
      await step.context.sendActivity(
        `Nothing can be bought for customers in ${safeForMarkdown(customer.countryName, 'name')}.`,
      );
      return step.endDialog(undefined);
    }
    return this.pick(
      step,
      'pickCategory',
      `What would you like to buy for ${safeForMarkdown(customer.companyName, 'name')}?`,
      market.available,
      (c) => ({
        label: CATEGORY_LABELS[c],
      }),
    );
  }

  private async productStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { customer, product, correlationId } = this.options(step);
    const category = (step.result as PickResult & { kind: 'action' }).value as PurchaseCategory;
    stepValues(step).category = category;
    if (product) return step.next({ kind: 'action', verb: 'pickProduct', value: product } satisfies PickResult);
    let products: ProductOption[];
    try {
      products = await this.deps.service.listProducts(callContextOf(step.context, correlationId), customer, category);
    } catch (error) {
      await tellFailure(step.context, this.deps.service, error, 'I could not load the catalog: ');
      return step.endDialog(undefined);
    }
    if (products.length === 0) {
      await step.context.sendActivity(
        `There are no ${CATEGORY_LABELS[category].toLowerCase()} on offer for customers in ${safeForMarkdown(customer.countryName, 'name')}.`,
      );
      return step.endDialog(undefined);
    }
    return this.pick(
      step,
      'pickProduct',
      `Which ${CATEGORY_LABELS[category].toLowerCase()} product?`,
      products,
      (p) => ({
        label: p.title,
        detail: p.publisherName,
      }),
    );
  }

  private async skuStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { customer, correlationId } = this.options(step);
    const product = (step.result as PickResult & { kind: 'action' }).value as ProductOption;
    stepValues(step).product = product;
    let skus: SkuOption[];
    try {
      skus = await this.deps.service.listSkus(callContextOf(step.context, correlationId), customer, product.productId);
    } catch (error) {
      await tellFailure(step.context, this.deps.service, error, 'I could not load the product options: ');
      return step.endDialog(undefined);
    }
    if (skus.length === 0) {
      await step.context.sendActivity(
        `${safeForMarkdown(product.title, 'name')} has no options that can be bought in ${safeForMarkdown(customer.countryName, 'name')}.`,
      );
      return step.endDialog(undefined);
    }
    if (skus.length === 1) return step.next({ kind: 'action', verb: 'pickSku', value: skus[0] } satisfies PickResult);
    return this.pick(step, 'pickSku', `Which ${safeForMarkdown(product.title, 'name')}?`, skus, (s) => ({
      label: s.title,
      // The card makes the detail safe; the description is cut first so the quantity range always fits after it.
      detail: `${s.description ? `${safeForPlainText(s.description, 'name')} · ` : ''}${s.minimumQuantity}–${s.maximumQuantity} per order`,
    }));
  }

  private async termStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { customer, correlationId } = this.options(step);
    const sku = (step.result as PickResult & { kind: 'action' }).value as SkuOption;
    stepValues(step).sku = sku;
    let terms: TermOption[];
    try {
      terms = await this.deps.service.listTerms(
        callContextOf(step.context, correlationId),
        customer,
        sku.productId,
        sku.skuId,
      );
    } catch (error) {
      await tellFailure(step.context, this.deps.service, error, 'I could not load the terms: ');
      return step.endDialog(undefined);
    }
    if (terms.length === 0) {
      await step.context.sendActivity(
        `${safeForMarkdown(sku.title, 'name')} can't be bought in ${safeForMarkdown(customer.countryName, 'name')} right now.`,
      );
      return step.endDialog(undefined);
    }
    if (terms.length === 1)
      return step.next({ kind: 'action', verb: 'pickTerm', value: terms[0] } satisfies PickResult);
    return this.pick(step, 'pickTerm', 'Which term?', terms, (t) => ({ label: t.description }));
  }

  private async subscriptionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    stepValues(step).term = (step.result as PickResult & { kind: 'action' }).value as TermOption;
    const sku = stepValues(step).sku as SkuOption;
    if (!sku.needsInventoryCheck && !sku.needsRegistration) return step.next(undefined);
    return step.prompt(SUBSCRIPTION_PROMPT, {
      prompt: MessageFactory.text(
        'Which Azure subscription is the reservation for? Paste its subscription id (a GUID like 0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b).',
      ),
      retryPrompt: notASubscriptionId(),
    });
  }

  private async checksStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { customer, correlationId } = this.options(step);
    const sku = stepValues(step).sku as SkuOption;
    const choice: ProductChoice = {
      category: stepValues(step).category as PurchaseCategory,
      product: stepValues(step).product as ProductOption,
      sku,
      term: stepValues(step).term as TermOption,
    };
    if (typeof step.result !== 'string') return step.endDialog(choice);
    const subscriptionId = step.result.trim().toLowerCase();
    choice.azureSubscriptionId = subscriptionId;
    const ctx = callContextOf(step.context, correlationId);
    try {
      if (sku.needsRegistration) {
        const status = await this.deps.service.getRegistrationStatus(ctx, customer.id, subscriptionId);
        if (status !== 'registered') {
          const next =
            status === 'registering'
              ? 'It is being registered now; try again in a few minutes.'
              : `I can register it: type **register ${safeForMarkdown(subscriptionId, 'id')} for ${safeForMarkdown(customer.companyName, 'name')}** — the card will show when it's Registered — then start again with **buy**.`;
          const state = status === 'registering' ? 'is still being registered' : "isn't registered";
          await step.context.sendActivity(
            `Azure subscription ${safeForMarkdown(subscriptionId, 'id')} ${state} for reserved instance purchases, so this reservation can't be bought yet. ${next}`,
          );
          return step.endDialog(undefined);
        }
      }
      if (sku.needsInventoryCheck) {
        const verdict = await this.deps.service.checkInventory(ctx, customer, sku, subscriptionId);
        if (verdict.restricted) {
          await step.context.sendActivity(
            `${safeForMarkdown(sku.title, 'name')} isn't available for that subscription: ${verdict.reasons.map((reason) => safeForMarkdown(reason, 'sentence')).join(' ')} Pick another size or region.`,
          );
          return step.replaceDialog(WATERFALL, {
            ...this.options(step),
            category: choice.category,
            product: choice.product,
          } satisfies DiscoverProductOptions);
        }
      }
    } catch (error) {
      await tellFailure(step.context, this.deps.service, error, 'I could not check that subscription: ');
      return step.endDialog(undefined);
    }
    return step.endDialog(choice);
  }
}
