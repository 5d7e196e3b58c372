import type { Middleware, StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';
import { LANGUAGES, textFor, type Language } from '../../i18n/text';

/** What a person asked for: a language, or to follow their Teams language again. */
type LanguageChoice = Language | 'teams';

/** The user-state property holding a person's chosen language (absent: follow Teams). */
export const LANGUAGE_PROPERTY = 'language';

/**
 * Reads `språk svenska`, `language english`, `language auto` and the like (either language's words work, so a person
 * who can't read the current one can still switch). Undefined for anything else; a bare `language` / `språk`, or a
 * language the bot doesn't speak, is a question answered with the choices.
 */
export function readLanguageCommand(text: string | undefined): LanguageChoice | 'ask' | undefined {
  const words = (text ?? '')
    .replace(/<at>.*?<\/at>/gi, ' ')
    .trim()
    .toLowerCase()
    .split(/\s+/);
  if (words.length > 2 || !/^(language|språk|sprak)$/.test(words[0] ?? '')) return undefined;
  const wanted = words[1];
  if (wanted === undefined) return 'ask';
  if (/^(svenska|swedish|sv|sv-se)$/.test(wanted)) return 'sv-SE';
  if (/^(english|engelska|en|en-us)$/.test(wanted)) return 'en-US';
  if (/^(auto|teams|default|standard)$/.test(wanted)) return 'teams';
  return 'ask';
}

/**
 * Makes a person's chosen language the turn's locale before anything reads it (messages, cards, number and date
 * formats, Partner Center's X-Locale), and answers the language command itself. Teams sends the client's language in
 * `activity.locale`; Agents Playground always sends en-US, so the command is how Swedish is tried locally.
 */
export class PreferredLanguage implements Middleware {
  private readonly chosen: StatePropertyAccessor<Language | undefined>;

  constructor(private readonly userState: UserState) {
    this.chosen = userState.createProperty<Language | undefined>(LANGUAGE_PROPERTY);
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (!context.activity.from?.id) return next();
    const command = context.activity.type === 'message' ? readLanguageCommand(context.activity.text) : undefined;
    if (command === undefined) {
      const language = await this.chosen.get(context);
      if (language && (LANGUAGES as readonly string[]).includes(language)) context.activity.locale = language;
      return next();
    }
    if (command === 'ask') {
      const language = await this.chosen.get(context);
      await context.sendActivity(textFor(language ?? context.activity.locale)('language.unknown'));
      return;
    }
    if (command === 'teams') {
      await this.chosen.delete(context);
      await this.userState.saveChanges(context);
      await context.sendActivity(textFor(context.activity.locale)('language.followTeams'));
      return;
    }
    await this.chosen.set(context, command);
    await this.userState.saveChanges(context);
    context.activity.locale = command;
    await context.sendActivity(textFor(command)(command === 'sv-SE' ? 'language.nowSwedish' : 'language.nowEnglish'));
  }
}
