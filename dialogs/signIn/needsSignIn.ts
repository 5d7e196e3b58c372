import type { Command } from '../commands';

/**
 * True when answering this command calls Partner Center, so the person must be signed in first. Help, cancel, the
 * audit trail (the bot's own records) and sign-out never need it. Asked only once the person's role allows the
 * command, so a viewer typing `buy` is refused without being sent through a sign-in first.
 */
export function commandNeedsSignIn(command: Command): boolean {
  switch (command.kind) {
    case 'help':
    case 'hello':
    case 'customers':
    case 'cancel':
    case 'audit':
    case 'signOut':
    case 'unknown':
      return false;
    default:
      return true;
  }
}
