import type { PurchaseCategory } from './types';

/** The Partner Center catalog view (`targetView`) that lists each purchase category's products. */
export const PURCHASE_CATEGORY_TARGET_VIEW: Readonly<Record<PurchaseCategory, string>> = {
  'software-subscriptions': 'SoftwareSubscriptions',
  'perpetual-software': 'SoftwarePerpetual',
  'azure-reservations': 'AzureReservationsVM',
};
