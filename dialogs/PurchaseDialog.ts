import { randomUUID } from 'node:crypto';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { CustomerDetails } from '../services/purchase/types';
import { CartCheckoutDialog, CartCheckoutOptions } from './CartCheckoutDialog';
import type { DialogDependencies } from './dialogDependencies';
import { stepValues } from './stepValues';
import type { PurchaseRequest } from './purchaseRequest/readPurchaseRequest';
import { DiscoverProductDialog, DiscoverProductOptions, ProductChoice } from './DiscoverProductDialog';
import { QuantityChoice, QuantityDialog, QuantityOptions } from './QuantityDialog';
import { SelectCustomerDialog, SelectCustomerOptions } from './SelectCustomerDialog';

/** Options of {@link PurchaseDialog}. */
export interface PurchaseOptions {
  /** The customer named in the command (`buy for fabrikam`). */
  customerQuery?: string;
  /** The rest of a one-line request (`buy 10 Windows Server 2022 Standard 1 year for Fabrikam`): slots to fill. */
  request?: Omit<PurchaseRequest, 'customerQuery'>;
}

const WATERFALL = 'purchaseSteps';

/**
 * One purchase from start to finish: customer → product → quantity → cart, confirm and check out. One correlation id
 * spans every Partner Center call of the purchase so it can be traced end to end. What a one-line request already
 * said (customer, product words, term, quantity, Azure subscription, scope) is not asked again.
 */
export class PurchaseDialog extends ComponentDialog {
  static readonly id = 'purchaseDialog';

  constructor(deps: DialogDependencies) {
    super(PurchaseDialog.id);
    this.addDialog(new SelectCustomerDialog(deps));
    this.addDialog(new DiscoverProductDialog(deps));
    this.addDialog(new QuantityDialog(deps));
    this.addDialog(new CartCheckoutDialog(deps));
    this.addDialog(
      new WaterfallDialog(WATERFALL, [
        this.selectCustomerStep.bind(this),
        this.discoverStep.bind(this),
        this.quantityStep.bind(this),
        this.cartStep.bind(this),
        this.finishStep.bind(this),
      ]),
    );
    this.initialDialogId = WATERFALL;
  }

  private async selectCustomerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const correlationId = randomUUID();
    stepValues(step).correlationId = correlationId;
    const { customerQuery } = (step.options ?? {}) as PurchaseOptions;
    return step.beginDialog(SelectCustomerDialog.id, {
      correlationId,
      query: customerQuery,
    } satisfies SelectCustomerOptions);
  }

  private async discoverStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const customer = step.result as CustomerDetails | undefined;
    if (!customer) return step.endDialog(undefined);
    stepValues(step).customer = customer;
    const { request } = (step.options ?? {}) as PurchaseOptions;
    return step.beginDialog(DiscoverProductDialog.id, {
      correlationId: stepValues(step).correlationId as string,
      customer,
      request,
    } satisfies DiscoverProductOptions);
  }

  private async quantityStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const choice = step.result as ProductChoice | undefined;
    if (!choice) return step.endDialog(undefined);
    stepValues(step).choice = choice;
    const { request } = (step.options ?? {}) as PurchaseOptions;
    return step.beginDialog(QuantityDialog.id, {
      sku: choice.sku,
      term: choice.term,
      azureSubscriptionId: choice.azureSubscriptionId,
      quantity: request?.quantity,
      scope: request?.scope,
    } satisfies QuantityOptions);
  }

  private async cartStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const quantity = step.result as QuantityChoice | undefined;
    if (!quantity) return step.endDialog(undefined);
    const choice = stepValues(step).choice as ProductChoice;
    return step.beginDialog(CartCheckoutDialog.id, {
      correlationId: stepValues(step).correlationId as string,
      customer: stepValues(step).customer as CustomerDetails,
      product: choice.product,
      sku: choice.sku,
      term: choice.term,
      quantity: quantity.quantity,
      provisioningContext: quantity.provisioningContext,
      category: choice.category,
    } satisfies CartCheckoutOptions);
  }

  private async finishStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }
}
