import type { Activity } from 'botbuilder';

/** One thing a person does in a conversation test: type a message, or press the newest button with this title. */
export type Step = { say: string } | { click: string | RegExp };

/** Someone who can type and press buttons: the dialog harness or a Teams user over HTTP. */
export interface Talker {
  say(text: string): Promise<Partial<Activity>[]>;
  click(title: string | RegExp): Promise<Partial<Activity>[]>;
}

/** Does one step and returns what the bot answered in that turn. */
export function act(who: Talker, step: Step): Promise<Partial<Activity>[]> {
  return 'say' in step ? who.say(step.say) : who.click(step.click);
}

/** Does the steps in order and returns what the bot answered to the last one. */
export async function walk(who: Talker, steps: readonly Step[]): Promise<Partial<Activity>[]> {
  let replies: Partial<Activity>[] = [];
  for (const step of steps) replies = await act(who, step);
  return replies;
}
