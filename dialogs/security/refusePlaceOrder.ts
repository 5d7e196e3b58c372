import type { TurnContext } from 'botbuilder';
import type { AuditEntry } from '../../services/audit/AuditEntry';
import type { AuditTrail } from '../../services/audit/AuditTrail';
import { auditUserOf } from './auditUserOf';
import { ROLE_REFUSALS } from './roleRefusals';

/** What is known about the order someone without the purchaser role tried to place. */
export interface RefusedOrder {
  cartId: string;
  customer?: { id: string; companyName: string };
  correlationId?: string;
  item?: AuditEntry['item'];
}

/** Tells the person "Place order" needs the purchaser role and records the refused attempt in the audit trail. */
export async function refusePlaceOrder(context: TurnContext, audit: AuditTrail, order: RefusedOrder): Promise<void> {
  await context.sendActivity(ROLE_REFUSALS.viewerPlacingOrder);
  await audit.append({
    result: 'role-refused',
    user: auditUserOf(context),
    ...order,
    detail: 'not a purchaser',
  });
}
