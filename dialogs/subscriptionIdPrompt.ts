import { Activity, MessageFactory } from 'botbuilder';
import { PromptValidatorContext, TextPrompt } from 'botbuilder-dialogs';
import { isGuid } from '../services/purchase/isGuid';
import { textFor, type Text } from '../i18n/text';

/** Said again when a typed Azure subscription id isn't one (a fresh activity each time), in the reader's language. */
export function notASubscriptionId(say: Text = textFor('en-US')): Partial<Activity> {
  return MessageFactory.text(say('subscription.notAnId'));
}

/** A text prompt that only accepts an Azure subscription id (a GUID), used by purchase and registration alike. */
export function subscriptionIdPrompt(dialogId: string): TextPrompt {
  return new TextPrompt(dialogId, async (prompt: PromptValidatorContext<string>) =>
    isGuid((prompt.recognized.value ?? '').trim()),
  );
}
