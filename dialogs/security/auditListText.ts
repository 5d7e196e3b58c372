import { safeForMarkdown, type UntrustedKind } from '../../cards/untrustedText';
import type { AuditEntry, AuditResult } from '../../services/audit/AuditEntry';

const RESULT_WORDS: Record<AuditResult, string> = {
  claimed: 'checkout started',
  done: 'order placed',
  partial: 'order PARTLY placed: Partner Center refused part of it',
  failed: 'order failed',
  unconfirmed: 'NOT CONFIRMED by Partner Center: check before ordering again',
  'duplicate-refused': 'repeat click refused',
  'role-refused': 'refused: not a purchaser',
  'ledger-mismatch': 'earlier record with the same cart id ignored',
  'mfa-refused': 'refused by Partner Center: sign-in without multi-factor authentication',
};

/**
 * Keeps stored text (Partner Center names, Teams names, ids) from breaking the list: one line, bounded, and shown
 * exactly as written (`Standard_D2s_v5` stays whole) with no markdown or link of its own.
 */
function plain(text: string | undefined, kind: UntrustedKind = 'id'): string {
  return safeForMarkdown(text, kind);
}

function lineOf(entry: AuditEntry, index: number): string {
  const when = `${entry.at.slice(0, 10)} ${entry.at.slice(11, 19)} UTC`;
  const who = plain(entry.user.name, 'name') || 'unknown user';
  const parts = [
    `${index + 1}. ${when} — **${RESULT_WORDS[entry.result]}** — ${who} (${plain(entry.user.objectId) || 'no object id'})`,
  ];
  if (entry.customer) parts.push(plain(entry.customer.companyName, 'name'));
  if (entry.item) {
    parts.push(
      `${plain(entry.item.title, 'name') || `${plain(entry.item.productId)}/${plain(entry.item.skuId)}`} × ${entry.item.quantity}`,
    );
  }
  for (const attestation of entry.attestationsAccepted ?? []) {
    parts.push(`accepted attestation: “${plain(attestation.text, 'sentence')}”`);
  }
  if (entry.orderIds && entry.orderIds.length > 0) {
    parts.push(`orders ${entry.orderIds.map((id) => plain(id)).join(', ')}`);
  }
  if (entry.detail) parts.push(plain(entry.detail, 'sentence'));
  const ids = [
    entry.cartId ? `cart ${plain(entry.cartId)}` : '',
    entry.requestId ? `MS-RequestId ${plain(entry.requestId)}` : '',
    entry.correlationId ? `correlation ${plain(entry.correlationId)}` : '',
    entry.user.tenantId ? `tenant ${plain(entry.user.tenantId)}` : '',
  ].filter(Boolean);
  return `${parts.join(' — ')}${ids.length > 0 ? `\n   ${ids.join(' · ')}` : ''}`;
}

/** The audit entries as a markdown list, newest first, for the `audit [n]` command. */
export function auditListText(entries: readonly AuditEntry[]): string {
  if (entries.length === 0) return 'The audit trail has no purchase attempts yet.';
  const title =
    entries.length === 1
      ? 'The latest purchase attempt:'
      : `The latest ${entries.length} purchase attempts, newest first:`;
  return [title, '', ...entries.map(lineOf)].join('\n');
}
