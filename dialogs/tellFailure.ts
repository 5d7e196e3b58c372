import type { TurnContext } from 'botbuilder';
import type { PurchaseService } from '../services/purchase/types';

/**
 * Tells the user, in one sentence, why a Partner Center step failed and what to do, with the reference support needs.
 * Returns whether trying again could help.
 */
export async function tellFailure(
  context: TurnContext,
  service: PurchaseService,
  error: unknown,
  prefix = '',
): Promise<boolean> {
  const failure = service.describeFailure(error);
  const reference = [failure.code ? `Partner Center code ${failure.code}` : '', failure.correlationId ?? '']
    .filter(Boolean)
    .join(', ');
  await context.sendActivity(`${prefix}${failure.sentence}${reference ? ` (reference: ${reference})` : ''}`);
  return failure.retryable;
}
