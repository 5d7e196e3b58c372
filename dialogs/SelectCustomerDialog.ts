import { MessageFactory } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { CUSTOMER_DATASET, renderPickCard } from '../cards/renderPickCard';
import { safeForMarkdown, safeForPlainText } from '../cards/untrustedText';
import { tenantMatchIn } from '../services/purchase/customerMatch';
import type { CustomerDetails, CustomerSummary } from '../services/purchase/types';
import { callContextOf } from './callContext';
import { cardMessage } from './cardMessage';
import type { DialogDependencies } from './dialogDependencies';
import { pickedValue, PickPrompt, PickResult, pressed } from './PickPrompt';
import { withoutQuotes } from './quotedText';
import { tellFailure } from './tellFailure';
import { textFor } from '../i18n/text';

/** Options of {@link SelectCustomerDialog}. */
export interface SelectCustomerOptions {
  correlationId: string;
  /** What the user already typed (`buy for contoso`); asked for otherwise. */
  query?: string;
}

const WATERFALL = 'selectCustomerSteps';
const PICK = 'selectCustomerPick';
const MAX_MATCHES = 10;

/**
 * Finds the customer a purchase is for: searches Partner Center by company name or domain, lets the user pick from the
 * matches, exact ones first (or the last customer they used), takes the only match or the one whose whole name or
 * domain was typed without asking, and ends with the customer's details — or nothing when Partner Center fails.
 */
export class SelectCustomerDialog extends ComponentDialog {
  static readonly id = 'selectCustomerDialog';

  constructor(private readonly deps: DialogDependencies) {
    super(SelectCustomerDialog.id);
    this.addDialog(new PickPrompt(PICK));
    this.addDialog(
      new WaterfallDialog(WATERFALL, [
        this.askQueryStep.bind(this),
        this.searchStep.bind(this),
        this.loadCustomerStep.bind(this),
      ]),
    );
    this.initialDialogId = WATERFALL;
  }

