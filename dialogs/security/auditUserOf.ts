import type { TurnContext } from 'botbuilder';
import type { AuditEntry } from '../../services/audit/AuditEntry';

/** Who sent this turn, as the audit trail records it: Entra object id, display name and Teams tenant. */
export function auditUserOf(context: TurnContext): AuditEntry['user'] {
  const activity = context.activity;
  const tenantId = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return { objectId: activity.from?.aadObjectId, name: activity.from?.name, tenantId };
}
