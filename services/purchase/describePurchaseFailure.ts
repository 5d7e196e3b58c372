import { SignInRequiredError } from '../partnerCenter/auth/SignInRequiredError';
import { isMfaRefusal } from '../partnerCenter/isMfaRefusal';
import { PartnerCenterError } from '../partnerCenter/PartnerCenterError';
import { MFA_REQUIRED_SENTENCE, sentenceForPartnerCenterCode } from './partnerCenterCodeSentences';
import { PurchaseRequestError } from './PurchaseRequestError';

/** One sentence a partner's staff member can act on, the ids support will ask for, and whether to just try again. */
export interface FailureDescription {
  sentence: string;
  code?: string;
  correlationId?: string;
  retryable: boolean;
}

const AUTH =
  "Partner Center didn't accept the bot's sign-in; ask your administrator to check the bot's Partner Center app registration.";
const FORBIDDEN =
  "Partner Center refused this for the bot's account; ask a Partner Center admin to check the app's permissions and your roles.";
const NOT_FOUND = "Partner Center couldn't find what was asked for (it may have been removed); start again.";
const CONFLICT = 'Partner Center is still busy with an earlier request for this; wait a minute and try again.';
const SERVICE = 'Partner Center had a problem on its side; try again in a few minutes.';
const GENERIC =
  "Partner Center couldn't complete the request; try again, and contact support with the correlation ID if it keeps failing.";
const UNREADABLE =
  "Partner Center sent an answer the bot couldn't read; try again, and contact support with the correlation ID if it keeps happening.";
// Plain text, like every sentence here: chat shows it as text only, since some sentences carry Partner Center's words.
const NOT_SIGNED_IN = 'You need to sign in to Partner Center first: type "sign in", then try again.';
const CONSENT_AGAIN = 'Partner Center needs your consent again: type "sign in", then try again.';
const BOT_SIDE = 'Something went wrong in the bot; try again, and tell your administrator if it keeps happening.';

/**
 * Turns any error from the purchase service into one sentence for the chat. Partner Center errors keep their code and
 * correlation id for support; nothing from tokens, payloads or stack traces is ever included.
 */
export function describePurchaseFailure(error: unknown): FailureDescription {
  if (error instanceof PurchaseRequestError) return { sentence: error.message, retryable: false };
  if (isSignInRequired(error)) {
    // Trying again is pointless until the person has signed in, which only they can do.
    return { sentence: error.reason === 'consent-required' ? CONSENT_AGAIN : NOT_SIGNED_IN, retryable: false };
  }
  if (!(error instanceof PartnerCenterError)) return { sentence: BOT_SIDE, retryable: false };
  const ids = { code: error.code, correlationId: error.correlationId };
  // Before the status checks: this 401 is about the person's sign-in, not the bot's registration, and it sometimes
  // comes without a code (a plain-text body).
  if (isMfaRefusal(error)) return { ...ids, sentence: MFA_REQUIRED_SENTENCE, retryable: false };
  switch (error.kind) {
    case 'throttled':
      return { ...ids, sentence: throttledSentence(error.retryAfterSeconds), retryable: true };
    case 'timeout':
      return { ...ids, sentence: 'Partner Center took too long to answer; try again in a minute.', retryable: true };
    case 'network':
      return { ...ids, sentence: "The bot couldn't reach Partner Center; try again in a minute.", retryable: true };
    case 'invalid-response':
      return { ...ids, sentence: UNREADABLE, retryable: false };
    case 'http':
      return { ...ids, ...describeHttpFailure(error.httpStatus, error.code) };
  }
}

/** Whether the error means the person must sign in (or consent again) before Partner Center can act for them. */
export function isSignInRequired(error: unknown): error is SignInRequiredError {
  return error instanceof SignInRequiredError;
}

function describeHttpFailure(status: number | undefined, code: string | undefined): Omit<FailureDescription, 'code'> {
  if (status === 401) return { sentence: AUTH, retryable: false };
  if (status === 429) return { sentence: throttledSentence(undefined), retryable: true };
  if (status !== undefined && status >= 500) {
    return { sentence: sentenceForPartnerCenterCode(code)?.sentence ?? SERVICE, retryable: true };
  }
  const known = sentenceForPartnerCenterCode(code);
  if (known) return known;
  if (status === 403) return { sentence: FORBIDDEN, retryable: false };
  if (status === 404) return { sentence: NOT_FOUND, retryable: false };
  if (status === 408)
    return { sentence: 'Partner Center took too long to answer; try again in a minute.', retryable: true };
  if (status === 409) return { sentence: CONFLICT, retryable: false };
  return { sentence: GENERIC, retryable: false };
}

function throttledSentence(retryAfterSeconds: number | undefined): string {
  if (retryAfterSeconds === undefined || retryAfterSeconds <= 0) {
    return 'Partner Center is receiving too many requests right now; try again in about a minute.';
  }
  const wait =
    retryAfterSeconds < 90 ? `${Math.ceil(retryAfterSeconds)} seconds` : `${Math.ceil(retryAfterSeconds / 60)} minutes`;
  return `Partner Center is receiving too many requests right now; try again in about ${wait}.`;
}
