import { MessageFactory } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { renderPickCard } from '../cards/renderPickCard';
import { safeForMarkdown } from '../cards/untrustedText';
import { textFor, type MessageKey, type Text } from '../i18n/text';
import type { AzureSubscriptionDetails, CustomerDetails, RegistrationState } from '../services/purchase/types';
import { callContextOf } from './callContext';
import { cardMessage } from './cardMessage';
import type { DialogDependencies } from './dialogDependencies';
import { LookupActions } from './lookups/LookupActions';
import { pickedValue, PickPrompt, type PickPromptSettings, typedChoice } from './PickPrompt';
import { tellFailure } from './tellFailure';

/** Options of {@link ReservationRegistrationDialog}. */
export interface ReservationRegistrationOptions {
  correlationId: string;
  customer: CustomerDetails;
  subscription: AzureSubscriptionDetails;
  /** What Partner Center last said: not registered (offer to register it) or being registered (wait for it). */
  status: Exclude<RegistrationState, 'registered'>;
}

const WATERFALL = 'reservationRegistrationSteps';
const OFFER = 'reservationRegistrationOffer';
const WAIT = 'reservationRegistrationWait';

/**
 * A reservation's Azure subscription that isn't registered for reserved instances yet (Partner Center refuses the
 * purchase until it is, `AzureSubscriptionRegistration`): offers **Register now**, registers it (the registration card
 * then follows its status), and waits with the purchase kept; **Continue** checks the status again and carries on once
 * it is Registered. Ends with `true` when registered, or nothing when the person leaves it (cancel, a new purchase).
 */
export class ReservationRegistrationDialog extends ComponentDialog {
  static readonly id = 'reservationRegistrationDialog';

  private readonly actions: LookupActions;

  constructor(private readonly deps: DialogDependencies) {
    super(ReservationRegistrationDialog.id);
    this.actions = new LookupActions(deps);
    this.addDialog(new PickPrompt(OFFER));
    this.addDialog(new PickPrompt(WAIT));
    this.addDialog(
      new WaterfallDialog(WATERFALL, [
        this.offerStep.bind(this),
        this.registerStep.bind(this),
        this.checkStep.bind(this),
      ]),
    );
    this.initialDialogId = WATERFALL;
  }

  private async offerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { customer, subscription, status } = step.options as ReservationRegistrationOptions;
    if (status === 'registering') return step.next(undefined);
    const id = await this.deps.registry.register(step.context, 'registerForReservation', subscription);
    const say = textFor(step.context.activity.locale);
    const registerNow = say('reserveRegistration.registerNow');
    const typedCommand = say('reserveRegistration.typedCommand', {
      subscriptionId: safeForMarkdown(subscription.id, 'id'),
      customer: safeForMarkdown(customer.companyName, 'name'),
    });
    return step.prompt(OFFER, {
      prompt: cardMessage(
        renderPickCard({
          title: say('reserveRegistration.offerTitle'),
          text: say('reserveRegistration.offerText', { registerNow, typedCommand }),
          verb: 'registerForReservation',
          options: [{ label: registerNow, detail: `${subscription.name} (${subscription.id})`, id }],
          locale: step.context.activity.locale,
        }),
      ),
      retryPrompt: MessageFactory.text(say('reserveRegistration.offerRetry', { registerNow })),
      validations: {
        verbs: ['registerForReservation'],
        typedChoices: [
          typedChoice('registerForReservation', typedAnswers('reserveRegistration.registerTyped', say), subscription),
        ],
      } satisfies PickPromptSettings,
    });
  }

  private async registerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { customer, subscription, correlationId } = step.options as ReservationRegistrationOptions;
    if (pickedValue(step.result, 'registerForReservation')) {
      await this.actions.register(step.context, correlationId, customer, subscription.id);
      // Partner Center may register it at once: then there is nothing to wait for.
      const status = await this.deps.service
        .getRegistrationStatus(callContextOf(step.context, correlationId), customer.id, subscription.id)
        .catch((): RegistrationState => 'unknown');
      if (status === 'registered') return this.carryOn(step);
    }
    const id = await this.deps.registry.register(step.context, 'pickAzureSubscription', subscription);
    const say = textFor(step.context.activity.locale);
    const carryOn = say('reserveRegistration.continue');
    return step.prompt(WAIT, {
      prompt: cardMessage(
        renderPickCard({
          title: say('reserveRegistration.waitTitle'),
          text: say('reserveRegistration.waitText', {
            name: safeForMarkdown(subscription.name, 'name'),
            subscriptionId: safeForMarkdown(subscription.id, 'id'),
            continue: carryOn,
          }),
          verb: 'pickAzureSubscription',
          options: [{ label: carryOn, id }],
          locale: step.context.activity.locale,
        }),
      ),
      retryPrompt: MessageFactory.text(say('reserveRegistration.waitRetry', { continue: carryOn })),
      validations: {
        verbs: ['pickAzureSubscription'],
        typedChoices: [
          typedChoice('pickAzureSubscription', typedAnswers('reserveRegistration.continueTyped', say), subscription),
        ],
      } satisfies PickPromptSettings,
    });
  }

  private async checkStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as ReservationRegistrationOptions;
    const say = textFor(step.context.activity.locale);
    let status: RegistrationState;
    try {
      status = await this.deps.service.getRegistrationStatus(
        callContextOf(step.context, options.correlationId),
        options.customer.id,
        options.subscription.id,
      );
    } catch (error) {
      await tellFailure(step.context, this.deps.service, error, say('reserveRegistration.checkFailed'));
      return step.replaceDialog(WATERFALL, { ...options, status: 'registering' });
    }
    if (status === 'registered') return this.carryOn(step);
    await step.context.sendActivity(
      status === 'notregistered'
        ? say('reserveRegistration.notRegistered')
        : say('reserveRegistration.stillRegistering', { continue: say('reserveRegistration.continue') }),
    );
    return step.replaceDialog(WATERFALL, { ...options, status });
  }

  private async carryOn(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { subscription } = step.options as ReservationRegistrationOptions;
    const say = textFor(step.context.activity.locale);
    await step.context.sendActivity(
      say('reserveRegistration.carryingOn', { name: safeForMarkdown(subscription.name, 'name') }),
    );
    return step.endDialog(true);
  }
}

/**
 * What can be typed instead of pressing a button: its English words always (English answers work for everyone) and
 * those of the reader's language; the catalog lists them separated by `|`, the button's own label among them.
 */
function typedAnswers(key: MessageKey, say: Text): string[] {
  return [...new Set([...textFor('en-US')(key).split('|'), ...say(key).split('|')])];
}
