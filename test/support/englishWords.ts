/**
 * Words that give away an English sentence in a reply meant to be Swedish. Only words that are not also Swedish (so not
 * "order", "total", "period", "status", "standard", "in", "be", "just"), and checked after the reply's own names and ids are taken
 * out, since product and company names, ids and Partner Center's own texts stay as they are.
 */
const ENGLISH_ONLY = new Set(
  `the and of for your you is are not no yet more orders invoice invoices balance paid show all open download quantity
expires read placed type date billing charges charge recurring statement link works only until short time
entitlements showing last this week month since today yesterday on to with from could what which how many buy place
cancel change please customer subscription nothing there here was were will has have it an or if when pending
completed failed next price unit help sign try again got that than one-time one each year years days day months largest
first groups software reserved instance ordered bought yes okay sorry look looks like`.split(/\s+/),
);

/** The English words left in `text` once every `allowed` name or id is taken out (lower case, in order found). */
export function englishWordsIn(text: string, allowed: readonly string[] = []): string[] {
  let rest = text;
  for (const name of [...allowed].sort((a, b) => b.length - a.length)) rest = rest.split(name).join(' ');
  // Whole words in any alphabet, so Swedish "något" is never read as "n" + "got".
  return (rest.toLowerCase().match(/\p{L}[\p{L}'-]*/gu) ?? []).filter((word) => ENGLISH_ONLY.has(word));
}

/** Every string a person can read on a card: texts, fact titles and values, button titles and tooltips. */
export function readableStrings(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => readableStrings(item, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && ['text', 'title', 'value', 'tooltip', 'altText', 'placeholder'].includes(key)) {
        found.push(value);
      } else readableStrings(value, found);
    }
  }
  return found;
}
