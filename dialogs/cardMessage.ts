import { Activity, CardFactory, MessageFactory } from 'botbuilder';

/** Wraps an Adaptive Card's JSON in a message activity. */
export function cardMessage(card: object, text?: string): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (text) activity.text = text;
  return activity;
}
