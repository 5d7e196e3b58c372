import { safeForMarkdown, type UntrustedKind } from '../../cards/untrustedText';
import type { AuditEntry, AuditResult } from '../../services/audit/AuditEntry';
import type { MessageKey, Text } from '../../i18n/text';

const RESULT_WORDS: Record<AuditResult, MessageKey> = {
  claimed: 'audit.claimed',
  done: 'audit.done',
  partial: 'audit.partial',
  failed: 'audit.failed',
  unconfirmed: 'audit.unconfirmed',
  'duplicate-refused': 'audit.duplicateRefused',
  'role-refused': 'audit.roleRefused',
  'ledger-mismatch': 'audit.ledgerMismatch',
  'mfa-refused': 'audit.mfaRefused',
  'approval-requested': 'audit.approvalRequested',
  approved: 'audit.approved',
  'approval-rejected': 'audit.approvalRejected',
  'approval-expired': 'audit.approvalExpired',
  'approval-refused': 'audit.approvalRefused',
  cancelled: 'audit.cancelled',
  'cancel-refused': 'audit.cancelRefused',
  'cancel-reminded': 'audit.cancelReminded',
};

/**
 * Keeps stored text (Partner Center names, Teams names, ids) from breaking the list: one line, bounded, and shown
 * exactly as written (`Standard_D2s_v5` stays whole) with no markdown or link of its own.
 */
function plain(text: string | undefined, kind: UntrustedKind = 'id'): string {
  return safeForMarkdown(text, kind);
}

function lineOf(entry: AuditEntry, index: number, say: Text): string {
  const when = `${entry.at.slice(0, 10)} ${entry.at.slice(11, 19)} UTC`;
  const who = plain(entry.user.name, 'name') || say('audit.unknownUser');
  const parts = [
    `${index + 1}. ${when} — **${say(RESULT_WORDS[entry.result])}** — ${who} (${plain(entry.user.objectId) || say('audit.noObjectId')})`,
  ];
  if (entry.customer) parts.push(plain(entry.customer.companyName, 'name'));
  if (entry.item) {
    parts.push(
      `${plain(entry.item.title, 'name') || `${plain(entry.item.productId)}/${plain(entry.item.skuId)}`} × ${entry.item.quantity}`,
    );
  }
  for (const attestation of entry.attestationsAccepted ?? []) {
    parts.push(say('audit.attestation', { text: plain(attestation.text, 'sentence') }));
  }
  if (entry.orderIds && entry.orderIds.length > 0) {
    parts.push(say('audit.orders', { ids: entry.orderIds.map((id) => plain(id)).join(', ') }));
  }
  if (entry.detail) parts.push(plain(entry.detail, 'sentence'));
  const ids = [
    entry.cartId ? say('audit.cart', { id: plain(entry.cartId) }) : '',
    entry.requestId ? `MS-RequestId ${plain(entry.requestId)}` : '',
    entry.correlationId ? say('audit.correlation', { id: plain(entry.correlationId) }) : '',
    entry.user.tenantId ? say('audit.tenant', { id: plain(entry.user.tenantId) }) : '',
  ].filter(Boolean);
  return `${parts.join(' — ')}${ids.length > 0 ? `\n   ${ids.join(' · ')}` : ''}`;
}

/** The audit entries as a markdown list, newest first, for the `audit [n]` command. */
export function auditListText(entries: readonly AuditEntry[], say: Text): string {
  if (entries.length === 0) return say('audit.empty');
  const title = say('audit.title', { count: entries.length });
  return [title, '', ...entries.map((entry, index) => lineOf(entry, index, say))].join('\n');
}
