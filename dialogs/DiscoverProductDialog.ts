import { MessageFactory } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { safeForMarkdown, safeForPlainText } from '../cards/untrustedText';
import { renderPickCard } from '../cards/renderPickCard';
import { textFor, type MessageKey, type Text } from '../i18n/text';
import { isGuid } from '../services/purchase/isGuid';
import type {
  AzureSubscriptionChoice,
  AzureSubscriptionDetails,
  RegistrationState,
  CatalogChoice,
  CustomerDetails,
  ProductOption,
  PurchaseCategory,
  SkuOption,
  TermOption,
} from '../services/purchase/types';
import { callContextOf } from './callContext';
import { cardMessage } from './cardMessage';
import { categoryInSentence, productQuestion } from './categoryWords';
import type { DialogDependencies } from './dialogDependencies';
import { stepValues } from './stepValues';
import { notASubscriptionId, subscriptionIdPrompt } from './subscriptionIdPrompt';
import { pickedValue, PickPrompt, type PickPromptSettings, type PickResult, pressed, typedChoice } from './PickPrompt';
import { matchScore } from './purchaseRequest/bestMatches';
import { wordsOf } from '../services/purchase/looseWords';
import {
  type FacetName,
  type NarrowedVerb,
  type NarrowingEntry,
  NarrowingPickDialog,
  type NarrowingPickOptions,
} from './purchaseRequest/NarrowingPickDialog';
import type { PurchaseRequest } from './purchaseRequest/readPurchaseRequest';
import { refusedBeforeQuantity } from './purchaseEligibility';
import { ReservationRegistrationDialog, type ReservationRegistrationOptions } from './ReservationRegistrationDialog';
import { termPriceDetails } from './termPrices';
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
  /** What a one-line request said: its words pick the category, product, SKU and term they fit, when they fit one. */
  request?: PurchaseRequest;
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
const SUBSCRIPTION_PROMPT = 'discoverProductSubscription';
const SUBSCRIPTION_PICK = 'discoverProductSubscriptionPick';

const SUBSCRIPTION_KIND_WORDS: Record<AzureSubscriptionChoice['kind'], MessageKey> = {
  'azure-plan': 'discover.subscriptionKind.azurePlan',
  'microsoft-azure': 'discover.subscriptionKind.microsoftAzure',
};

/** The catalog keys naming each category: its button label and what it is also called. */
const CATEGORY_WORDS: Record<PurchaseCategory, { label: MessageKey; searchWords: MessageKey }> = {
  'software-subscriptions': {
    label: 'category.softwareSubscriptions.label',
    searchWords: 'category.softwareSubscriptions.searchWords',
  },
  'perpetual-software': {
    label: 'category.perpetualSoftware.label',
    searchWords: 'category.perpetualSoftware.searchWords',
  },
  'azure-reservations': {
    label: 'category.azureReservations.label',
    searchWords: 'category.azureReservations.searchWords',
  },
};

/**
 * What a category is called, so typing it (or a request naming it) finds it: its English words always (English
 * requests work for everyone), and its label and words in the reader's language.
 */
function categorySearchText(category: PurchaseCategory, say: Text): string {
  const { label, searchWords } = CATEGORY_WORDS[category];
  const english = textFor('en-US');
  return [...new Set([english(label), english(searchWords), say(label), say(searchWords)])].join(' ');
}

