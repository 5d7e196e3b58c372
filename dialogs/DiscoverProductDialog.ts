import { MessageFactory } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { renderPickCard } from '../cards/renderPickCard';
import { safeForMarkdown, safeForPlainText } from '../cards/untrustedText';
import type { CardActionValues } from './cardActions/cardActionTable';
import type {
  AzureSubscriptionDetails,
  CatalogChoice,
  CustomerDetails,
  ProductOption,
  PurchaseCategory,
  SkuOption,
  TermOption,
} from '../services/purchase/types';
import { callContextOf } from './callContext';
import { categoryInSentence, productQuestion } from './categoryWords';
import { cardMessage } from './cardMessage';
import type { DialogDependencies } from './dialogDependencies';
import { stepValues } from './stepValues';
import { notASubscriptionId, subscriptionIdPrompt } from './subscriptionIdPrompt';
import { pickedValue, PickPrompt, pressed, typedChoice } from './PickPrompt';
import { refusedBeforeQuantity } from './purchaseEligibility';
import { tellFailure } from './tellFailure';

/**
 * Options of {@link DiscoverProductDialog}; category, product and the reservation's Azure subscription are given when
 * going back to pick another SKU.
 */
export interface DiscoverProductOptions {
  correlationId: string;
  customer: CustomerDetails;
  category?: PurchaseCategory;
  product?: ProductOption;
  azureSubscription?: AzureSubscriptionDetails;
}

