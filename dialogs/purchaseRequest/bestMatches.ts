import { editDistance, typosAllowed, wordsOf } from '../../services/purchase/looseWords';

/** How one typed word was found in an item's words, if it was. */
type WordMatch = 'pair' | 'whole' | 'start' | 'typo' | 'none';

/** Each typed word's match in an item's text, in order (a pair of typed words found as one counts for both). */
function wordMatches(typed: readonly string[], itemText: string): WordMatch[] {
  const whole = wordsOf(itemText);
  // A VM size is one word and its parts: `standard_d4s_v5` is found by `d4s v5` too.
  const item = [...whole, ...whole.flatMap((word) => (word.includes('_') ? word.split('_').filter(Boolean) : []))];
  const known = new Set(item);
  const matches: WordMatch[] = [];
  for (let i = 0; i < typed.length; i += 1) {
    const word = typed[i];
    const next = typed[i + 1];
    if (next !== undefined && (known.has(word + next) || known.has(next + word))) {
      matches.push('pair', 'pair');
      i += 1;
    } else if (known.has(word)) {
      matches.push('whole');
    } else if (word.length >= 3 && !/^\d+$/.test(word) && item.some((w) => w.startsWith(word))) {
      matches.push('start');
    } else {
      const typos = typosAllowed(word.length);
      matches.push(typos > 0 && item.some((w) => editDistance(word, w, typos) <= typos) ? 'typo' : 'none');
    }
  }
  return matches;
}

const SCORES: Record<WordMatch, number> = { pair: 2, whole: 2, start: 1, typo: 1, none: 0 };

/**
 * How well an item's text matches the typed words: 2 for each word found as it is (or two typed words found as one,
 * `west europe` in `westeurope`), 1 for a word found by its start (`pro` of `professional`) or with a typo.
 */
export function matchScore(typed: readonly string[], itemText: string): number {
  return wordMatches(typed, itemText).reduce((sum, match) => sum + SCORES[match], 0);
}

/** The typed words found in an item's text only by reading past a typo (`profesional`), as typed (folded). */
export function typosIn(typed: string, itemText: string): string[] {
  const words = wordsOf(typed);
  return wordMatches(words, itemText).flatMap((match, i) => (match === 'typo' ? [words[i]] : []));
}

/**
 * The items the typed words fit best (every item with the highest score), in their order; all of them, and
 * `matched: false`, when no word fits any item.
 */
export function bestMatches<T>(
  items: readonly T[],
  typed: string,
  textOf: (item: T) => string,
): { items: T[]; matched: boolean } {
  const words = wordsOf(typed);
  const scored = items.map((item) => ({ item, score: matchScore(words, textOf(item)) }));
  const best = Math.max(0, ...scored.map((s) => s.score));
  if (best === 0) return { items: [...items], matched: false };
  return { items: scored.filter((s) => s.score === best).map((s) => s.item), matched: true };
}
