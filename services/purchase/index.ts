/** Public surface of the purchase service: the interface dialogs use, its Partner Center implementation and errors. */
export type * from './types';
export { PartnerCenterPurchaseService } from './PartnerCenterPurchaseService';
export type { PartnerCenterPurchaseServiceOptions } from './PartnerCenterPurchaseService';
export { PurchaseRequestError } from './PurchaseRequestError';
export type { PurchaseRequestProblem } from './PurchaseRequestError';
export { describePurchaseFailure } from './describePurchaseFailure';
export type { FailureDescription } from './describePurchaseFailure';
export { describeCartLineError } from './describeCartLineError';
export { marketAvailabilityFor } from './marketAvailabilityFor';
export { PriceSheetService, priceLineOf, priceSheetViewOf } from './PriceSheetService';
export type {
  PriceAnswer,
  PriceLine,
  PriceNotAvailable,
  PriceQuestion,
  PriceQuote,
  PriceSheetServiceOptions,
  PriceUnavailableReason,
} from './PriceSheetService';
export { OrderCancellationService } from './OrderCancellationService';
export type {
  CancellationOutcome,
  LineCancellation,
  NotCancellableReason,
  OrderCancellationOptions,
  OrderCancellationServiceOptions,
} from './OrderCancellationService';
export { CANCELLATION_POLICIES } from './cancellationPolicy';
export type { CancellableKind, CancellationPolicy, RefundKind } from './cancellationPolicy';
