import { Activity, TurnContext } from 'botbuilder';
import { Prompt, PromptOptions, PromptRecognizerResult } from 'botbuilder-dialogs';
import type { CardVerb } from '../cards/cardAction';
import type { ResolvedCardAction } from './cardActionRegistry';
import { RESOLVED_CARD_ACTION } from './turnState';

/** What the user did at a pick prompt: pressed one of the card's buttons (or typed its label), or typed free text. */
export type PickResult = { kind: 'action'; verb: CardVerb; value: unknown } | { kind: 'text'; text: string };

/** A typed alternative to a button: typing the label (or its number) counts as pressing it. */
export interface TypedChoice {
  labels: string[];
  verb: CardVerb;
  value: unknown;
}

/** How a pick prompt recognises answers; passed as `PromptOptions.validations`. */
export interface PickPromptSettings {
  verbs: CardVerb[];
  typedChoices?: TypedChoice[];
  /** Free text is an answer too (e.g. a new customer search); otherwise it is a retry. */
  allowFreeText?: boolean;
}

const normalise = (text: string): string =>
  text
    .replace(/<at>.*?<\/at>/gi, ' ')
    .toLowerCase()
    .replace(/[.!?]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Waits for a card button of the expected verbs — already resolved and checked by the root dialog — or for the same
 * choice typed as text, so that clicking and typing reach the same step.
 */
export class PickPrompt extends Prompt<PickResult> {
  constructor(dialogId: string) {
    super(dialogId);
  }

  protected async onPrompt(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
    isRetry: boolean,
  ): Promise<void> {
    const activity = isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    if (activity) await context.sendActivity(activity as Partial<Activity>);
  }

  protected async onRecognize(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<PickResult>> {
    const settings = (options.validations ?? { verbs: [] }) as PickPromptSettings;
    const resolved = context.turnState.get(RESOLVED_CARD_ACTION) as ResolvedCardAction | undefined;
    if (resolved?.ok && settings.verbs.includes(resolved.verb)) {
      return { succeeded: true, value: { kind: 'action', verb: resolved.verb, value: resolved.value } };
    }
    const text = context.activity.type === 'message' ? normalise(context.activity.text ?? '') : '';
    if (!text || resolved) return { succeeded: false };
    const choices = settings.typedChoices ?? [];
    const byNumber = /^\d{1,2}$/.test(text) ? choices[Number(text) - 1] : undefined;
    const match = byNumber ?? choices.find((choice) => choice.labels.some((label) => normalise(label) === text));
    if (match) return { succeeded: true, value: { kind: 'action', verb: match.verb, value: match.value } };
    if (settings.allowFreeText) return { succeeded: true, value: { kind: 'text', text: context.activity.text.trim() } };
    return { succeeded: false };
  }
}
