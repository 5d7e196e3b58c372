import template from './templates/welcome.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { safeForMarkdown } from './untrustedText';

/** What the welcome card shows; `actions` holds the opaque ids its two buttons submit. */
export interface WelcomeCardData {
  userName?: string;
  actions: { buy: string; help: string };
}

interface WelcomeView {
  greeting: string;
  actions: { buy: string; help: string };
}

const expand = compileCardTemplate<WelcomeView>(template);

/** Draws the card a user sees when the bot is installed or says hello: what it does, and where to start. */
export function renderWelcomeCard(data: WelcomeCardData): AdaptiveCardJson {
  // The Teams display name is whatever the person or their directory chose, so it is shown as text only.
  const name = safeForMarkdown(data.userName, 'name');
  return expand({
    greeting: name ? `Hello, ${name}!` : 'Hello!',
    actions: data.actions,
  });
}
