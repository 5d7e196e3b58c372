import template from './templates/welcome.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { safeForMarkdown } from './untrustedText';
import { textFor } from '../i18n/text';

/** What the welcome card shows; `actions` holds the opaque ids its two buttons submit. */
export interface WelcomeCardData {
  userName?: string;
  actions: { buy: string; help: string };
  /** The reader's locale (Teams `locale`, or their chosen language); English without one. */
  locale?: string;
}

interface WelcomeView {
  greeting: string;
  intro: string;
  hint: string;
  buyTitle: string;
  helpTitle: string;
  actions: { buy: string; help: string };
}

const expand = compileCardTemplate<WelcomeView>(template);

/** Draws the card a user sees when the bot is installed or says hello: what it does, and where to start. */
export function renderWelcomeCard(data: WelcomeCardData): AdaptiveCardJson {
  // The Teams display name is whatever the person or their directory chose, so it is shown as text only.
  const name = safeForMarkdown(data.userName, 'name');
  const say = textFor(data.locale);
  return expand({
    greeting: name ? say('welcome.greetingNamed', { name }) : say('welcome.greeting'),
    intro: say('welcome.intro'),
    hint: say('welcome.hint'),
    buyTitle: say('welcome.buy'),
    helpTitle: say('welcome.help'),
    actions: data.actions,
  });
}
