/**
 * Swedish requests read as the English ones the command grammar knows: `köp 10 Windows Server för Fabrikam`,
 * `beställningar för contoso förra veckan`, `saldo`, `fakturor`, `faktura G…`, `hjälp`, `avbryt`, `mer`.
 * Only whole words are replaced, and only the bot's own words: before the customer (the part after `för`/`for`) every
 * command word, after it only time windows, so a customer called "Mer Konsult AB" keeps its name.
 */

/** Swedish command words (lower case, whole words) → the English word the grammar reads. */
const COMMAND_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(?:köp|köpa|handla)$/, 'buy'],
  [/^(?:beställningar|ordrar|köpen)$/, 'orders'],
  [/^beställning(?:en)?$/, 'order'],
  [/^(?:saldo|saldot|skuld|skulden)$/, 'balance'],
  [/^fakturor(?:na)?$/, 'invoices'],
  [/^faktura(?:n)?$/, 'invoice'],
  [/^(?:hjälp|hjalp)$/, 'help'],
  [/^(?:avbryt|stoppa|sluta)$/, 'cancel'],
  [/^(?:mer|fler|nästa)$/, 'more'],
  [/^(?:licenser|licenserna|rättigheter)$/, 'entitlements'],
  [/^registrera$/, 'register'],
  [/^(?:fakturaunderlag|fakturaunderlaget|kontoutdrag|utdrag)$/, 'statement'],
  [/^(?:engångsköp|engångs|engångsbeställningar)$/, 'one-time'],
  [/^(?:månatliga|månadsvisa)$/, 'monthly'],
  [/^(?:årliga|årsvisa)$/, 'annual'],
  [/^(?:år|året)$/, 'year'],
  [/^(?:månad|månader|månaden)$/, 'month'],
  [/^(?:st|stycken|styck)$/, ''],
];

const SWEDISH_MONTHS: Record<string, string> = {
  januari: 'January',
  februari: 'February',
  mars: 'March',
  april: 'April',
  maj: 'May',
  juni: 'June',
  juli: 'July',
  augusti: 'August',
  september: 'September',
  oktober: 'October',
  november: 'November',
  december: 'December',
};

/** Time windows as Swedes write them → the English phrases the window reader knows. */
const WINDOW_PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  [/(^|\s)idag(?=$|[\s.,!?])/giu, '$1today'],
  [/(^|\s)i dag(?=$|[\s.,!?])/giu, '$1today'],
  [/(^|\s)igår(?=$|[\s.,!?])/giu, '$1yesterday'],
  [/(^|\s)i går(?=$|[\s.,!?])/giu, '$1yesterday'],
  [/(^|\s)(?:förra|senaste) veckan(?=$|[\s.,!?])/giu, '$1last week'],
  [/(^|\s)(?:denna|den här) veckan?(?=$|[\s.,!?])/giu, '$1this week'],
  [/(^|\s)(?:förra|senaste) månaden(?=$|[\s.,!?])/giu, '$1last month'],
  [/(^|\s)(?:denna|den här) månaden?(?=$|[\s.,!?])/giu, '$1this month'],
  [/(^|\s)(?:de |under de )?(?:senaste|sista) (\d{1,4}) dagarna(?=$|[\s.,!?])/giu, '$1last $2 days'],
  [/(^|\s)(?:sedan|sen|från) /giu, '$1since '],
  [/(^|\s)i (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)/giu, '$1in $2'],
];

/** Requests that are a whole message of several words. */
const WHOLE_MESSAGES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^logga in$/iu, 'sign in'],
  [/^logga ut$/iu, 'sign out'],
  [/^(?:vad kan du( göra)?|kommandon)\??$/iu, 'help'],
];

const LETTER = /[\p{L}\p{N}]/u;

function commandWord(word: string): string {
  const lower = word.toLowerCase();
  const found = COMMAND_WORDS.find(([pattern]) => pattern.test(lower));
  return found ? found[1] : word;
}

function windowPhrases(text: string): string {
  let out = text;
  for (const [pattern, replacement] of WINDOW_PHRASES) out = out.replace(pattern, replacement);
  return out.replace(/\p{L}+/gu, (word) => SWEDISH_MONTHS[word.toLowerCase()] ?? word);
}

/**
 * A message with its Swedish command words in English. English text comes back unchanged (none of the Swedish words
 * is an English command word), so the command grammar stays one grammar for both languages.
 */
export function swedishToCommandWords(text: string): string {
  const whole = WHOLE_MESSAGES.find(([pattern]) => pattern.test(text.trim()));
  if (whole) return whole[1];
  const split = /(^|\s)(?:för|for)\s/iu.exec(text);
  const head = split ? text.slice(0, split.index) : text;
  const tail = split ? text.slice(split.index) : '';
  const translatedHead = windowPhrases(
    head
      .split(/(\s+)/)
      .map((part) => (LETTER.test(part) ? commandWord(part) : part))
      .join(''),
  );
  const translatedTail = tail.replace(/^(\s*)för(\s)/iu, '$1for$2');
  return `${translatedHead}${windowPhrasesAtEnd(translatedTail)}`.replace(/\s{2,}/g, ' ');
}

/** After the customer's name only a trailing window is translated ("för contoso förra veckan"). */
function windowPhrasesAtEnd(tail: string): string {
  const start = tail.search(
    /\s(?:idag|i dag|igår|i går|förra|senaste|sista|denna|den här|sedan|sen|från|de senaste|under de)(?:\s|$)/iu,
  );
  if (start < 0) return tail;
  return tail.slice(0, start) + windowPhrases(tail.slice(start));
}
