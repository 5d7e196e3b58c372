import { MessageFactory } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { renderPickCard } from '../cards/renderPickCard';
import { safeForMarkdown, safeForPlainText } from '../cards/untrustedText';
import type { CustomerDetails } from '../services/purchase/types';
import { callContextOf } from './callContext';
import { cardMessage } from './cardMessage';
import type { DialogDependencies } from './dialogDependencies';
import { pickedValue, PickPrompt, PickResult, pressed } from './PickPrompt';
import { withoutQuotes } from './quotedText';
import { tellFailure } from './tellFailure';

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
    const question = 'Which customer is this for? Type part of the company name or domain.';
    if (!last) {
      return step.prompt(PICK, {
        prompt: MessageFactory.text(question),
        validations: { verbs: [], allowFreeText: true },
      });
    }
    const id = await this.deps.registry.register(step.context, 'pickCustomer', last);
    const card = renderPickCard({
      title: 'Which customer is this for?',
      text: 'Pick your last customer, or type part of another company name or domain.',
      verb: 'pickCustomer',
      options: [{ label: last.companyName, detail: `${safeForPlainText(last.domain, 'domain')} · last used`, id }],
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
    let found;
    try {
      found = await this.deps.service.searchCustomers(
        callContextOf(step.context, options.correlationId),
        query,
        MAX_MATCHES,
      );
    } catch (error) {
      await tellFailure(step.context, this.deps.service, error, 'I could not search your customers: ');
      return step.endDialog(undefined);
    }
    if (found.matches.length === 0) {
      await step.context.sendActivity(
        `No customer matches '${safeForMarkdown(query, 'typed')}' — try part of the name or the domain.`,
      );
      return step.replaceDialog(WATERFALL, { correlationId: options.correlationId });
    }
    // The only match, or the one customer whose whole name or domain was typed: nothing else can have been meant.
    const only = found.exactMatch ?? (found.matches.length === 1 && !found.hasMore ? found.matches[0] : undefined);
    if (only) return step.next(pressed('pickCustomer', only));
    const choices = await Promise.all(
      found.matches.map(async (customer) => ({
        customer,
        id: await this.deps.registry.register(step.context, 'pickCustomer', customer),
      })),
    );
    const card = renderPickCard({
      title: `Customers matching '${safeForMarkdown(query, 'typed')}'`,
      verb: 'pickCustomer',
      options: choices.map(({ customer, id }) => ({ label: customer.companyName, detail: customer.domain, id })),
      footnote: found.hasMore
        ? `Showing the first ${found.matches.length}. Type more of the name or the domain to narrow it down.`
        : undefined,
    });
    return step.prompt(PICK, {
      prompt: cardMessage(card),
      retryPrompt: MessageFactory.text('Pick one of the customers above, or type another name to search again.'),
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
        `I could not open ${safeForMarkdown(picked.companyName, 'name')}: `,
      );
      return step.endDialog(undefined);
    }
    await this.deps.lastCustomer.set(step.context, {
      id: customer.id,
      companyName: customer.companyName,
      domain: customer.domain,
    });
    await step.context.sendActivity(
      `Customer: **${safeForMarkdown(customer.companyName, 'name')}** (${safeForMarkdown(customer.domain, 'domain')}, ${safeForMarkdown(customer.countryName, 'name')}).`,
    );
    return step.endDialog(customer);
  }
}
