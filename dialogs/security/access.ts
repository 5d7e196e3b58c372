import type { Role } from './RoleDirectory';

/** Who may use a command or a card button: everyone who reaches the bot, anyone with a role, or purchasers only. */
export type Access = 'anyone' | 'viewer' | 'purchaser';

/** True when a person of `role` may use something of `access`. */
export function mayUse(role: Role, access: Access): boolean {
  if (access === 'anyone') return true;
  if (access === 'viewer') return role !== 'none';
  return role === 'purchaser';
}
