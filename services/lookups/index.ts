/** Public surface of the lookup service: the interface dialogs use and its Partner Center implementation. */
export type * from './types';
export { PartnerCenterLookupService } from './PartnerCenterLookupService';
export type { PartnerCenterLookupServiceOptions } from './PartnerCenterLookupService';
export { RECENT_ORDER_WINDOW_MS } from './recentOrdersToFetch';