/** What the user chose to buy, ready for quantity and cart. */
export interface ProductChoice {
  category: PurchaseCategory;
  product: ProductOption;
  sku: SkuOption;
  term: TermOption;
  /** The Azure subscription a reserved instance is for (checked for registration and inventory). */
  azureSubscriptionId?: string;
  /** That subscription as Partner Center has it; its kind chose the reservation catalog. */
  azureSubscription?: AzureSubscriptionDetails;
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

/** The reservation catalog each kind of Azure subscription buys from, in the bot's words. */
const CATALOG_WORDS: Record<AzureSubscriptionDetails['kind'], string> = {
  'azure-plan': 'an Azure plan, so these are the reservations sold for Azure plans',
  'microsoft-azure':
    'a Microsoft Azure (MS-AZR-0145P) subscription, so these are the reservations sold for those subscriptions',
  other: 'not an Azure subscription',
};

/**
 * Category → product → SKU → term in the customer's market. For reserved instances the Azure subscription comes
 * first: Azure plans and Microsoft Azure (MS-AZR-0145P) subscriptions have reservation catalogs of their own, so its
 * kind decides what is listed; after the term come its registration and an inventory check. Ends with a
 * {@link ProductChoice}, or nothing when the item can't be bought.
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
        this.reservationSubscriptionStep.bind(this),
        this.reservationCatalogStep.bind(this),
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

  private async pick<V extends 'pickCategory' | 'pickProduct' | 'pickSku' | 'pickTerm'>(
    step: WaterfallStepContext,
    verb: V,
    title: string,
    items: CardActionValues[V][],
    describe: (item: CardActionValues[V]) => { label: string; detail?: string },
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
        typedChoices: shown.map((item) => typedChoice(verb, [describe(item).label], item)),
      },
    });
  }

  private async categoryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { customer, category } = this.options(step);
    if (category) return step.next(pressed('pickCategory', category));
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

  private async reservationSubscriptionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const category = pickedValue(step.result, 'pickCategory');
    if (!category) return step.endDialog(undefined);
    stepValues(step).category = category;
    const { azureSubscription } = this.options(step);
    if (category !== 'azure-reservations' || azureSubscription) return step.next(azureSubscription);
    return step.prompt(SUBSCRIPTION_PROMPT, {
      prompt: MessageFactory.text(
        "Which Azure subscription is the reservation for? Paste the subscription id of the customer's Azure plan or Microsoft Azure subscription (a GUID like 0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b): the two have different reservation catalogs.",
      ),
      retryPrompt: notASubscriptionId(),
    });
  }

  private async reservationCatalogStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (stepValues(step).category !== 'azure-reservations') return step.next(undefined);
    if (typeof step.result !== 'string') {
      // Known already (back to pick another SKU): its catalog was chosen and said before.
      stepValues(step).azureSubscription = step.result as AzureSubscriptionDetails;
      return step.next(undefined);
    }
    const { customer, correlationId } = this.options(step);
    const subscriptionId = step.result.trim().toLowerCase();
    let subscription: AzureSubscriptionDetails | undefined;
    try {
      subscription = await this.deps.service.getAzureSubscription(
        callContextOf(step.context, correlationId),
        customer.id,
        subscriptionId,
      );
    } catch (error) {
      await tellFailure(step.context, this.deps.service, error, 'I could not look that subscription up: ');
      return step.endDialog(undefined);
    }
    const verdict = reservationSubscriptionVerdict(subscription, subscriptionId, customer);
    if (!verdict.usable) {
      await step.context.sendActivity(verdict.sentence);
      return step.replaceDialog(WATERFALL, {
        ...this.options(step),
        category: 'azure-reservations',
      } satisfies DiscoverProductOptions);
    }
    const chosen = verdict.subscription;
    stepValues(step).azureSubscription = chosen;
    await step.context.sendActivity(
      `${safeForMarkdown(chosen.name, 'name')} (${safeForMarkdown(chosen.id, 'id')}) is ${CATALOG_WORDS[chosen.kind]}.`,
    );
    return step.next(undefined);
  }

  private async productStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { customer, product, correlationId } = this.options(step);
    const category = stepValues(step).category as PurchaseCategory;
    if (product) return step.next(pressed('pickProduct', product));
    let products: ProductOption[];
    try {
      products = await this.deps.service.listProducts(
        callContextOf(step.context, correlationId),
        customer,
        category,
        catalogOf(step),
      );
    } catch (error) {
      await tellFailure(step.context, this.deps.service, error, 'I could not load the catalog: ');
      return step.endDialog(undefined);
    }
    if (products.length === 0) {
      await step.context.sendActivity(
        `There are no ${categoryInSentence(category)} on offer for customers in ${safeForMarkdown(customer.countryName, 'name')}.`,
      );
      return step.endDialog(undefined);
    }
    return this.pick(step, 'pickProduct', productQuestion(category), products, (p) => ({
      label: p.title,
      detail: p.publisherName,
    }));
  }

  private async skuStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { customer, correlationId } = this.options(step);
    const product = pickedValue(step.result, 'pickProduct');
    if (!product) return step.endDialog(undefined);
    stepValues(step).product = product;
    let skus: SkuOption[];
    try {
      skus = await this.deps.service.listSkus(
        callContextOf(step.context, correlationId),
        customer,
        product.productId,
        catalogOf(step),
      );
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
    if (skus.length === 1) return step.next(pressed('pickSku', skus[0]));
    return this.pick(step, 'pickSku', `Which ${safeForMarkdown(product.title, 'name')}?`, skus, (s) => ({
      label: s.title,
      // The card makes the detail safe; the description is cut first so the quantity range always fits after it.
      detail: `${s.description ? `${safeForPlainText(s.description, 'name')} · ` : ''}${s.minimumQuantity}–${s.maximumQuantity} per order`,
    }));
  }

  private async termStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { customer, correlationId } = this.options(step);
    const sku = pickedValue(step.result, 'pickSku');
    if (!sku) return step.endDialog(undefined);
    stepValues(step).sku = sku;
    let terms: TermOption[];
    try {
      terms = await this.deps.service.listTerms(
        callContextOf(step.context, correlationId),
        customer,
        sku.productId,
        sku.skuId,
        catalogOf(step),
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
    if (terms.length === 1) return step.next(pressed('pickTerm', terms[0]));
    return this.pick(step, 'pickTerm', 'Which term?', terms, (t) => ({ label: t.description }));
  }

  private async subscriptionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const term = pickedValue(step.result, 'pickTerm');
    if (!term) return step.endDialog(undefined);
    stepValues(step).term = term;
    const sku = stepValues(step).sku as SkuOption;
    if (!sku.needsInventoryCheck && !sku.needsRegistration) return step.next(undefined);
    const known = stepValues(step).azureSubscription as AzureSubscriptionDetails | undefined;
    if (known) return step.next(known.id);
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
    if (await refusedBeforeQuantity(step.context, this.deps, correlationId, customer, choice)) {
      return step.endDialog(undefined);
    }
    if (typeof step.result !== 'string') return step.endDialog(choice);
    const subscriptionId = step.result.trim().toLowerCase();
    choice.azureSubscriptionId = subscriptionId;
    const azureSubscription = stepValues(step).azureSubscription as AzureSubscriptionDetails | undefined;
    if (azureSubscription) choice.azureSubscription = azureSubscription;
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
            azureSubscription,
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

/** The catalog the listings read: the reservation catalog of the chosen Azure subscription, if there is one. */
function catalogOf(step: WaterfallStepContext): CatalogChoice {
  const subscription = stepValues(step).azureSubscription as AzureSubscriptionDetails | undefined;
  if (!subscription || subscription.kind === 'other') return {};
  return { azureSubscriptionKind: subscription.kind };
}

/** Whether a subscription can be the one a reservation is bought for, or a sentence saying why not and asking again. */
function reservationSubscriptionVerdict(
  subscription: AzureSubscriptionDetails | undefined,
  subscriptionId: string,
  customer: CustomerDetails,
): { usable: true; subscription: AzureSubscriptionDetails } | { usable: false; sentence: string } {
  const again = 'Paste the id of another subscription, or type cancel.';
  if (!subscription) {
    return {
      usable: false,
      sentence: `Partner Center has no subscription ${safeForMarkdown(subscriptionId, 'id')} for ${safeForMarkdown(customer.companyName, 'name')}. ${again}`,
    };
  }
  const named = `${safeForMarkdown(subscription.name, 'name')} (${safeForMarkdown(subscription.id, 'id')})`;
  if (subscription.kind === 'other') {
    return {
      usable: false,
      sentence: `${named} is not an Azure plan or a Microsoft Azure subscription, so reservations can't be bought for it. ${again}`,
    };
  }
  if (subscription.status !== 'active') {
    return {
      usable: false,
      sentence: `${named} is ${safeForMarkdown(subscription.status, 'word')}; reservations need an active subscription. ${again}`,
    };
  }
  return { usable: true, subscription };
}
