import type { Command } from '../commands';
import type { Access } from './access';
import { ROLE_REFUSALS } from './roleRefusals';
import type { MessageKey } from '../../i18n/text';

/** Who may use each typed command, and what a viewer is told when it needs a purchaser. */
export const COMMAND_ACCESS: { readonly [K in Command['kind']]: { access: Access; viewerRefusal?: MessageKey } } = {
  buy: { access: 'purchaser', viewerRefusal: ROLE_REFUSALS.viewerBuying },
  audit: { access: 'purchaser', viewerRefusal: ROLE_REFUSALS.auditNeedsPurchaser },
  help: { access: 'anyone' },
  hello: { access: 'anyone' },
  customers: { access: 'viewer' },
  orders: { access: 'viewer' },
  order: { access: 'viewer' },
  more: { access: 'viewer' },
  balance: { access: 'viewer' },
  invoices: { access: 'viewer' },
  invoice: { access: 'viewer' },
  statement: { access: 'viewer' },
  entitlements: { access: 'viewer' },
  register: { access: 'viewer' },
  cancel: { access: 'viewer' },
  signIn: { access: 'viewer' },
  signOut: { access: 'viewer' },
  unknown: { access: 'viewer' },
};