  private async askQueryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as SelectCustomerOptions;
    if (options.query) return step.next({ kind: 'text', text: options.query } satisfies PickResult);
    const last = await this.deps.lastCustomer.get(step.context);
    const say = textFor(step.context.activity.locale);
    const question = say('customer.question');
    if (!last) {
      return step.prompt(PICK, {
        prompt: MessageFactory.text(question),
        validations: { verbs: [], allowFreeText: true },
      });
    }
    const id = await this.deps.registry.register(step.context, 'pickCustomer', last);
    const card = renderPickCard({
      locale: step.context.activity.locale,
      title: say('customer.questionTitle'),
      text: say('customer.questionLast'),
      verb: 'pickCustomer',
      options: [
        {
          label: last.companyName,
          detail: say('customer.lastUsed', { domain: safeForPlainText(last.domain, 'domain') }),
          id,
        },
      ],
    });
    return step.prompt(PICK, {
      prompt: cardMessage(card),
      retryPrompt: MessageFactory.text(question),
      validations: {
        verbs: ['pickCustomer'],
        typedChoices: [{ labels: [last.companyName, last.domain], verb: 'pickCustomer', value: last }],
        allowFreeText: true,
      },
    });
  }

  private async searchStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as PickResult;
    if (answer.kind === 'action') return step.next(answer);
    const options = step.options as SelectCustomerOptions;
    const query = withoutQuotes(answer.text);
    const say = textFor(step.context.activity.locale);
    let found;
    try {
      found = await this.deps.service.searchCustomers(
        callContextOf(step.context, options.correlationId),
        query,
        MAX_MATCHES,
      );
    } catch (error) {
      await tellFailure(step.context, this.deps.service, error, say('customer.searchFailed'));
      return step.endDialog(undefined);
    }
    if (found.matches.length === 0) {
      await step.context.sendActivity(say('customer.noMatch', { typed: safeForMarkdown(query, 'typed') }));
      return step.replaceDialog(WATERFALL, { correlationId: options.correlationId });
    }
    // The only match, the one customer whose whole name or domain was typed, or the one whose domain's first label it is
    // (`contoso` = contoso.onmicrosoft.com): nothing else can have been meant. A close match is a guess, so it is always
    // offered rather than taken.
    const only =
      found.exactMatch ??
      (found.closeMatches ? undefined : tenantMatchIn(query, found.matches)) ??
      (found.matches.length === 1 && !found.hasMore ? found.matches[0] : undefined);
    if (only && !found.closeMatches) return step.next(pressed('pickCustomer', only));
    const matches = found.closeMatches ? await this.lastCustomerFirst(step, found.matches) : found.matches;
    const choices = await Promise.all(
      matches.map(async (customer) => ({
        customer,
        id: await this.deps.registry.register(step.context, 'pickCustomer', customer),
      })),
    );
    const typed = safeForMarkdown(query, 'typed');
    const card = renderPickCard({
      locale: step.context.activity.locale,
      title: found.closeMatches
        ? choices.length === 1
          ? say('customer.didYouMeanOne', { typed, company: safeForMarkdown(choices[0].customer.companyName, 'name') })
          : say('customer.didYouMeanMany', { typed })
        : say('customer.matching', { typed }),
      verb: 'pickCustomer',
      options: choices.map(({ customer, id }) => ({ label: customer.companyName, detail: customer.domain, id })),
      footnote: found.hasMore ? say('customer.showingFirst', { count: found.matches.length }) : undefined,
      // Thousands of customers: Teams searches them all as the person types (the buttons stay the first page).
      search: found.hasMore ? { dataset: CUSTOMER_DATASET, placeholder: say('customer.searchAll') } : undefined,
    });
    return step.prompt(PICK, {
      prompt: cardMessage(card),
      retryPrompt: MessageFactory.text(say('customer.pickRetry')),
      validations: {
        verbs: ['pickCustomer'],
        typedChoices: choices.map(({ customer }) => ({
          labels: [customer.companyName, customer.domain],
          verb: 'pickCustomer',
          value: customer,
        })),
        allowFreeText: true,
      },
    });
  }

  /** Close matches with the customer used last first, when it is one of them: at equal doubt, the likelier one. */
  private async lastCustomerFirst(step: WaterfallStepContext, matches: CustomerSummary[]): Promise<CustomerSummary[]> {
    const last = await this.deps.lastCustomer.get(step.context);
    const index = last ? matches.findIndex((c) => c.id === last.id) : -1;
    if (index <= 0) return matches;
    return [matches[index], ...matches.slice(0, index), ...matches.slice(index + 1)];
  }

  private async loadCustomerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as PickResult;
    const options = step.options as SelectCustomerOptions;
    const picked = pickedValue(answer, 'pickCustomer');
    if (!picked) {
      const query = answer.kind === 'text' ? answer.text : undefined;
      return step.replaceDialog(WATERFALL, { correlationId: options.correlationId, query });
    }
    let customer: CustomerDetails;
    try {
      customer = await this.deps.service.getCustomer(callContextOf(step.context, options.correlationId), picked.id);
    } catch (error) {
      await tellFailure(
        step.context,
        this.deps.service,
        error,
        textFor(step.context.activity.locale)('customer.openFailed', {
          company: safeForMarkdown(picked.companyName, 'name'),
        }),
      );
      return step.endDialog(undefined);
    }
    await this.deps.lastCustomer.set(step.context, {
      id: customer.id,
      companyName: customer.companyName,
      domain: customer.domain,
    });
    await step.context.sendActivity(
      textFor(step.context.activity.locale)('customer.chosen', {
        company: safeForMarkdown(customer.companyName, 'name'),
        domain: safeForMarkdown(customer.domain, 'domain'),
        country: safeForMarkdown(customer.countryName, 'name'),
      }),
    );
    return step.endDialog(customer);
  }
}
