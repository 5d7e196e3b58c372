import type { AzureSubscription } from './customers';

/** Registration states as the service spells them in the example (`NotRegistered`). */
export type RegistrationStatus = 'NotRegistered' | 'Registering' | 'Registered';

/**
 * Where a subscription's registration stands at `now`: after a register call it stays `NotRegistered` for one step,
 * is `Registering` during the second step and `Registered` from then on (a step of 0 registers at once).
 */
export function registrationStatus(
  subscription: AzureSubscription,
  now: number,
  stepSeconds: number,
): RegistrationStatus {
  if (subscription.seededRegistered) return 'Registered';
  if (subscription.registrationRequestedAt === undefined) return 'NotRegistered';
  const elapsedSteps = stepSeconds <= 0 ? 2 : (now - subscription.registrationRequestedAt) / (stepSeconds * 1000);
  if (elapsedSteps >= 2) return 'Registered';
  if (elapsedSteps >= 1) return 'Registering';
  return 'NotRegistered';
}
