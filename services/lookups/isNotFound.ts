import { PartnerCenterError } from '../partnerCenter/PartnerCenterError';

/** Whether Partner Center answered 404 for what was asked for. */
export function isNotFound(error: unknown): error is PartnerCenterError {
  return error instanceof PartnerCenterError && error.kind === 'http' && error.httpStatus === 404;
}
