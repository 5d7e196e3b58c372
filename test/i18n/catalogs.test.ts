import { IntlMessageFormat } from 'intl-messageformat';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { CATALOGS, LANGUAGES, languageOf, textFor } from '../../i18n/text';
import { englishWordsIn } from '../support/englishWords';

/** Every argument a message uses, with its ICU type (plural, number, select, plain …), nested ones included. */
function argumentsOf(elements: MessageFormatElement[], found = new Map<string, TYPE>()): Map<string, TYPE> {
  for (const element of elements) {
    if ('value' in element && typeof element.value === 'string' && element.type !== TYPE.literal) {
      found.set(element.value, element.type);
    }
    if ('options' in element) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, found);
  }
  return found;
}

/** The words of a message a reader sees: its literal text in every branch, without argument names or ICU keywords. */
function literalText(elements: MessageFormatElement[]): string {
  return elements
    .map((element) => {
      if (element.type === TYPE.literal) return element.value;
      if ('options' in element)
        return Object.values(element.options)
          .map((option) => literalText(option.value))
          .join(' ');
      if (element.type === TYPE.tag) return literalText(element.children);
      return ' ';
    })
    .join('');
}

describe('message catalogs', () => {
  const reference = CATALOGS['en-US'];

  it.each(LANGUAGES.filter((language) => language !== 'en-US'))('%s has exactly the keys of en-US', (language) => {
    expect(Object.keys(CATALOGS[language]).sort()).toEqual(Object.keys(reference).sort());
  });

  it.each(LANGUAGES)('every %s message is non-empty, valid ICU, and uses the same arguments as en-US', (language) => {
    for (const [key, message] of Object.entries(CATALOGS[language])) {
      expect({ key, empty: message.trim() === '' }).toEqual({ key, empty: false });
      const used = argumentsOf(parse(message));
      const expected = argumentsOf(parse(reference[key as keyof typeof reference]));
      expect({ key, used: [...used].sort() }).toEqual({ key, used: [...expected].sort() });
      // The library itself must accept it in that language.
      expect(() => new IntlMessageFormat(message, language)).not.toThrow();
    }
  });

  it('has no English sentence in the Swedish catalog (names of products, services and agreements aside)', () => {
    // Proper names stay as Microsoft writes them in Swedish too; commands in English are offered on purpose.
    const names = [
      'Microsoft Customer Agreement',
      'Microsoft Partner Agreement',
      'Partner Center',
      'partner of record',
      'Microsoft Azure',
      '`language english`',
      '`language auto`',
    ];
    const english = Object.entries(CATALOGS['sv-SE']).flatMap(([key, message]) =>
      englishWordsIn(literalText(parse(message)), names).map((word) => `${key}: ${word}`),
    );
    expect(english).toEqual([]);
    // The same check finds the English catalog English.
    expect(
      Object.values(CATALOGS['en-US']).filter((message) => englishWordsIn(message).length > 0).length,
    ).toBeGreaterThan(Object.keys(CATALOGS['en-US']).length / 2);
  });

  it.each(LANGUAGES)('every %s message shows each plain argument it is given (no quote hides one)', (language) => {
    // In ICU an apostrophe before a brace quotes it: '{typed}' would print the braces, not the value.
    for (const [key, message] of Object.entries(CATALOGS[language])) {
      const plain = [...argumentsOf(parse(message))].filter(([, type]) => type === TYPE.argument).map(([name]) => name);
      const values = Object.fromEntries(
        [...argumentsOf(parse(message))].map(([name, type]) => [name, type === TYPE.argument ? `«${name}»` : 1]),
      );
      const said = new IntlMessageFormat(message, language).format(values) as string;
      expect({ key, missing: plain.filter((name) => !said.includes(`«${name}»`)) }).toEqual({ key, missing: [] });
    }
  });

  it('follows the Teams locale, and falls back to en-US for languages it does not speak', () => {
    expect(languageOf('sv-SE')).toBe('sv-SE');
    expect(languageOf('sv-FI')).toBe('sv-SE');
    expect(languageOf('sv')).toBe('sv-SE');
    expect(languageOf('SV-se')).toBe('sv-SE');
    expect(languageOf('en-GB')).toBe('en-US');
    expect(languageOf('fr-FR')).toBe('en-US');
    expect(languageOf('svx')).toBe('en-US');
    expect(languageOf(undefined)).toBe('en-US');
    expect(textFor('sv-SE')('language.followTeams')).toBe(CATALOGS['sv-SE']['language.followTeams']);
    expect(textFor('de-DE')('language.followTeams')).toBe(CATALOGS['en-US']['language.followTeams']);
  });
});
