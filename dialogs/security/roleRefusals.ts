import type { MessageKey } from '../../i18n/text';

/** What a person without the role for an action is told (a catalog message); nothing else happens. */
export const ROLE_REFUSALS = {
  unknownUser: 'role.unknownUser',
  viewerBuying: 'role.viewerBuying',
  viewerPlacingOrder: 'role.viewerPlacingOrder',
  auditNeedsPurchaser: 'role.auditNeedsPurchaser',
} as const satisfies Record<string, MessageKey>;
