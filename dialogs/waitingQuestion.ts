import { DialogContext, OAuthPrompt } from 'botbuilder-dialogs';
import { PickPrompt, type PickPromptSettings } from './PickPrompt';

/**
 * The question the conversation is waiting on, deepest in the dialog stack: a pick card (with the choices it takes),
 * a typed answer (a quantity, a subscription id), or the sign-in card.
 */
export type WaitingQuestion = { kind: 'pick'; settings: PickPromptSettings } | { kind: 'typed' } | { kind: 'signIn' };

/** What the conversation is waiting on, or undefined when no dialog is active. */
export function waitingQuestionOf(dc: DialogContext): WaitingQuestion | undefined {
  let deepest = dc;
  for (let child = dc.child; child; child = child.child) deepest = child;
  const instance = deepest.activeDialog;
  if (!instance) return undefined;
  const dialog = deepest.findDialog(instance.id);
  if (dialog instanceof PickPrompt) return { kind: 'pick', settings: PickPrompt.settingsOf(instance) };
  if (dialog instanceof OAuthPrompt) return { kind: 'signIn' };
  return { kind: 'typed' };
}
