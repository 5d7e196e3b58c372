import { OAuthPrompt } from 'botbuilder-dialogs';
import { LANGUAGES, languageOf, textFor } from '../../i18n/text';

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
 * The sign-in prompts, one per language (an OAuth card's words are fixed when the prompt is built): an OAuth card
 * (Teams tries single sign-on through it first, so most people never see a sign-in page). Each ends at once when the
 * token service already holds the person's token, and gives up after five minutes or at the next message that is not
 * a sign-in, so an abandoned sign-in never swallows later commands. The English one keeps the id it always had, so a
 * sign-in under way when the bot is upgraded still finds its dialog.
 */
export function createSignInPrompts(connectionName: string, timeoutMs = 5 * 60_000): OAuthPrompt[] {
  return LANGUAGES.map((language) => {
    const say = textFor(language);
    return new OAuthPrompt(signInPromptIdFor(language), {
      connectionName,
      title: say('signIn.title'),
      text: say('signIn.text'),
      timeout: timeoutMs,
      endOnInvalidMessage: true,
    });
  });
}

/** The id of the sign-in prompt in the language of this locale. */
export function signInPromptIdFor(locale: string | undefined): string {
  const language = languageOf(locale);
  return language === 'en-US' ? SIGN_IN_PROMPT : `${SIGN_IN_PROMPT}.${language}`;
}
