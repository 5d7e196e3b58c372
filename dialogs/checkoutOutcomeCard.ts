import { renderNoticeCard } from '../cards/renderNoticeCard';
import { safeForMarkdown } from '../cards/untrustedText';
import { textFor } from '../i18n/text';
import type { CheckoutRecord } from '../services/checkout/CheckoutLedger';
import { orderResultCard } from './orderResultCard';

/**
 * The card that shows where a checkout stands: the order result (whole or partial), the refusal in words, "waiting
 * for your sign-in", or "being placed". Names, ids and Partner Center's sentences are shown as text only. It is drawn
 * outside the turn too, so it speaks the language stored with the record (en-US for records older than that).
 */
export function checkoutOutcomeCard(record: CheckoutRecord): object {
  const say = textFor(record.target.locale);
  const company = safeForMarkdown(record.customer.companyName, 'name');
  const stored = record.failure;
  const sentence = stored?.key ? say(stored.key, stored.values) : stored?.sentence;
  const failure = sentence ? safeForMarkdown(sentence, 'sentence') : undefined;
  // Partner Center's 201 answer, whole or partial, and its refusal of every order group (order errors only, nothing
  // bought) are shown as they came: what was placed, and what was not with Partner Center's reasons.
  if ((record.state === 'done' || record.state === 'failed') && record.result) {
    return orderResultCard(
      { customer: record.customer, summary: record.result },
      record.target.locale,
      record.correlationId,
    );
  }
  if (record.state === 'failed') {
    const refusal = failure ?? say('outcome.refused');
    return renderNoticeCard({
      title: say('outcome.refusedTitle'),
      text: stored?.code
        ? say('outcome.refusedCodeText', {
            failure: refusal,
            code: safeForMarkdown(stored.code, 'word'),
            reference: safeForMarkdown(record.correlationId, 'id'),
          })
        : say('outcome.refusedText', { failure: refusal }),
    });
  }
  if (record.state === 'unconfirmed') {
    return renderNoticeCard({
      title: say('outcome.unconfirmedTitle'),
      text: say('outcome.unconfirmedText', {
        failure: failure ?? say('outcome.unconfirmed'),
        company,
        requestId: safeForMarkdown(record.requestId, 'id'),
        correlationId: safeForMarkdown(record.correlationId, 'id'),
      }),
    });
  }
  if (record.waitingForSignIn) {
    // With a failure, Partner Center refused the sign-in itself (no MFA) after an earlier call whose outcome is unknown.
    return renderNoticeCard({
      title: say('outcome.signInTitle'),
      text: failure ? say('outcome.signInAfterFailure', { failure, company }) : say('outcome.signIn', { company }),
    });
  }
  return renderNoticeCard({ title: say('outcome.placingTitle'), text: say('outcome.placing', { company }) });
}
