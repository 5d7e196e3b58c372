/**
 * Text the bot did not write — Partner Center's company names, domains, product and SKU titles, order lines, ids,
 * statuses and error descriptions, Teams display names, and whatever a person typed — made safe to show in a card or
 * a chat message. Every card render function and every chat sentence passes such values through here; our own
 * wording (bold labels, **Place order**) is written around the result and keeps its markdown.
 *
 * Teams draws markdown in TextBlocks, FactSet titles and values and chat messages, so a customer called
 * `Contoso [Verify your payment](https://evil.example)` would otherwise put a working link in the bot's words. What
 * Microsoft 365 Agents Playground (Teams' card renderer, and its chat renderer) was seen to do, and what follows:
 * - A backslash before ASCII punctuation shows that character itself in cards and chat (`\[` shows `[`, `\_` shows
 *   `_`), so links, images, emphasis, headings, lists, raw HTML (`<a href>` renders as a link) and entities
 *   (`&amp;` shows `&`) are escaped rather than removed, and `Standard_D2s_v5` still reads `Standard_D2s_v5`.
 * - Chat messages turn bare `https://…`, `www.…` and e-mail addresses into links even when escaped; cards do not.
 *   An invisible WORD JOINER (U+2060) after the scheme's colon, after `www` and after `@` stops that, in both.
 * - Cards replace `{{DATE(…)}}` and `{{TIME(…)}}`; escaped braces are shown as typed.
 * - Newlines start headings, lists and quotes, and a line that starts with `-`, `+` or `1.` becomes a list, so
 *   untrusted text is kept to one line and such a start is escaped.
 * - Button titles and tooltips are plain text (a backslash would show), so they only get {@link safeForPlainText}.
 * Bidirectional overrides (which can show `moc.live` as `evil.com`) and other invisible or control characters are
 * dropped, and every value is cut to a length that fits its kind of field, ending with an ellipsis.
 */

/** The longest each kind of untrusted value may be, in characters, before it is cut with an ellipsis. */
export const UNTRUSTED_MAX_LENGTH = {
  /** Company, product, SKU, order line, publisher and person names (long licence titles run past 200). */
  name: 256,
  /** Domains (a DNS name is at most 253 characters; real tenant domains are far shorter). */
  domain: 120,
  /** Order, invoice, offer, cart, subscription, request and correlation ids. */
  id: 64,
  /** Single words or codes: statuses, billing cycles, currencies, terms, error codes, country names. */
  word: 60,
  /** Descriptions and sentences: SKU descriptions, entitlement artifacts, Partner Center error descriptions. */
  sentence: 400,
  /** Something a person typed that the bot repeats back ("No customer matches '…'"). */
  typed: 60,
} as const;

/** Which limit of {@link UNTRUSTED_MAX_LENGTH} applies to a value. */
export type UntrustedKind = keyof typeof UNTRUSTED_MAX_LENGTH;

const ELLIPSIS = '…';
const WORD_JOINER = '\u2060';

/** Line and paragraph breaks of every kind, and tabs: they become one space. */
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
/**
 * Invisible characters that carry no meaning in a name but can hide or reorder what is read: C0/C1 controls, soft
 * hyphen, zero-width space, bidirectional marks, embeddings, overrides and isolates, word joiner and invisible
 * operators, byte order mark, interlinear annotation marks, and Unicode tag characters. Zero-width joiner and
 * non-joiner stay: scripts such as Persian and Devanagari and emoji sequences need them.
 */
/* eslint-disable no-control-regex -- control characters are what this pattern is for */
const INVISIBLE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;
/* eslint-enable no-control-regex */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** The ASCII punctuation that can start markdown, HTML, an entity or a card date function anywhere in a line. */
const MARKDOWN_PUNCTUATION = /[\\`*_[\]<>#|~&{}]/g;

/**
 * The value on one line, without invisible or control characters, with runs of spaces collapsed and trimmed, and
 * cut to its kind's length (the last character an ellipsis). Safe for plain-text places such as button titles and
 * tooltips; for anything drawn as markdown use {@link safeForMarkdown}.
 */
export function safeForPlainText(value: string | undefined | null, kind: UntrustedKind): string {
  const oneLine = String(value ?? '')
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(LINE_BREAKS, ' ')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim();
  const characters = Array.from(oneLine);
  const max = UNTRUSTED_MAX_LENGTH[kind];
  if (characters.length <= max) return oneLine;
  return `${characters
    .slice(0, max - 1)
    .join('')
    .trimEnd()}${ELLIPSIS}`;
}

/**
 * The value as {@link safeForPlainText} makes it, then neutralised for markdown: every character that could start a
 * link, image, emphasis, heading, list, HTML tag, entity or card date function is backslash-escaped, and a word
 * joiner stops web and e-mail addresses from becoming links. A person reads exactly the original characters.
 */
export function safeForMarkdown(value: string | undefined | null, kind: UntrustedKind): string {
  return safeForPlainText(value, kind)
    .replace(MARKDOWN_PUNCTUATION, '\\$&')
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/([a-z][a-z0-9+.-]*):(?=\/\/)/gi, `$1:${WORD_JOINER}`)
    .replace(/(?<![a-z0-9])(www)(?=\.)/gi, `$1${WORD_JOINER}`)
    .replace(/@/g, `@${WORD_JOINER}`);
}

/**
 * {@link safeForMarkdown}, or undefined when nothing visible is left, so a card leaves out an optional row instead of
 * drawing an empty one.
 */
export function optionalForMarkdown(value: string | undefined | null, kind: UntrustedKind): string | undefined {
  const safe = safeForMarkdown(value, kind);
  return safe === '' ? undefined : safe;
}
