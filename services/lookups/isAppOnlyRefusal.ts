import { PartnerCenterError } from '../partnerCenter/PartnerCenterError';

// Partner Center's answer when an App+User-only operation is called with an app-only token.
const APP_ONLY_NOT_SUPPORTED = '900329';

/** Whether Partner Center refused a call only because it needs App+User and the bot signed in app-only (403 / 900329). */
export function isAppOnlyRefusal(error: unknown): error is PartnerCenterError {
  return (
    error instanceof PartnerCenterError &&
    error.kind === 'http' &&
    error.httpStatus === 403 &&
    error.code === APP_ONLY_NOT_SUPPORTED
  );
}
