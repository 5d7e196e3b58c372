import type { AzureSubscription } from '../domain/customers';
import { registrationStatus } from '../domain/registrationStatus';
import { ApiError } from '../http/apiError';
import type { ApiRequest } from '../http/apiTypes';
import type { Router } from '../http/router';
import type { SimulatorContext } from '../simulatorContext';

/** Registers the subscription registration (for reservations) and its status. */
export function registerRegistrationRoutes(router: Router, context: SimulatorContext): void {
  router.add(
    'POST',
    '/v1/customers/{customerId}/subscriptions/{subscriptionId}/registrations',
    (request) => {
      const { customerId, subscription } = findSubscription(request, context);
      const status = registrationStatus(subscription, request.now, context.settings.registrationStepSeconds);
      if (status === 'NotRegistered' && subscription.registrationRequestedAt === undefined) {
        subscription.registrationRequestedAt = request.now;
      }
      return {
        status: 202,
        headers: { Location: `/customers/${customerId}/subscriptions/${subscription.id}/registrationstatus` },
      };
    },
    { throttled: true },
  );
  router.add(
    'GET',
    '/v1/customers/{customerId}/subscriptions/{subscriptionId}/registrationstatus',
    (request) => {
      const { subscription } = findSubscription(request, context);
      return {
        status: 200,
        body: {
          subscriptionId: subscription.id,
          status: registrationStatus(subscription, request.now, context.settings.registrationStepSeconds),
          attributes: { objectType: 'SubscriptionRegistrationStatus' },
        },
      };
    },
    { throttled: true },
  );
}

function findSubscription(
  request: ApiRequest,
  context: SimulatorContext,
): { customerId: string; subscription: AzureSubscription } {
  const customer = context.state.customer(request.params.customerId);
  const wanted = request.params.subscriptionId.toLowerCase();
  const subscription = customer.subscriptions.find((candidate) => candidate.id === wanted);
  if (!subscription) throw new ApiError(404, 20003, `Subscription with ID ${request.params.subscriptionId} not found.`);
  return { customerId: customer.id, subscription };
}
