import type { TurnContext } from 'botbuilder';

/** The user a turn comes from, stable across Teams clients (Entra object id when Teams gives one). */
export function userKeyOf(context: TurnContext): string {
  const from = context.activity.from;
  return from?.aadObjectId || from?.id || 'unknown';
}