/** The reservation catalog each kind of Azure subscription buys from, as the catalog message's choice. */
const CATALOG_KIND: Record<AzureSubscriptionDetails['kind'], string> = {
  'azure-plan': 'azurePlan',
  'microsoft-azure': 'microsoftAzure',
  other: 'other',
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
    this.addDialog(new NarrowingPickDialog(deps.registry));
    this.addDialog(subscriptionIdPrompt(SUBSCRIPTION_PROMPT));
    this.addDialog(new PickPrompt(SUBSCRIPTION_PICK));
    this.addDialog(new ReservationRegistrationDialog(deps));
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
        this.inventoryStep.bind(this),
      ]),
    );
    this.initialDialogId = WATERFALL;
  }

  private options(step: WaterfallStepContext): DiscoverProductOptions {
    return step.options as DiscoverProductOptions;
  }

  /** Offers a list of any length, narrowed by the request's words (taking the one option they fit, if they fit one). */
  private async pick<V extends NarrowedVerb>(
    step: WaterfallStepContext,
    verb: V,
    title: string,
    entries: NarrowingEntry<V>[],
    more: Pick<NarrowingPickOptions<V>, 'words' | 'text' | 'sayTypos' | 'facetNames' | 'titledByDifference'> = {},
  ): Promise<DialogTurnResult> {
    const options: NarrowingPickOptions<V> = { verb, title, entries, ...more };
    return step.beginDialog(NarrowingPickDialog.id, options);
  }

  /**
   * The categories a one-line request can mean: the one it names, or those selling the products its words fit best
   * (a term rules out perpetual software). Empty when the request says nothing of it.
   */
  private async categoriesMeant(
    step: WaterfallStepContext,
    available: PurchaseCategory[],
  ): Promise<PurchaseCategory[]> {
    const { request, customer, correlationId } = this.options(step);
    if (!request) return [];
    if (request.category) return available.includes(request.category) ? [request.category] : [];
    if (!request.words) return [];
    const typed = wordsOf(request.words);
    const candidates = available.filter((c) => !(request.termDuration && c === 'perpetual-software'));
    const scores = await Promise.all(
      candidates.map(async (category) => {
        try {
          const products = await this.deps.service.listProducts(
            callContextOf(step.context, correlationId),
            customer,
            category,
          );
          return { category, score: Math.max(0, ...products.map((p) => matchScore(typed, p.title))) };
        } catch {
          // Not knowing a category's catalog only means asking which category.
          return { category, score: 0 };
        }
      }),
    );
    const best = Math.max(0, ...scores.map((s) => s.score));
    return best === 0 ? [] : scores.filter((s) => s.score === best).map((s) => s.category);
  }

  private async categoryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { customer, category } = this.options(step);
    if (category) return step.next(pressed('pickCategory', category));
    const say = textFor(step.context.activity.locale);
    const market = this.deps.service.marketAvailability(customer);
    if (market.unavailable.length > 0) {
      await step.context.sendActivity(
        market.unavailable
          .map((u) => safeForMarkdown(textFor(step.context.activity.locale)(u.key, u.values), 'sentence'))
          .join(' '),
      );
    }
    if (market.available.length === 0) {
      await step.context.sendActivity(
        say('discover.nothingInCountry', { country: safeForMarkdown(customer.countryName, 'name') }),
      );
      return step.endDialog(undefined);
    }
    const meant = await this.categoriesMeant(step, market.available);
    if (meant.length === 1) return step.next(pressed('pickCategory', meant[0]));
    const words = this.options(step).request?.words;
    const offered = meant.length > 1 ? meant : market.available;
    return this.pick(
      step,
      'pickCategory',
      say('discover.whatToBuy', { customer: safeForMarkdown(customer.companyName, 'name') }),
      offered.map((c) => ({ label: say(CATEGORY_WORDS[c].label), searchText: categorySearchText(c, say), value: c })),
      {
        text:
          meant.length > 1 && words
            ? say('discover.soldAs', {
                words: safeForMarkdown(words, 'typed'),
                categories: meant.map((c) => categoryInSentence(c, say)).join(say('discover.soldAsJoin')),
              })
            : undefined,
      },
    );
  }

  private async reservationSubscriptionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const category = pickedValue(step.result, 'pickCategory');
    if (!category) return step.endDialog(undefined);
    stepValues(step).category = category;
    const { azureSubscription, request } = this.options(step);
    if (category !== 'azure-reservations' || azureSubscription) return step.next(azureSubscription);
    if (request?.azureSubscriptionId) return step.next(request.azureSubscriptionId);
    const { customer, correlationId } = this.options(step);
    const say = textFor(step.context.activity.locale);
    let choices: AzureSubscriptionChoice[] = [];
    try {
      choices = await this.deps.service.listAzureSubscriptions(callContextOf(step.context, correlationId), customer.id);
    } catch {
      // Not offering them only means asking for the id, as before.
    }
    if (choices.length === 0) {
      return step.prompt(SUBSCRIPTION_PROMPT, {
        prompt: MessageFactory.text(say('discover.pasteAzureSubscription')),
        retryPrompt: notASubscriptionId(),
      });
    }
    const buttons = await Promise.all(
      choices.map(async (choice) => ({
        label: choice.name,
        detail: [
          choice.id,
          say(SUBSCRIPTION_KIND_WORDS[choice.kind]),
          choice.status === 'active'
            ? say('discover.subscriptionRegistration', { state: choice.registration })
            : choice.status,
        ].join(' · '),
        id: await this.deps.registry.register(step.context, 'pickAzureSubscription', choice),
      })),
    );
    return step.prompt(SUBSCRIPTION_PICK, {
      prompt: cardMessage(
        renderPickCard({
          title: say('discover.whichAzureSubscription'),
          text: say('discover.azureSubscriptionsText', { customer: safeForMarkdown(customer.companyName, 'name') }),
          verb: 'pickAzureSubscription',
          options: buttons,
          locale: step.context.activity.locale,
        }),
      ),
      retryPrompt: notASubscriptionId(),
      validations: {
        verbs: ['pickAzureSubscription'],
        typedChoices: choices.map((choice) => typedChoice('pickAzureSubscription', [choice.name, choice.id], choice)),
        allowFreeText: true,
      } satisfies PickPromptSettings,
    });
  }

  private async reservationCatalogStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (stepValues(step).category !== 'azure-reservations') return step.next(undefined);
    const picked = pickedValue(step.result, 'pickAzureSubscription');
    const typed = typedAnswer(step.result);
    if (!picked && typed === undefined) {
      // Known already (back to pick another SKU): its catalog was chosen and said before.
      stepValues(step).azureSubscription = step.result as AzureSubscriptionDetails;
      return step.next(undefined);
    }
    const { customer, correlationId } = this.options(step);
    const say = textFor(step.context.activity.locale);
    const subscriptionId = (picked?.id ?? typed ?? '').trim().toLowerCase();
    if (!picked && !isGuid(subscriptionId)) {
      await step.context.sendActivity(notASubscriptionId());
      return step.replaceDialog(WATERFALL, { ...this.options(step), category: 'azure-reservations' });
    }
    let subscription: AzureSubscriptionDetails | undefined = picked;
    try {
      subscription ??= await this.deps.service.getAzureSubscription(
        callContextOf(step.context, correlationId),
        customer.id,
        subscriptionId,
      );
    } catch (error) {
      await tellFailure(step.context, this.deps.service, error, say('discover.lookupFailed'));
      return step.endDialog(undefined);
    }
    const verdict = reservationSubscriptionVerdict(subscription, subscriptionId, customer, say);
    if (!verdict.usable) {
      await step.context.sendActivity(verdict.sentence);
      const { request } = this.options(step);
      return step.replaceDialog(WATERFALL, {
        ...this.options(step),
        category: 'azure-reservations',
        // Asked afresh: the one the request named can't be used.
        request: request ? { ...request, azureSubscriptionId: undefined } : undefined,
      } satisfies DiscoverProductOptions);
    }
    const chosen = verdict.subscription;
    stepValues(step).azureSubscription = chosen;
    await step.context.sendActivity(
      say('discover.catalogOf', {
        subscription: `${safeForMarkdown(chosen.name, 'name')} (${safeForMarkdown(chosen.id, 'id')})`,
        kind: CATALOG_KIND[chosen.kind],
      }),
    );
    return step.next(undefined);
  }

  private async productStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { customer, product, correlationId } = this.options(step);
    const category = stepValues(step).category as PurchaseCategory;
    if (product) return step.next(pressed('pickProduct', product));
    const say = textFor(step.context.activity.locale);
    let products: ProductOption[];
    try {
      products = await this.deps.service.listProducts(
        callContextOf(step.context, correlationId),
        customer,
        category,
        catalogOf(step),
      );
    } catch (error) {
      await tellFailure(step.context, this.deps.service, error, say('discover.catalogFailed'));
      return step.endDialog(undefined);
    }
    if (products.length === 0) {
      await step.context.sendActivity(
        say('discover.noneOnOffer', {
          category: categoryInSentence(category, say),
          country: safeForMarkdown(customer.countryName, 'name'),
        }),
      );
      return step.endDialog(undefined);
    }
    const skus = await this.reservationSkusOf(step, category, products);
    return this.pick(
      step,
      'pickProduct',
      productQuestion(category, say),
      products.map((p, index) => ({
        label: p.title,
        detail: [p.publisherName, optionCount(skus[index], say)].filter(Boolean).join(' · ') || undefined,
        searchText: `${p.title} ${[...new Set((skus[index] ?? []).flatMap((sku) => wordsOf(sku.title)))].join(' ')}`,
        value: p,
      })),
      { words: this.options(step).request?.words, sayTypos: true },
    );
  }

  private async skuStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { customer, correlationId } = this.options(step);
    const product = pickedValue(step.result, 'pickProduct');
    if (!product) return step.endDialog(undefined);
    stepValues(step).product = product;
    const say = textFor(step.context.activity.locale);
    let skus: SkuOption[];
    try {
      skus = await this.deps.service.listSkus(
        callContextOf(step.context, correlationId),
        customer,
        product.productId,
        catalogOf(step),
      );
    } catch (error) {
      await tellFailure(step.context, this.deps.service, error, say('discover.skusFailed'));
      return step.endDialog(undefined);
    }
    if (skus.length === 0) {
      await step.context.sendActivity(
        say('discover.noSkus', {
          product: safeForMarkdown(product.title, 'name'),
          country: safeForMarkdown(customer.countryName, 'name'),
        }),
      );
      return step.endDialog(undefined);
    }
    if (skus.length === 1) return step.next(pressed('pickSku', skus[0]));
    return this.pick(
      step,
      'pickSku',
      say('discover.whichSku', { product: safeForMarkdown(product.title, 'name') }),
      skus.map((s) => ({
        label: s.title,
        // The card makes the detail safe; the description is cut first so the quantity range always fits after it. A
        // reservation's description only repeats its title (size, region, term), which the card tells apart already.
        detail: skuDetail(s, say),
        searchText: `${s.title} ${s.armRegionName ?? ''}`,
        value: s,
        ...reservationFacets(s),
      })),
      { words: this.options(step).request?.words, facetNames: RESERVATION_FACETS, titledByDifference: true },
    );
  }

  private async termStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { customer, correlationId } = this.options(step);
    const sku = pickedValue(step.result, 'pickSku');
    if (!sku) return step.endDialog(undefined);
    stepValues(step).sku = sku;
    const say = textFor(step.context.activity.locale);
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
      await tellFailure(step.context, this.deps.service, error, say('discover.termsFailed'));
      return step.endDialog(undefined);
    }
    if (terms.length === 0) {
      await step.context.sendActivity(
        say('discover.noTerms', {
          sku: safeForMarkdown(sku.title, 'name'),
          country: safeForMarkdown(customer.countryName, 'name'),
        }),
      );
      return step.endDialog(undefined);
    }
    if (terms.length === 1) return step.next(pressed('pickTerm', terms[0]));
    const prices = await termPriceDetails(
      step.context,
      this.deps,
      { correlationId, customer, category: stepValues(step).category as PurchaseCategory | undefined, sku },
      terms,
    );
    return this.pick(
      step,
      'pickTerm',
      say('discover.whichTerm'),
      terms.map((t, i) => ({
        label: t.description,
        ...(prices[i] ? { detail: prices[i] } : {}),
        searchText: `${t.description} ${t.termDuration ?? ''}`,
        value: t,
      })),
      { words: this.options(step).request?.words },
    );
  }

  /**
   * The SKUs of each reservation series: the series' button says how many options it has (the first of the structured
   * choices series → size → region → term), and a request naming a size finds its series by them — a series' title
   * doesn't say which sizes it has (`Standard_D4s_v5` is in "Dv5 Series"). The catalog cache keeps them for the SKU
   * step. Nothing for other categories.
   */
  private async reservationSkusOf(
    step: WaterfallStepContext,
    category: PurchaseCategory,
    products: ProductOption[],
  ): Promise<(SkuOption[] | undefined)[]> {
    const { customer, correlationId } = this.options(step);
    if (category !== 'azure-reservations') return [];
    return Promise.all(
      products.map(async (product) => {
        try {
          return await this.deps.service.listSkus(
            callContextOf(step.context, correlationId),
            customer,
            product.productId,
            catalogOf(step),
          );
        } catch {
          // Not knowing a series' SKUs only means not saying how many it has.
          return undefined;
        }
      }),
    );
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
      prompt: MessageFactory.text(textFor(step.context.activity.locale)('discover.pasteReservationSubscription')),
      retryPrompt: notASubscriptionId(),
    });
  }

  private async checksStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { customer, correlationId } = this.options(step);
    const say = textFor(step.context.activity.locale);
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
    stepValues(step).choice = choice;
    if (!sku.needsRegistration) return step.next(true);
    let status: RegistrationState;
    try {
      status = await this.deps.service.getRegistrationStatus(
        callContextOf(step.context, correlationId),
        customer.id,
        subscriptionId,
      );
    } catch (error) {
      await tellFailure(step.context, this.deps.service, error, say('discover.subscriptionCheckFailed'));
      return step.endDialog(undefined);
    }
    if (status === 'registered') return step.next(true);
    await step.context.sendActivity(
      say('discover.notRegistered', {
        subscriptionId: safeForMarkdown(subscriptionId, 'id'),
        registering: status === 'registering' ? 'yes' : 'no',
      }),
    );
    return step.beginDialog(ReservationRegistrationDialog.id, {
      correlationId,
      customer,
      subscription: azureSubscription ?? { id: subscriptionId, name: subscriptionId, kind: 'other', status: 'active' },
      status,
    } satisfies ReservationRegistrationOptions);
  }

  /** After registration (if it was needed): the inventory check of a reserved instance, then the choice is made. */
  private async inventoryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== true) return step.endDialog(undefined);
    const { customer, correlationId } = this.options(step);
    const say = textFor(step.context.activity.locale);
    const choice = stepValues(step).choice as ProductChoice;
    const { sku, azureSubscription } = choice;
    const subscriptionId = choice.azureSubscriptionId ?? '';
    const ctx = callContextOf(step.context, correlationId);
    try {
      if (sku.needsInventoryCheck) {
        const verdict = await this.deps.service.checkInventory(ctx, customer, sku, subscriptionId);
        if (verdict.restricted) {
          await step.context.sendActivity(
            say('discover.inventoryRestricted', {
              sku: safeForMarkdown(sku.title, 'name'),
              reasons: verdict.reasons
                .map((reason) =>
                  safeForMarkdown('asSent' in reason ? reason.asSent : say(reason.key, reason.values), 'sentence'),
                )
                .join(' '),
            }),
          );
          return step.replaceDialog(WATERFALL, {
            ...this.options(step),
            category: choice.category,
            product: choice.product,
            azureSubscription,
            // The request's words chose the refused SKU: the list is offered whole.
            request: undefined,
          } satisfies DiscoverProductOptions);
        }
      }
    } catch (error) {
      await tellFailure(step.context, this.deps.service, error, say('discover.subscriptionCheckFailed'));
      return step.endDialog(undefined);
    }
    return step.endDialog(choice);
  }
}

