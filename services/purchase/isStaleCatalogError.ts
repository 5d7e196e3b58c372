import { PartnerCenterError } from '../partnerCenter/PartnerCenterError';
import type { CartError } from '../partnerCenter/schemas/cart';
import { cartLineErrorNumber } from './describeCartLineError';

const CATALOG_ITEM_ID_IS_NOT_VALID = 10001;

/** Whether Partner Center refused a cart because its catalog item id is stale or unknown (400/800004, 404/400019). */
export function isStaleCatalogError(error: unknown): boolean {
  if (!(error instanceof PartnerCenterError) || error.kind !== 'http') return false;
  return (error.httpStatus === 400 && error.code === '800004') || (error.httpStatus === 404 && error.code === '400019');
}

/** Whether a cart line was accepted with an error saying its catalog item id isn't valid (10001). */
export function isStaleCatalogLineError(error: CartError | undefined): boolean {
  return error !== undefined && cartLineErrorNumber(error.errorCode) === CATALOG_ITEM_ID_IS_NOT_VALID;
}
