import type { TurnContext } from 'botbuilder';
import { safeForMarkdown } from '../cards/untrustedText';
import { textFor } from '../i18n/text';
import type { PurchaseService } from '../services/purchase/types';

/**
 * Tells the user, in one sentence in their language, why a Partner Center step failed and what to do, with the
 * reference support needs. Returns whether trying again could help. The sentence, code and reference can carry
 * Partner Center's text, so they are shown as text only; `prefix` is the caller's own markdown (with any untrusted
 * value in it already made safe).
 */
export async function tellFailure(
  context: TurnContext,
  service: PurchaseService,
  error: unknown,
  prefix = '',
): Promise<boolean> {
  const say = textFor(context.activity.locale);
  const failure = service.describeFailure(error);
  const code = safeForMarkdown(failure.code, 'word');
  const reference = [code ? say('failure.referenceCode', { code }) : '', safeForMarkdown(failure.correlationId, 'id')]
    .filter(Boolean)
    .join(', ');
  const sentence = failure.key
    ? safeForMarkdown(say(failure.key, failure.values), 'sentence')
    : safeForMarkdown(failure.sentence, 'sentence');
  const told = reference ? say('failure.reference', { sentence, reference }) : sentence;
  await context.sendActivity(`${prefix}${told}`);
  return failure.retryable;
}
