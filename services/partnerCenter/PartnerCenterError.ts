/** How a Partner Center call failed. */
export type PartnerCenterErrorKind = 'http' | 'timeout' | 'network' | 'throttled' | 'invalid-response';

/** Everything known about a failed Partner Center call. */
export interface PartnerCenterErrorInit {
  operation: string;
  kind: PartnerCenterErrorKind;
  requestId: string;
  correlationId: string;
  attempts: number;
  httpStatus?: number;
  code?: string;
  description?: string;
  retryAfterSeconds?: number;
  details?: string[];
  reason?: string;
}

const MAX_DESCRIPTION_LENGTH = 300;

/**
 * The one error type the Partner Center client throws. It carries the ids a user can quote to support and the
 * Partner Center error code dialogs branch on; its message never includes tokens or raw payloads.
 */
export class PartnerCenterError extends Error {
  readonly operation: string;
  readonly kind: PartnerCenterErrorKind;
  readonly requestId: string;
  readonly correlationId: string;
  readonly attempts: number;
  readonly httpStatus?: number;
  readonly code?: string;
  readonly description?: string;
  readonly retryAfterSeconds?: number;
  readonly details?: string[];

  constructor(init: PartnerCenterErrorInit) {
    super(describe(init));
    this.name = 'PartnerCenterError';
    this.operation = init.operation;
    this.kind = init.kind;
    this.requestId = init.requestId;
    this.correlationId = init.correlationId;
    this.attempts = init.attempts;
    this.httpStatus = init.httpStatus;
    this.code = init.code;
    this.description = init.description;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.details = init.details;
  }
}

function describe(init: PartnerCenterErrorInit): string {
  const parts = [`Partner Center ${init.operation} failed (${init.kind}`];
  if (init.httpStatus !== undefined) parts.push(` HTTP ${init.httpStatus}`);
  if (init.code !== undefined) parts.push(` code ${init.code}`);
  parts.push(')');
  const text = init.description ?? init.reason;
  if (text) parts.push(`: ${oneLine(text)}`);
  if (init.retryAfterSeconds !== undefined) parts.push(`; retry after ${init.retryAfterSeconds}s`);
  parts.push(` [attempts=${init.attempts} requestId=${init.requestId} correlationId=${init.correlationId}]`);
  return parts.join('');
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_DESCRIPTION_LENGTH ? `${flat.slice(0, MAX_DESCRIPTION_LENGTH)}…` : flat;
}
