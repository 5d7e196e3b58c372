import type { PurchaseCategory } from '../services/purchase/types';

/**
 * How each category is named inside a sentence, keeping its proper nouns ("Azure", "VM") and its number: lower-casing
 * the button label gave "Which azure reserved vm instances product?".
 */
const IN_A_SENTENCE: Record<PurchaseCategory, { plural: string; productQuestion: string }> = {
  'software-subscriptions': { plural: 'software subscriptions', productQuestion: 'Which software subscription?' },
  'perpetual-software': { plural: 'perpetual software products', productQuestion: 'Which perpetual software product?' },
  // Reservation products are VM series (Dv5, Esv5, …); the size and region come with the SKU after.
  'azure-reservations': {
    plural: 'Azure reserved VM instances',
    productQuestion: 'Which Azure reserved VM instance series?',
  },
};

/** The question asking for a product of a category ("Which Azure reserved VM instance series?"). */
export function productQuestion(category: PurchaseCategory): string {
  return IN_A_SENTENCE[category].productQuestion;
}

/** A category as a plural inside a sentence ("There are no Azure reserved VM instances on offer …"). */
export function categoryInSentence(category: PurchaseCategory): string {
  return IN_A_SENTENCE[category].plural;
}
