import type { RegistrationView } from './types';

const KNOWN: readonly RegistrationView['status'][] = ['registered', 'registering', 'notregistered'];

/** A registration status as Partner Center spells it (`NotRegistered`, `registering`, …) in the bot's words. */
export function registrationStatusOf(status: string): RegistrationView['status'] {
  const compact = status.replace(/[\s_-]/g, '').toLowerCase();
  return KNOWN.find((known) => known === compact) ?? 'unknown';
}
