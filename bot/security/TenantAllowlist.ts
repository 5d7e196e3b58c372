import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger } from '../logger';

/** Why an activity was dropped; logged so an operator can tell a misconfiguration from a probe. */
type Refusal = 'tenant missing' | 'tenant not allowed' | 'tenant fields disagree';

/**
 * The first middleware on the adapter: drops every activity whose Teams tenant is not on the allowlist, before any
 * state is loaded or reply sent. The tenant comes from `channelData.tenant.id` and `conversation.tenantId`; at least
 * one must be present, both must agree when both are, and it must be listed. An empty list lets every activity through
 * (configuration allows that only in local mode).
 */
export class TenantAllowlist implements Middleware {
  private readonly allowed: ReadonlySet<string>;

  constructor(
    allowedTenantIds: readonly string[],
    private readonly logger: Logger,
  ) {
    this.allowed = new Set(allowedTenantIds.map((id) => id.trim().toLowerCase()));
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (this.allowed.size === 0) {
      await next();
      return;
    }
    const activity = context.activity;
    const fromChannelData = textOrUndefined(
      (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id,
    );
    const fromConversation = textOrUndefined(activity.conversation?.tenantId);
    const refusal = this.refusalFor(fromChannelData, fromConversation);
    if (refusal) {
      this.logger.warn('activity dropped', {
        reason: refusal,
        tenantId: (fromChannelData ?? fromConversation ?? '').slice(0, 64) || null,
        activityId: activity.id ?? null,
      });
      return;
    }
    await next();
  }

  private refusalFor(fromChannelData?: string, fromConversation?: string): Refusal | undefined {
    const tenant = fromChannelData ?? fromConversation;
    if (!tenant) return 'tenant missing';
    if (fromChannelData && fromConversation && fromChannelData !== fromConversation) return 'tenant fields disagree';
    return this.allowed.has(tenant) ? undefined : 'tenant not allowed';
  }
}

function textOrUndefined(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim().toLowerCase();
  return trimmed === '' ? undefined : trimmed;
}
