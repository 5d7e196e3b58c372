import type { Subscription } from '../partnerCenter/schemas/subscription';
import type { AzureSubscriptionDetails, AzureSubscriptionKind } from './types';

// The Azure plan product: an Azure plan subscription's offerId is its catalog item (`DZH318Z0BPS6:0001:…`).
const AZURE_PLAN_PRODUCT = 'DZH318Z0BPS6';
// The legacy CSP Azure offer, the only one whose reservations are listed without a reservation scope.
const MICROSOFT_AZURE_OFFER = 'MS-AZR-0145P';

/** The `reservationScope` value Partner Center documents for the Azure plan reservation catalog. */
export const AZURE_PLAN_RESERVATION_SCOPE = 'AzurePlan';

/**
 * What kind of Azure subscription a Partner Center subscription is, read from its `offerId`: an Azure plan's is the
 * Azure plan catalog item, a Microsoft Azure subscription's is `MS-AZR-0145P`. Anything else can't buy reservations.
 */
export function azureSubscriptionOf(subscription: Subscription): AzureSubscriptionDetails {
  const offer = subscription.offerId.trim().toUpperCase();
  let kind: AzureSubscriptionDetails['kind'] = 'other';
  if (offer === AZURE_PLAN_PRODUCT || offer.startsWith(`${AZURE_PLAN_PRODUCT}:`)) kind = 'azure-plan';
  else if (offer === MICROSOFT_AZURE_OFFER) kind = 'microsoft-azure';
  return {
    id: subscription.id,
    name: subscription.friendlyName?.trim() || subscription.offerName?.trim() || subscription.offerId,
    kind,
    status: (subscription.status ?? 'active').trim().toLowerCase(),
  };
}

/** The `reservationScope` query value for a catalog: `AzurePlan` for Azure plans, none for the rest. */
export function reservationScopeOf(kind: AzureSubscriptionKind | undefined): string | undefined {
  return kind === 'azure-plan' ? AZURE_PLAN_RESERVATION_SCOPE : undefined;
}
