import type { Command } from '../commands';

/**
 * True when answering this command calls Partner Center, so the person must be signed in first. Help, cancel, the
 * audit trail (the bot's own records) and sign-out never need it; `buy` needs it only from someone allowed to buy, so
 * a viewer is refused without being sent through a sign-in first.
 */
export function commandNeedsSignIn(command: Command, mayBuy: boolean): boolean {
  switch (command.kind) {
    case 'help':
    case 'cancel':
    case 'audit':
    case 'signOut':
    case 'unknown':
      return false;
    case 'buy':
      return mayBuy;
    default:
      return true;
  }
}
