/**
 * What a person reads when Teams draws this markdown text: a backslash before ASCII punctuation shows only the
 * character after it, and the word joiners that keep addresses from becoming links are invisible (both checked in
 * Microsoft 365 Agents Playground). Markdown the bot writes on purpose (`**Place order**`) is left as it is.
 */
export function readableText(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\u2060/g, '');
}
