import type { Activity, TurnContext } from 'botbuilder';
import { DialogInstance, Prompt, PromptOptions, PromptRecognizerResult } from 'botbuilder-dialogs';
import type { CardVerb } from '../cards/cardAction';
import { cardAction, type CardActionValues, type CheckedCardAction } from './cardActions/cardActionTable';
import { answerForWaitingQuestion, type PromptAnswer } from './cardActions/promptAnswer';

/** What the user did at a pick prompt: pressed one of the card's buttons (or typed its label), or typed free text. */
export type PickResult = PromptAnswer;

/** A typed alternative to a button: typing the label (or its number) counts as pressing it. */
export type TypedChoice = { [V in CardVerb]: { labels: string[]; verb: V; value: CardActionValues[V] } }[CardVerb];

/** What a pick that pages is handed when the person types "more" (or "next") at it. */
export const MORE_OPTIONS = 'more';

/** How a pick prompt recognises answers; passed as `PromptOptions.validations`. */
export interface PickPromptSettings {
  verbs: CardVerb[];
  typedChoices?: TypedChoice[];
  /** Free text is an answer too (e.g. a new customer search); otherwise it is a retry. */
  allowFreeText?: boolean;
  /** The list pages: typing "more" at it is its own answer (the next options), not the lookups' "more". */
  pages?: boolean;
  /**
   * Said instead of the prompt when the question is offered again after the person asked something else meanwhile:
   * for a card that is still on screen and still works, a line pointing at it rather than a second copy.
   */
  reminder?: Partial<Activity>;
}

/** Whether this prompt's question has been put once already (kept in the prompt's own dialog state). */
interface PickPromptState {
  asked?: boolean;
}

const normalise = (text: string): string =>
  text
    .replace(/<at>.*?<\/at>/gi, ' ')
    .toLowerCase()
    .replace(/[.!?]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The button a typed text names (its label, or its number in the list), as the press it stands for. */
export function typedChoiceOf(settings: PickPromptSettings, text: string): CheckedCardAction | undefined {
  const typed = normalise(text);
  if (!typed) return undefined;
  const choices = settings.typedChoices ?? [];
  const byNumber = /^\d{1,2}$/.test(typed) ? choices[Number(typed) - 1] : undefined;
  const match = byNumber ?? choices.find((choice) => choice.labels.some((label) => normalise(label) === typed));
  return match ? cardAction(match.verb, match.value) : undefined;
}

/**
 * Waits for a press of one of the expected verbs — checked by the root dialog's gate and handed over — or for the same
 * choice typed as text, so that clicking and typing reach the same step. Run on its own (a dialog tested without the
 * root dialog) it reads typed labels and free text itself; presses always come through the gate.
 */
export class PickPrompt extends Prompt<PickResult> {
  constructor(dialogId: string) {
    super(dialogId);
  }

  /** The settings of a waiting pick prompt, read from its dialog instance (botbuilder keeps a prompt's options there). */
  static settingsOf(instance: DialogInstance): PickPromptSettings {
    const options = (instance.state as { options?: PromptOptions } | undefined)?.options;
    return settingsFrom(options);
  }

  protected async onPrompt(
    context: TurnContext,
    state: object,
    options: PromptOptions,
    isRetry: boolean,
  ): Promise<void> {
    const own = state as PickPromptState;
    const reminder = settingsFrom(options).reminder;
    let activity = options.prompt;
    if (isRetry && options.retryPrompt) activity = options.retryPrompt;
    else if (!isRetry && own.asked && reminder) activity = reminder;
    own.asked = true;
    if (activity) await context.sendActivity(activity as Partial<Activity>);
  }

  protected async onRecognize(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<PickResult>> {
    const settings = settingsFrom(options);
    const given = answerForWaitingQuestion(context);
    if (given?.kind === 'action') {
      return settings.verbs.includes(given.action.verb) ? { succeeded: true, value: given } : { succeeded: false };
    }
    const text = given?.text ?? (context.activity.type === 'message' ? (context.activity.text ?? '') : '');
    if (!text.trim()) return { succeeded: false };
    const typed = given ? undefined : typedChoiceOf(settings, text);
    if (typed) return { succeeded: true, value: { kind: 'action', action: typed } };
    if (settings.allowFreeText) return { succeeded: true, value: { kind: 'text', text: text.trim() } };
    return { succeeded: false };
  }
}

function settingsFrom(options: PromptOptions | undefined): PickPromptSettings {
  return (options?.validations ?? { verbs: [] }) as PickPromptSettings;
}

/** The value of the press a pick step was answered with, if it was a press of `verb`. */
export function pickedValue<V extends CardVerb>(result: unknown, verb: V): CardActionValues[V] | undefined {
  const answer = result as PickResult | undefined;
  if (answer?.kind !== 'action' || answer.action.verb !== verb) return undefined;
  // Checked just above: an action of this verb carries this verb's value.
  return answer.action.value as CardActionValues[V];
}

/** A typed alternative to a button of `verb`: typing one of the labels counts as pressing it. */
export function typedChoice<V extends CardVerb>(verb: V, labels: string[], value: CardActionValues[V]): TypedChoice {
  // As with cardAction: a pair of one generic verb is one member of the union by construction.
  return { labels, verb, value } as TypedChoice;
}

/** A step's answer as if the person had pressed a button of `verb` (a choice the dialog made for them). */
export function pressed<V extends CardVerb>(verb: V, value: CardActionValues[V]): PickResult {
  return { kind: 'action', action: cardAction(verb, value) };
}
