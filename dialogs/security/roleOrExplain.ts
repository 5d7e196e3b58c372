import type { TurnContext } from 'botbuilder';
import { DirectoryUnavailableError } from '../../services/directory/DirectoryUnavailableError';
import type { Role, RoleDirectory } from './RoleDirectory';

/** What a person is told when their role depends on group membership that cannot be read right now. */
export const DIRECTORY_UNAVAILABLE_SENTENCE =
  "I couldn't check your group membership just now, so nothing was started or bought. Please try again in a minute.";

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
    await context.sendActivity(DIRECTORY_UNAVAILABLE_SENTENCE);
    return undefined;
  }
}
