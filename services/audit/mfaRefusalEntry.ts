import type { MfaRefusal } from '../partnerCenter/http/PartnerCenterTransport';
import type { PartnerCenterCallContext } from '../partnerCenter/PartnerCenterCallContext';
import type { NewAuditEntry } from './AuditEntry';

/**
 * The audit entry for a Partner Center call refused because the person's sign-in had no multi-factor authentication:
 * who (the person the call acted for) and what (the operation, its method and path, the ids support asks for).
 */
export function mfaRefusalEntry(ctx: PartnerCenterCallContext, refusal: MfaRefusal): NewAuditEntry {
  const { error } = refusal;
  const code = error.code ? `, code ${error.code}` : '';
  return {
    result: 'mfa-refused',
    user: { objectId: ctx.user?.id, name: ctx.user?.name },
    requestId: error.requestId,
    correlationId: error.correlationId,
    detail: `${error.operation} (${refusal.method} ${refusal.path}) refused with HTTP ${error.httpStatus ?? '?'}${code}: the sign-in had no multi-factor authentication; nothing was done`,
  };
}
