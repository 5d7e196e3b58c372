import type { TurnContext } from 'botbuilder';
import type { CheckedCardAction } from './cardActionTable';

/** What the person gave the question waiting for them: a checked button press (or typed label), or text. */
export type PromptAnswer = { kind: 'action'; action: CheckedCardAction } | { kind: 'text'; text: string };

const ANSWER = Symbol('answerForWaitingQuestion');

/**
 * Hands this turn's answer to the question waiting deepest in the dialog stack. Only the root dialog calls it, after
 * the gate admitted the press (or the text was read as an answer rather than a command): a prompt never reads a raw
 * card value itself.
 */
export function giveToWaitingQuestion(context: TurnContext, answer: PromptAnswer): void {
  context.turnState.set(ANSWER, answer);
}

/** The answer the root dialog handed over this turn, if it did. */
export function answerForWaitingQuestion(context: TurnContext): PromptAnswer | undefined {
  return context.turnState.get(ANSWER) as PromptAnswer | undefined;
}
