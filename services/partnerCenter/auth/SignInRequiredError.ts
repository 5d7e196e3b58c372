/** Why a person must sign in: they never did (or their sign-in is gone), or Microsoft Entra ID wants them back. */
export type SignInRequiredReason = 'not-signed-in' | 'consent-required';

const MESSAGES: Record<SignInRequiredReason, string> = {
  'not-signed-in': 'The person has not signed in, so Partner Center cannot be called on their behalf',
  'consent-required': 'Microsoft Entra ID needs the person to sign in again or consent before acting on their behalf',
};

/**
 * An App+User Partner Center call could not get a token for the person: the chat must ask them to sign in. Nothing
 * was sent to Partner Center for the call that failed this way. The message is fixed per reason (plus MSAL's error
 * code at most), so it never carries a token.
 */
export class SignInRequiredError extends Error {
  readonly reason: SignInRequiredReason;
  /** MSAL's error code (e.g. `consent_required`) when Microsoft Entra ID asked for the sign-in, for the log. */
  readonly msalErrorCode?: string;

  constructor(reason: SignInRequiredReason, msalErrorCode?: string) {
    super(`${MESSAGES[reason]}${msalErrorCode ? ` (${msalErrorCode})` : ''}`);
    this.name = 'SignInRequiredError';
    this.reason = reason;
    this.msalErrorCode = msalErrorCode;
  }
}
