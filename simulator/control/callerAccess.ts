import { z } from 'zod';
import type { CallerIdentity } from '../http/apiTypes';

/** What `POST /_simulator/access` sets (each call replaces all of it; a reset clears it). */
export const callerAccessSpecSchema = z.strictObject({
  /** App+User callers (the `<name>` of `user:<name>`) whose sign-in had no multi-factor authentication. */
  usersWithoutMfa: z.array(z.string().min(1).max(200)).max(1000).default([]),
  /**
   * Which body an MFA refusal carries: an ApiFault with code 900421, or the bare text "Authentication failed. MFA
   * required." that field reports show.
   */
  mfaRefusalBody: z.enum(['api-fault', 'text']).default('api-fault'),
  /** Callers who may not see prices: App+User names, or `app` for every app-only caller. */
  withoutPricingAccess: z.array(z.string().min(1).max(200)).max(1000).default([]),
});

/** A validated access specification. */
export type CallerAccessSpec = z.infer<typeof callerAccessSpecSchema>;

const NOTHING_WITHHELD: CallerAccessSpec = {
  usersWithoutMfa: [],
  mfaRefusalBody: 'api-fault',
  withoutPricingAccess: [],
};

/**
 * What the simulated Partner Center withholds from whom: which people's sign-ins lack MFA (every App+User call of
 * theirs is refused, as Partner Center does since 2026-04-01) and who may not see order prices. Names compare
 * case-insensitively, as display names do.
 */
export class CallerAccess {
  private spec: CallerAccessSpec = NOTHING_WITHHELD;

  /** Replaces the whole specification. */
  set(spec: CallerAccessSpec): void {
    this.spec = spec;
  }

  /** Back to "every sign-in has MFA, everyone sees prices". */
  clear(): void {
    this.spec = NOTHING_WITHHELD;
  }

  /** Whether this caller is an App+User caller whose sign-in had no MFA (by token or by this specification). */
  lacksMfa(caller: CallerIdentity): boolean {
    if (caller.kind !== 'user') return false;
    return caller.mfa === false || listed(this.spec.usersWithoutMfa, caller.user);
  }

  /** Whether this caller may not see prices. */
  lacksPricingAccess(caller: CallerIdentity): boolean {
    if (caller.kind === 'app') return listed(this.spec.withoutPricingAccess, 'app');
    return caller.kind === 'user' && listed(this.spec.withoutPricingAccess, caller.user);
  }

  /** The body shape of MFA refusals. */
  get mfaRefusalBody(): CallerAccessSpec['mfaRefusalBody'] {
    return this.spec.mfaRefusalBody;
  }
}

function listed(names: readonly string[], name: string | undefined): boolean {
  if (name === undefined) return false;
  const wanted = name.toLowerCase();
  return names.some((candidate) => candidate.toLowerCase() === wanted);
}
