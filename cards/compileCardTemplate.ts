import { Template } from 'adaptivecards-templating';
import { z } from 'zod';
import { planDirectExpansion } from './directCardExpansion';

/** The JSON of an Adaptive Card, ready to wrap in an attachment (`CardFactory.adaptiveCard`). */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: string;
  [key: string]: unknown;
}

const expandedCardSchema = z.looseObject({ type: z.literal('AdaptiveCard'), version: z.string() });

/**
 * Prepares a card template once and returns a pure function that expands it with data. The template is parsed at
 * module load so a render call does no I/O, and the result is checked so a broken template fails loudly in tests
 * instead of sending Teams something it cannot draw. The bindings our templates use are expanded directly (the same
 * card, a fraction of the work: see directCardExpansion.ts); anything else goes through adaptivecards-templating.
 */
export function compileCardTemplate<Data extends object>(templateJson: object): (data: Data) => AdaptiveCardJson {
  const template = new Template(templateJson);
  const direct = planDirectExpansion(templateJson);
  return (data) => expandedCardSchema.parse(direct?.(data) ?? template.expand({ $root: data }));
}
