import { Activity, MessageFactory } from 'botbuilder';
import { PromptValidatorContext, TextPrompt } from 'botbuilder-dialogs';
import { isGuid } from '../services/purchase/isGuid';

/** Said again when a typed Azure subscription id isn't one (a fresh activity each time). */
export function notASubscriptionId(): Partial<Activity> {
  return MessageFactory.text(
    "That doesn't look like an Azure subscription id. Paste the GUID from the Azure portal, or type cancel.",
  );
}

/** A text prompt that only accepts an Azure subscription id (a GUID), used by purchase and registration alike. */
export function subscriptionIdPrompt(dialogId: string): TextPrompt {
  return new TextPrompt(dialogId, async (prompt: PromptValidatorContext<string>) =>
    isGuid((prompt.recognized.value ?? '').trim()),
  );
}
