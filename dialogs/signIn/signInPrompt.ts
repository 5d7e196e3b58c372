import { OAuthPrompt } from 'botbuilder-dialogs';

/** The dialog id of the Partner Center sign-in prompt. */
export const SIGN_IN_PROMPT = 'partnerCenterSignIn';

/** What the dialogs need to sign people in (live App+User mode only). */
export interface SignInSettings {
  /** The Azure Bot's OAuth connection (to Microsoft Entra ID, for the bot's own API, exchanged on-behalf-of). */
  connectionName: string;
  /** Picks up work that was waiting for this person's sign-in (checkouts whose token had lapsed). */
  resumeWaitingWork(userKey: string): Promise<unknown>;
}

/**
 * The sign-in prompt: an OAuth card (Teams tries single sign-on through it first, so most people never see a sign-in
 * page). It ends at once when the token service already holds the person's token, and gives up after five minutes
 * or at the next message that is not a sign-in, so an abandoned sign-in never swallows later commands.
 */
export function createSignInPrompt(connectionName: string, timeoutMs = 5 * 60_000): OAuthPrompt {
  return new OAuthPrompt(SIGN_IN_PROMPT, {
    connectionName,
    title: 'Sign in',
    text: 'Partner Center acts as you here. Sign in once with your work account and I will carry on with what you asked.',
    timeout: timeoutMs,
    endOnInvalidMessage: true,
  });
}
