import type { PartnerCenterCallContext } from '../PartnerCenterCallContext';

/**
 * Where the App+User token provider gets the signed-in person's own token (its audience is the bot's app), the
 * assertion MSAL exchanges on their behalf. The bot implements it over its sign-in service, so services never see a
 * turn; it resolves `undefined` when the person is not signed in.
 */
export interface UserAssertionSource {
  assertionFor(user: NonNullable<PartnerCenterCallContext['user']>): Promise<string | undefined>;
}
