import { PartnerCenterError } from './PartnerCenterError';

/**
 * Partner Center's code for an App+User call whose sign-in carried no multi-factor claim (enforced from 2026-04-01;
 * 401). See README "Partner Center requires MFA for App+User" for the references.
 */
export const MFA_REQUIRED_CODE = '900421';

// The other body Partner Center has been seen to send for the same refusal: "Authentication failed. MFA required."
const MFA_TEXT = /\bMFA\b|multi-?factor/i;

/**
 * Whether Partner Center refused a call because the person's sign-in lacked multi-factor authentication: code 900421
 * in an ApiFault, or a 401 whose non-ApiFault body says MFA is required. Nothing was done, and the same call can only
 * succeed after the person signs in again with MFA, so it is never retried.
 */
export function isMfaRefusal(error: unknown): boolean {
  if (!(error instanceof PartnerCenterError) || error.kind !== 'http') return false;
  if (error.code?.trim() === MFA_REQUIRED_CODE) return true;
  return error.httpStatus === 401 && error.code === undefined && MFA_TEXT.test(error.description ?? '');
}
