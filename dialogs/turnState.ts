/** Turn-state key under which the root dialog leaves the card action this turn's click resolved to. */
export const RESOLVED_CARD_ACTION = Symbol('resolvedCardAction');
