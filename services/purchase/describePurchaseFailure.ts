import { textFor, type MessageKey, type MessageValues } from '../../i18n/text';
import { SignInRequiredError } from '../partnerCenter/auth/SignInRequiredError';
import { isMfaRefusal } from '../partnerCenter/isMfaRefusal';
import { PartnerCenterError } from '../partnerCenter/PartnerCenterError';
import { sentenceForPartnerCenterCode } from './partnerCenterCodeSentences';
import { PurchaseRequestError } from './PurchaseRequestError';

/** One sentence a partner's staff member can act on, the ids support will ask for, and whether to just try again. */
export interface FailureDescription {
  /** The catalog message to say in the reader's language; absent for the service's own sentences (request errors). */
  key?: MessageKey;
  values?: MessageValues;
  /** The sentence in English, for logs and records (and shown as is when there is no key). */
  sentence: string;
  code?: string;
  correlationId?: string;
  retryable: boolean;
}

const ENGLISH = textFor('en-US');

/** A failure said with a catalog message (and its English for logs and records). */
function said(key: MessageKey, values?: MessageValues): Pick<FailureDescription, 'key' | 'values' | 'sentence'> {
  return { key, ...(values ? { values } : {}), sentence: ENGLISH(key, values) };
}

/**
 * Turns any error from the purchase service into one sentence for the chat. Partner Center errors keep their code and
 * correlation id for support; nothing from tokens, payloads or stack traces is ever included.
 */
export function describePurchaseFailure(error: unknown): FailureDescription {
  if (error instanceof PurchaseRequestError) return { ...said(error.key, error.values), retryable: false };
  if (isSignInRequired(error)) {
    // Trying again is pointless until the person has signed in, which only they can do.
    return {
      ...said(error.reason === 'consent-required' ? 'failure.consentAgain' : 'failure.notSignedIn'),
      retryable: false,
    };
  }
  if (!(error instanceof PartnerCenterError)) return { ...said('failure.botSide'), retryable: false };
  const ids = { code: error.code, correlationId: error.correlationId };
  // Before the status checks: this 401 is about the person's sign-in, not the bot's registration, and it sometimes
  // comes without a code (a plain-text body).
  if (isMfaRefusal(error)) return { ...ids, ...said('code.mfaRequired'), retryable: false };
  switch (error.kind) {
    case 'throttled':
      return { ...ids, ...throttled(error.retryAfterSeconds), retryable: true };
    case 'timeout':
      return { ...ids, ...said('failure.timeout'), retryable: true };
    case 'network':
      return { ...ids, ...said('failure.network'), retryable: true };
    case 'invalid-response':
      return { ...ids, ...said('failure.unreadable'), retryable: false };
    case 'http':
      return { ...ids, ...describeHttpFailure(error.httpStatus, error.code) };
  }
}

/** Whether the error means the person must sign in (or consent again) before Partner Center can act for them. */
export function isSignInRequired(error: unknown): error is SignInRequiredError {
  return error instanceof SignInRequiredError;
}

function describeHttpFailure(
  status: number | undefined,
  code: string | undefined,
): Omit<FailureDescription, 'code' | 'correlationId'> {
  if (status === 401) return { ...said('failure.auth'), retryable: false };
  if (status === 429) return { ...throttled(undefined), retryable: true };
  if (status !== undefined && status >= 500) {
    const known = sentenceForPartnerCenterCode(code);
    return { ...(known ? said(known.key) : said('failure.service')), retryable: true };
  }
  const known = sentenceForPartnerCenterCode(code);
  if (known) return { ...said(known.key), retryable: known.retryable };
  if (status === 403) return { ...said('failure.forbidden'), retryable: false };
  if (status === 404) return { ...said('failure.notFound'), retryable: false };
  if (status === 408) return { ...said('failure.timeout'), retryable: true };
  if (status === 409) return { ...said('failure.conflict'), retryable: false };
  return { ...said('failure.generic'), retryable: false };
}

function throttled(retryAfterSeconds: number | undefined): Pick<FailureDescription, 'key' | 'values' | 'sentence'> {
  if (retryAfterSeconds === undefined || retryAfterSeconds <= 0) return said('failure.throttled');
  return retryAfterSeconds < 90
    ? said('failure.throttledSeconds', { seconds: Math.ceil(retryAfterSeconds) })
    : said('failure.throttledMinutes', { minutes: Math.ceil(retryAfterSeconds / 60) });
}
