import { answeredBelow } from '../../bot/invokes/ExecuteAnswer';
import { slowTurnNotice } from '../../bot/turns/TurnPacer';
import type { AdaptiveCardJson } from '../../cards/compileCardTemplate';
import { renderRegistrationCard } from '../../cards/renderRegistrationCard';
import { renderWelcomeCard } from '../../cards/renderWelcomeCard';
import { userSpecificCard } from '../../cards/userSpecificCard';
import { textFor } from '../../i18n/text';
import type { RegistrationView } from '../../services/lookups/types';
import { expectValidTeamsCard } from '../cards/expectValidTeamsCard';
import { contoso } from '../cards/lookupFixtures';
import { englishWordsIn, readableStrings } from '../support/englishWords';

/** Names and ids the cards show as sent, in any language. */
const AS_SENT = ['Contoso Ltd', 'contoso.onmicrosoft.com', 'United States', 'Alex Wilber', 'Contoso'];

function registration(status: RegistrationView['status'], locale: string): AdaptiveCardJson {
  return renderRegistrationCard({
    customer: contoso,
    registration: { customerId: 'c1', subscriptionId: '3d5eced6-1151-44c7-aee6-70a4bb725666', status },
    checkedAt: '2026-03-12T09:30:00Z',
    locale,
  });
}

/** The bot's own cards, drawn for one reader's locale with every sentence they can show. */
function botCards(locale: string): Record<string, AdaptiveCardJson> {
  const welcome = renderWelcomeCard({ userName: 'Alex Wilber', actions: { buy: 'b', help: 'h' }, locale });
  return {
    welcome,
    welcomeNoName: renderWelcomeCard({ actions: { buy: 'b', help: 'h' }, locale }),
    registered: registration('registered', locale),
    registering: registration('registering', locale),
    notRegistered: registration('notregistered', locale),
    unknown: registration('unknown', locale),
  };
}

/** What the bot says outside cards, in one language (the invoke answers and proactive notices). */
function botSentences(locale: string): string[] {
  const say = textFor(locale);
  return [
    slowTurnNotice(locale),
    answeredBelow(locale),
    say('bot.viewGone'),
    say('bot.apology', { reference: 'ab12cd34' }),
    say('bot.apologyClaimed', { reference: 'ab12cd34' }),
    say('bot.apologyClaiming', { reference: 'ab12cd34' }),
    say('search.unreadable'),
    say('search.empty'),
    say('search.none'),
    say('search.failed'),
    say('search.noDataset'),
    say('tracker.stillNotFinished', { ids: 'o1', company: 'Contoso Ltd', hours: 72 }),
    say('tracker.completeProvisioning', { id: 'o1', company: 'Contoso Ltd', waiting: 2 }),
    say('tracker.ended', { id: 'o1', company: 'Contoso Ltd', status: say('orderStatus.cancelled') }),
    say('registration.mfaStopped', { mfa: say('code.mfaRequired'), subscription: 's1' }),
  ];
}

describe("the bot's own words in Swedish", () => {
  it.each(Object.keys(botCards('sv-SE')))(
    'the %s card has no English word in sv-SE, and is a valid Teams card',
    (name) => {
      const card = botCards('sv-SE')[name];
      expectValidTeamsCard(card);
      const english = readableStrings(card).flatMap((text) => englishWordsIn(text, AS_SENT));
      expect(english).toEqual([]);
    },
  );

  it("shows the read-only view of someone else's purchase in Swedish, Refresh included", () => {
    const view = userSpecificCard(botCards('sv-SE').welcome, {
      userIds: ['29:alex'],
      viewId: 'v1',
      note: textFor('sv-SE')('bot.preparingOrder', { name: 'Alex Wilber' }),
      locale: 'sv-SE',
    });
    const texts = readableStrings(view);
    expect(texts).toEqual(
      expect.arrayContaining([
        '**Alex Wilber** förbereder den här beställningen. Bara hen kan lägga, ändra eller avbryta den.',
        'Uppdatera',
      ]),
    );
    expect(texts.flatMap((text) => englishWordsIn(text, AS_SENT))).toEqual([]);
  });

  it('still draws the English cards word for word as before', () => {
    const en = botCards('en-US');
    expect(readableStrings(en.welcome)).toEqual(
      expect.arrayContaining([
        'Hello, Alex Wilber!',
        'Tap **Buy something** to start, or type **buy for** and a customer name, for example *buy for Contoso*.',
        'Buy something',
        'Help',
      ]),
    );
    expect(readableStrings(en.registering)).toEqual(
      expect.arrayContaining([
        'Azure subscription registration',
        'Registering…',
        "I'll update this card when it's done.",
      ]),
    );
  });

  it('greets and explains in Swedish, with buttons that say what they do', () => {
    const texts = readableStrings(botCards('sv-SE').welcome);
    expect(texts).toEqual(expect.arrayContaining(['Hej Alex Wilber!', 'Köp något', 'Hjälp']));
    expect(texts.join(' ')).toContain('skriv **köp för** och ett kundnamn');
  });

  it('says its sentences outside cards in Swedish, with no English word left but names and ids', () => {
    const english = botSentences('sv-SE').flatMap((sentence) => englishWordsIn(sentence, ['Contoso Ltd']));
    expect(english).toEqual([]);
    // A line still being provisioned is counted in Swedish plural forms.
    const say = textFor('sv-SE');
    expect(say('tracker.completeProvisioning', { id: 'o1', company: 'Contoso Ltd', waiting: 1 })).toContain('1 rad i');
    expect(say('tracker.completeProvisioning', { id: 'o1', company: 'Contoso Ltd', waiting: 3 })).toContain(
      '3 rader i',
    );
  });

  it('keeps English as today for anyone not reading Swedish (and for unknown locales)', () => {
    expect(slowTurnNotice('fr-FR')).toBe(
      "This is taking a moment (Partner Center is slow to answer). I'll put the answer right here, no need to ask again.",
    );
    expect(textFor('en-US')('tracker.completeProvisioning', { id: 'o1', company: 'C', waiting: 1 })).toBe(
      'Order o1 for C is complete. 1 of its lines is still being provisioned.',
    );
  });
});
