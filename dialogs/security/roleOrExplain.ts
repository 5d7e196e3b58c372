import type { TurnContext } from 'botbuilder';
import { DirectoryUnavailableError } from '../../services/directory/DirectoryUnavailableError';
import type { Role, RoleDirectory } from './RoleDirectory';
import { textFor, type MessageKey } from '../../i18n/text';

/** What a person is told (a catalog message) when their role depends on group membership that can't be read now. */
export const DIRECTORY_UNAVAILABLE = 'role.directoryUnavailable' satisfies MessageKey;

/**
 * The role of whoever sent this turn, or undefined after telling them their group membership could not be checked.
 * Called once at the start of a turn; later checks in the same turn reuse that answer, so only here can a directory
 * outage surface. Other errors are not this function's to explain and go on to the turn's error handler.
 */
export async function roleOrExplain(context: TurnContext, roles: RoleDirectory): Promise<Role | undefined> {
  try {
    return await roles.roleFor(context);
  } catch (error) {
    if (!(error instanceof DirectoryUnavailableError)) throw error;
    await context.sendActivity(textFor(context.activity.locale)(DIRECTORY_UNAVAILABLE));
    return undefined;
  }
}
