import type { MessageKey, Text } from '../i18n/text';
import type { PurchaseCategory } from '../services/purchase/types';

/**
 * How each category is named inside a sentence, keeping its proper nouns ("Azure", "VM") and its number: lower-casing
 * the button label gave "Which azure reserved vm instances product?".
 */
const IN_A_SENTENCE: Record<PurchaseCategory, { plural: MessageKey; productQuestion: MessageKey }> = {
  'software-subscriptions': {
    plural: 'category.softwareSubscriptions.plural',
    productQuestion: 'category.softwareSubscriptions.question',
  },
  'perpetual-software': {
    plural: 'category.perpetualSoftware.plural',
    productQuestion: 'category.perpetualSoftware.question',
  },
  // Reservation products are VM series (Dv5, Esv5, …); the size and region come with the SKU after.
  'azure-reservations': {
    plural: 'category.azureReservations.plural',
    productQuestion: 'category.azureReservations.question',
  },
};

/** The question asking for a product of a category ("Which Azure reserved VM instance series?"). */
export function productQuestion(category: PurchaseCategory, say: Text): string {
  return say(IN_A_SENTENCE[category].productQuestion);
}

/** A category as a plural inside a sentence ("There are no Azure reserved VM instances on offer …"). */
export function categoryInSentence(category: PurchaseCategory, say: Text): string {
  return say(IN_A_SENTENCE[category].plural);
}
