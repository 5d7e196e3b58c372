/** Public surface of the Partner Center service: the client, its factory, errors, paging and schema types. */
export { PartnerCenterClient, DEFAULT_PAGE_SIZE } from './PartnerCenterClient';
export type { CatalogQuery, PageRequest, InvoiceStatement, OrderBillingType } from './PartnerCenterClient';
export { createPartnerCenterClient } from './createPartnerCenterClient';
export { PriceSheetClient } from './PriceSheetClient';
export type { PriceSheetRequest, PriceSheetSink, PriceSheetSummary, PriceSheetView } from './PriceSheetClient';
export { createPriceSheetClient } from './createPriceSheetClient';
export type { PriceSheetRow } from './priceSheet/priceSheetRows';
export type { PartnerCenterClientExtras } from './createPartnerCenterClient';
export { partnerCenterSettingsSchema } from './PartnerCenterSettings';
export type { PartnerCenterSettings } from './PartnerCenterSettings';
export type { PartnerCenterCallContext } from './PartnerCenterCallContext';
export { PartnerCenterError } from './PartnerCenterError';
export type { PartnerCenterErrorKind } from './PartnerCenterError';
export { iteratePages } from './paging';
export type { Page, PageContinuation, IteratePagesOptions } from './paging';
export { PartnerCenterTransport } from './http/PartnerCenterTransport';
export type { PartnerCenterTransportOptions } from './http/PartnerCenterTransport';
export type { PartnerCenterTokenProvider } from './auth/PartnerCenterTokenProvider';
export { LocalTokenProvider } from './auth/LocalTokenProvider';
export { MsalAppTokenProvider } from './auth/MsalAppTokenProvider';
export {
  OnBehalfOfTokenProvider,
  PARTNER_API_USER_SCOPE,
  PARTNER_CENTER_USER_SCOPE,
} from './auth/OnBehalfOfTokenProvider';
export { SignInRequiredError } from './auth/SignInRequiredError';
export type { UserAssertionSource } from './auth/UserAssertionSource';
export type { Availability, AvailabilityTerm } from './schemas/availability';
export type { BillingCycle } from './schemas/billingCycle';
export type { Cart, CartError, CartInput, CartLineItem, CartLineItemInput } from './schemas/cart';
export type { Customer } from './schemas/customer';
export type { EntitledArtifact, Entitlement } from './schemas/entitlement';
export type { InventoryCheckRequest, InventoryItemResult } from './schemas/inventory';
export type { Invoice, InvoiceDetail } from './schemas/invoice';
export type { InvoiceSummary } from './schemas/invoiceSummary';
export type { Link } from './schemas/link';
export type { OneTimeInvoiceLineItem } from './schemas/oneTimeInvoiceLineItem';
export type { CartCheckoutResult, Order, OrderError, OrderLineItem } from './schemas/order';
export { ORDER_STATUSES } from './schemas/order';
export type { Product } from './schemas/product';
export type { OrderLineItemProvisioningStatus } from './schemas/provisioningStatus';
export type { Sku } from './schemas/sku';
export type { Subscription } from './schemas/subscription';
export type { SubscriptionRegistrationStatus } from './schemas/subscriptionRegistration';
