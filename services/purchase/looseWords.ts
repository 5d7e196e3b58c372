/**
 * Words as a person types them, compared forgivingly: case and accents don't count (`logistica` is `Logística`),
 * plural and singular are one word (`years` is `year`), and a longer word may carry a typo (`studo` is `studio`).
 */

/** Lower case without accents or other marks: `Rio Logística` → `rio logistica`. */
export function folded(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

// Words that say nothing about which item is meant.
const FILLER = new Set(['a', 'an', 'the', 'of', 'and', 'with', 'to', 'in', 'on', 'for', 'please', 'me', 'some', 'x']);

/** The words of a text, folded, singular, without filler; `_` keeps a VM size (`standard_d4s_v5`) one word. */
export function wordsOf(text: string): string[] {
  return folded(text)
    .split(/[^a-z0-9_]+/)
    .filter((word) => word !== '' && !FILLER.has(word))
    .map(singular);
}

function singular(word: string): string {
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !/\d/.test(word)) return word.slice(0, -1);
  return word;
}

/** How many typos a typed word of this length may carry and still count as the word. */
export function typosAllowed(length: number): number {
  if (length >= 8) return 2;
  if (length >= 5) return 1;
  return 0;
}

/**
 * The number of single-letter edits (insert, delete, replace, swap two neighbours) from one word to the other, or
 * `limit + 1` as soon as it is known to be more than `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current.push(value);
      rowBest = Math.min(rowBest, value);
    }
    if (rowBest > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}
