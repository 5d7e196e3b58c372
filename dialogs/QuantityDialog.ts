import { MessageFactory } from 'botbuilder';
import {
  ComponentDialog,
  DialogTurnResult,
  PromptValidatorContext,
  TextPrompt,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import { renderPickCard } from '../cards/renderPickCard';
import type { SkuOption, TermOption } from '../services/purchase/types';
import { cardMessage } from './cardMessage';
import type { DialogDependencies } from './dialogDependencies';
import { stepValues } from './stepValues';
import { pickedValue, PickPrompt, pressed, typedChoice } from './PickPrompt';
import type { ReservationScope } from './cardActions/cardActionValues';
import { readQuantity } from './quantity';
import { textFor, type Text } from '../i18n/text';

const ENGLISH = textFor('en-US');

/** Options of {@link QuantityDialog}. */
export interface QuantityOptions {
  sku: SkuOption;
  term: TermOption;
  azureSubscriptionId?: string;
  /** Only ask for the quantity (changing it on the confirmation card). */
  quantityOnly?: boolean;
  /** The quantity a one-line request gave: taken when the SKU allows it, otherwise said why and asked. */
  quantity?: number;
  /** The reservation scope a one-line request gave. */
  scope?: ReservationScope;
}

/** How many, and the provisioning context the SKU needs. */
export interface QuantityChoice {
  quantity: number;
  provisioningContext?: Record<string, string>;
}

const WATERFALL = 'quantitySteps';
/** Id of the quantity text prompt, reused by the confirmation step's "Change quantity". */
export const QUANTITY_PROMPT = 'quantityPrompt';
const SCOPE_PICK = 'quantityScopePick';

/** Reads the prompt's bounds from its options and explains precisely what is wrong with a bad quantity. */
export async function validateQuantity(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const bounds = prompt.options.validations as { minimum: number; maximum: number };
  const say = textFor(prompt.context.activity.locale);
  const reading = readQuantity(prompt.recognized.value ?? '', bounds.minimum, bounds.maximum, say);
  if (reading.ok) return true;
  prompt.options.retryPrompt = MessageFactory.text(reading.sentence);
  return false;
}

/** The question asked for a SKU's quantity. */
export function quantityQuestion(sku: SkuOption, say: Text): string {
  return say('quantity.question', { minimum: sku.minimumQuantity, maximum: sku.maximumQuantity });
}

/** "P1Y" → "1Year", "P3Y" → "3Years": the form reserved-instance provisioning context uses. */
export function reservationDuration(termDuration: string | undefined): string | undefined {
  const years = /^P(\d+)Y$/i.exec(termDuration ?? '')?.[1];
  if (!years) return undefined;
  return years === '1' ? '1Year' : `${years}Years`;
}

/**
 * Asks for a quantity within the SKU's minimum and maximum (rejecting zero, negatives, decimals and absurd numbers with
 * a clear sentence) and, for reserved instances, the scope; builds the provisioning context the SKU asks for.
 */
export class QuantityDialog extends ComponentDialog {
  static readonly id = 'quantityDialog';

  constructor(private readonly deps: DialogDependencies) {
    super(QuantityDialog.id);
    this.addDialog(new TextPrompt(QUANTITY_PROMPT, validateQuantity));
    this.addDialog(new PickPrompt(SCOPE_PICK));
    this.addDialog(
      new WaterfallDialog(WATERFALL, [
        this.quantityStep.bind(this),
        this.scopeStep.bind(this),
        this.doneStep.bind(this),
      ]),
    );
    this.initialDialogId = WATERFALL;
  }

  private async quantityStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { sku, quantity } = step.options as QuantityOptions;
    const say = textFor(step.context.activity.locale);
    if (quantity !== undefined) {
      const reading = readQuantity(String(quantity), sku.minimumQuantity, sku.maximumQuantity, say);
      if (reading.ok) return step.next(String(quantity));
      await step.context.sendActivity(reading.sentence);
    }
    return step.prompt(QUANTITY_PROMPT, {
      prompt: MessageFactory.text(quantityQuestion(sku, say)),
      validations: { minimum: sku.minimumQuantity, maximum: sku.maximumQuantity },
    });
  }

  private async scopeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as QuantityOptions;
    const say = textFor(step.context.activity.locale);
    const reading = readQuantity(step.result as string, options.sku.minimumQuantity, options.sku.maximumQuantity, say);
    stepValues(step).quantity = reading.ok ? reading.quantity : options.sku.minimumQuantity;
    const needsScope = options.sku.provisioningVariables.some((v) => v.toLowerCase() === 'scope');
    if (options.quantityOnly || !needsScope) return step.next(undefined);
    if (options.scope) return step.next(pressed('pickScope', options.scope));
    const scopes: { value: ReservationScope; label: string; english: string; detail: string }[] = [
      {
        value: 'shared',
        label: say('scope.shared'),
        english: ENGLISH('scope.shared'),
        detail: say('scope.sharedDetail'),
      },
      {
        value: 'single',
        label: say('scope.single'),
        english: ENGLISH('scope.single'),
        detail: options.azureSubscriptionId
          ? say('scope.singleDetail', { subscription: options.azureSubscriptionId })
          : say('scope.singleDetailUnnamed'),
      },
    ];
    const choices = await Promise.all(
      scopes.map(async (s) => ({ ...s, id: await this.deps.registry.register(step.context, 'pickScope', s.value) })),
    );
    return step.prompt(SCOPE_PICK, {
      prompt: cardMessage(
        renderPickCard({
          title: say('scope.question'),
          verb: 'pickScope',
          options: choices.map(({ label, detail, id }) => ({ label, detail, id })),
        }),
      ),
      retryPrompt: MessageFactory.text(say('scope.retry')),
      validations: {
        verbs: ['pickScope'],
        // The English labels are understood in every language, as English commands are.
        typedChoices: scopes.map((s) => typedChoice('pickScope', [s.label, s.english, s.value], s.value)),
      },
    });
  }

  private async doneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as QuantityOptions;
    const quantity = stepValues(step).quantity as number;
    if (options.quantityOnly) return step.endDialog({ quantity } satisfies QuantityChoice);
    const scope = pickedValue(step.result, 'pickScope');
    const context: Record<string, string> = {};
    for (const variable of options.sku.provisioningVariables) {
      const key = variable.toLowerCase();
      if (key === 'scope' && scope) context.scope = scope;
      if (key === 'subscriptionid' && options.azureSubscriptionId) context.subscriptionId = options.azureSubscriptionId;
      if (key === 'duration') {
        const duration = reservationDuration(options.term.termDuration);
        if (duration) context.duration = duration;
      }
    }
    return step.endDialog({
      quantity,
      provisioningContext: Object.keys(context).length > 0 ? context : undefined,
    } satisfies QuantityChoice);
  }
}