/** How many options a series has, in words (`72 options`), when its SKUs are known. */
function optionCount(skus: SkuOption[] | undefined, say: Text): string | undefined {
  if (!skus) return undefined;
  return say('discover.optionCount', { count: skus.length });
}

/** A SKU's button detail: its description (not a reservation's, which repeats its title) and how many an order takes. */
function skuDetail(sku: SkuOption, say: Text): string {
  const range = say('discover.skuRange', { min: sku.minimumQuantity, max: sku.maximumQuantity });
  if (!sku.description || sku.armSkuName) return range;
  return say('discover.skuDetail', { description: safeForPlainText(sku.description, 'name'), range });
}

/** What a reservation SKU's parts are called when a long list is narrowed by them, in that order. */
const RESERVATION_FACETS: FacetName[] = ['size', 'region', 'term'];

/**
 * A reserved instance SKU's size, region and term, which its title names ("Reserved VM Instance, Standard_D4s_v5,
 * EU West, 1 Year"; the size is `dynamicAttributes.armSkuName`): the 72 SKUs of a series narrow size → region → term.
 * Nothing for other SKUs, or a title not named so (then the list narrows by typed words and pages).
 */
function reservationFacets(sku: SkuOption): { facets?: string[] } {
  if (!sku.armSkuName) return {};
  const parts = sku.title.split(/,\s*/).slice(1);
  const term = parts.find((part) => /^\d+\s+years?$/i.test(part));
  const region = parts.find((part) => part !== sku.armSkuName && part !== term);
  return term && region ? { facets: [sku.armSkuName, region, term] } : {};
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
  say: Text,
): { usable: true; subscription: AzureSubscriptionDetails } | { usable: false; sentence: string } {
  const again = say('discover.pasteAnother');
  if (!subscription) {
    return {
      usable: false,
      sentence: say('discover.noSuchSubscription', {
        subscriptionId: safeForMarkdown(subscriptionId, 'id'),
        customer: safeForMarkdown(customer.companyName, 'name'),
        again,
      }),
    };
  }
  const named = `${safeForMarkdown(subscription.name, 'name')} (${safeForMarkdown(subscription.id, 'id')})`;
  if (subscription.kind === 'other') {
    return { usable: false, sentence: say('discover.notAzure', { subscription: named, again }) };
  }
  if (subscription.status !== 'active') {
    return {
      usable: false,
      sentence: say('discover.notActive', {
        subscription: named,
        status: safeForMarkdown(subscription.status, 'word'),
        again,
      }),
    };
  }
  return { usable: true, subscription };
}

/** A subscription id typed at the subscription question (or given by the request), if that is what the step got. */
function typedAnswer(result: unknown): string | undefined {
  if (typeof result === 'string') return result;
  const answer = result as PickResult | undefined;
  return answer?.kind === 'text' ? answer.text : undefined;
}
