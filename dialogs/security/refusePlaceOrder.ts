import type { TurnContext } from 'botbuilder';
import type { AuditEntry } from '../../services/audit/AuditEntry';
import type { AuditTrail } from '../../services/audit/AuditTrail';
import { auditUserOf } from './auditUserOf';

/** What is known about the order someone without the purchaser role tried to place. */
export interface RefusedOrder {
  cartId: string;
  customer?: { id: string; companyName: string };
  correlationId?: string;
  item?: AuditEntry['item'];
}

/** Records in the audit trail that someone without the purchaser role pressed (or typed) "Place order". */
export async function recordRefusedOrder(context: TurnContext, audit: AuditTrail, order: RefusedOrder): Promise<void> {
  await audit.append({
    result: 'role-refused',
    user: auditUserOf(context),
    ...order,
    detail: 'not a purchaser',
  });
}
