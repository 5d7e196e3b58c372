import { randomUUID } from 'node:crypto';
import { MessageFactory } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { safeForMarkdown } from '../../cards/untrustedText';
import type { OrderListFilter } from '../../services/lookups/types';
import type { CustomerDetails } from '../../services/purchase/types';
import { callContextOf } from '../callContext';
import type { DialogDependencies } from '../dialogDependencies';
import { SelectCustomerDialog, SelectCustomerOptions } from '../SelectCustomerDialog';
import { stepValues } from '../stepValues';
import { notASubscriptionId, subscriptionIdPrompt } from '../subscriptionIdPrompt';
import { tellFailure } from '../tellFailure';
import { LookupActions, type OrderCustomerSource } from './LookupActions';
import { resolveTimeWindow } from './timeWindow';
import type { TimeWindowRequest } from '../readTimeWindow';
import { textFor } from '../../i18n/text';

/** A lookup that is about one customer. */
export type CustomerLookup =
  | { kind: 'orders'; filter?: OrderListFilter; window?: TimeWindowRequest }
  | { kind: 'order'; orderId: string }
  | { kind: 'entitlements' }
  | { kind: 'register'; subscriptionId?: string };

/** Options of {@link CustomerLookupDialog}. */
export interface CustomerLookupOptions {
  lookup: CustomerLookup;
  /** The customer named in the command; otherwise the user's last customer, or ask. */
  customerQuery?: string;
}

const WATERFALL = 'customerLookupSteps';
const SUBSCRIPTION_PROMPT = 'customerLookupSubscription';

/**
 * Answers a question about one customer — orders, one order, entitlements, registering an Azure subscription — for the
 * customer named, else the user's last customer, else one the user picks. An order this bot placed is looked up for
 * the customer it was placed for (the checkout ledger knows), whatever customer was used last.
 */
export class CustomerLookupDialog extends ComponentDialog {
  static readonly id = 'customerLookupDialog';
  private readonly actions: LookupActions;

  constructor(private readonly deps: DialogDependencies) {
    super(CustomerLookupDialog.id);
    this.actions = new LookupActions(deps);
    this.addDialog(new SelectCustomerDialog(deps));
    this.addDialog(subscriptionIdPrompt(SUBSCRIPTION_PROMPT));
    this.addDialog(
      new WaterfallDialog(WATERFALL, [
        this.customerStep.bind(this),
        this.detailStep.bind(this),
        this.answerStep.bind(this),
      ]),
    );
    this.initialDialogId = WATERFALL;
  }

  private async customerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as CustomerLookupOptions;
    const correlationId = randomUUID();
    stepValues(step).correlationId = correlationId;
    if (options.customerQuery) {
      return step.beginDialog(SelectCustomerDialog.id, {
        correlationId,
        query: options.customerQuery,
      } satisfies SelectCustomerOptions);
    }
    if (options.lookup.kind === 'order') {
      const placed = await this.deps.checkoutLedger.recordOfOrder(options.lookup.orderId);
      if (placed) return step.next(placed.customer);
    }
    const last = await this.deps.lastCustomer.get(step.context);
    if (!last) return step.beginDialog(SelectCustomerDialog.id, { correlationId } satisfies SelectCustomerOptions);
    stepValues(step).source = 'last-customer' satisfies OrderCustomerSource;
    try {
      return step.next(await this.deps.service.getCustomer(callContextOf(step.context, correlationId), last.id));
    } catch (error) {
      await tellFailure(
        step.context,
        this.deps.service,
        error,
        textFor(step.context.activity.locale)('lookup.customerFailed', {
          company: safeForMarkdown(last.companyName, 'name'),
        }),
      );
      return step.endDialog();
    }
  }

  private async detailStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const customer = step.result as CustomerDetails | undefined;
    if (!customer) return step.endDialog();
    stepValues(step).customer = customer;
    const { lookup } = step.options as CustomerLookupOptions;
    if (lookup.kind !== 'register' || lookup.subscriptionId) return step.next(undefined);
    const say = textFor(step.context.activity.locale);
    return step.prompt(SUBSCRIPTION_PROMPT, {
      prompt: MessageFactory.text(
        say('lookup.whichSubscriptionToRegister', { company: safeForMarkdown(customer.companyName, 'name') }),
      ),
      retryPrompt: notASubscriptionId(say),
    });
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { lookup } = step.options as CustomerLookupOptions;
    const customer = stepValues(step).customer as CustomerDetails;
    const correlationId = stepValues(step).correlationId as string;
    switch (lookup.kind) {
      case 'orders': {
        // Pinned now, in the person's time zone, and kept with the list so `more` stays in the same window.
        const window = lookup.window
          ? resolveTimeWindow(
              lookup.window,
              this.deps.now?.() ?? Date.now(),
              step.context.activity.localTimezone || undefined,
            )
          : undefined;
        await this.actions.showOrders(step.context, correlationId, customer, {
          filter: lookup.filter,
          ...(window ? { window } : {}),
        });
        break;
      }
      case 'order': {
        const source = (stepValues(step).source as OrderCustomerSource | undefined) ?? 'named';
        await this.actions.showOrder(
          step.context,
          correlationId,
          { customer, orderId: lookup.orderId },
          undefined,
          source,
        );
        break;
      }
      case 'entitlements':
        await this.actions.showEntitlements(step.context, correlationId, customer);
        break;
      case 'register': {
        const subscriptionId = (lookup.subscriptionId ?? (step.result as string)).trim().toLowerCase();
        await this.actions.register(step.context, correlationId, customer, subscriptionId);
        break;
      }
    }
    return step.endDialog();
  }
}
