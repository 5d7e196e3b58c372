import { assertPurgePrefix } from './PrefixPurge';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Keys of one kind (a key prefix ending in `/`) that the purge job removes once nobody has written them for a while. */
export interface PurgeRule {
  kind: 'purge';
  /** The kind in words, for log lines: "inbound dedupe". */
  name: string;
  prefix: string;
  /** How long after its last write a key is removed. */
  maxAgeMs: number;
}

/**
 * Keys the purge job must never touch, and why. A purge rule whose prefix overlaps one of these is refused when the
 * rules are built, so widening a prefix can never sweep an index or the audit trail away by accident.
 */
export interface KeepRule {
  kind: 'keep';
  name: string;
  /** A key prefix, or one exact key (such as an index). */
  prefix: string;
  why: string;
}

/** One entry of the retention policy. */
export type RetentionRule = PurgeRule | KeepRule;

/** The whole retention policy of the state storage, validated by {@link checkedRetentionRules}. */
export type RetentionRules = readonly RetentionRule[];

/** What operators can set about retention. */
export interface RetentionSettings {
  /** Days a checkout ledger record is kept after its last change; 0 keeps ledger records for ever. */
  ledgerRetentionDays: number;
}

/**
 * Checks a policy and returns it: every purge prefix ends in `/`, no prefix is listed twice, and no purge prefix and
 * keep prefix overlap (one starting with the other). Throws a TypeError naming the clash.
 */
export function checkedRetentionRules(rules: RetentionRules): RetentionRules {
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.prefix)) throw new TypeError(`Retention: "${rule.prefix}" is listed twice.`);
    seen.add(rule.prefix);
    if (rule.kind === 'purge') {
      assertPurgePrefix(rule.prefix);
      if (!(rule.maxAgeMs > 0)) throw new TypeError(`Retention: "${rule.prefix}" needs a positive age.`);
    }
  }
  const purges = rules.filter((rule): rule is PurgeRule => rule.kind === 'purge');
  for (const keep of rules.filter((rule): rule is KeepRule => rule.kind === 'keep')) {
    const clash = purges.find((p) => keep.prefix.startsWith(p.prefix) || p.prefix.startsWith(keep.prefix));
    if (clash) {
      throw new TypeError(`Retention: purging "${clash.prefix}" would remove "${keep.prefix}" (${keep.name}).`);
    }
  }
  return rules;
}

/**
 * The bot's retention policy, in one place: what the purge job removes and after how long, and what it must keep.
 * Conversation and user state (`<channel>/conversations/…`, `<channel>/users/…`) are not listed: their size is
 * bounded per conversation and person, and the card actions inside them expire on their own (CardActionRegistry).
 * A new kind of record adds its line here.
 */
export function retentionRules(settings: RetentionSettings): RetentionRules {
  const ledgerMs = settings.ledgerRetentionDays * DAY_MS;
  const ledger: RetentionRule[] =
    settings.ledgerRetentionDays > 0
      ? [
          { kind: 'purge', name: 'checkout ledger', prefix: 'checkout-ledger/carts/', maxAgeMs: ledgerMs },
          { kind: 'purge', name: 'checkout ledger cart ids', prefix: 'checkout-ledger/cart-ids/', maxAgeMs: ledgerMs },
          // Order id → checkout, for `order <id>`; an entry is as old as its order, and goes with the ledger.
          { kind: 'purge', name: 'checkout ledger order ids', prefix: 'checkout-ledger/orders/', maxAgeMs: ledgerMs },
          // Per customer, pruned to two weeks on every write; a customer nobody bought for goes with the ledger.
          { kind: 'purge', name: 'duplicate guard', prefix: 'checkout-ledger/recent/', maxAgeMs: ledgerMs },
        ]
      : [];
  return checkedRetentionRules([
    // Teams redelivers within minutes; a day covers every redelivery and a restart.
    { kind: 'purge', name: 'inbound dedupe', prefix: 'inbound/', maxAgeMs: DAY_MS },
    // Each health probe rewrites its own key; only a process that died mid-probe leaves one behind.
    { kind: 'purge', name: 'health probe', prefix: 'health/', maxAgeMs: DAY_MS },
    // One per conversation, released (not deleted) after each turn; a lock is never needed for more than minutes.
    { kind: 'purge', name: 'conversation locks', prefix: 'locks/conversations/', maxAgeMs: DAY_MS },
    // A live instance beats every few seconds: a month without a beat is an instance that is gone for good.
    { kind: 'purge', name: 'instance presence', prefix: 'presence/runs/', maxAgeMs: 30 * DAY_MS },
    ...ledger,
    {
      kind: 'keep',
      name: 'open checkouts index',
      prefix: 'checkout-ledger/open',
      why: 'lists the checkouts recovery must still finish',
    },
    { kind: 'keep', name: 'audit trail', prefix: 'audit-trail/', why: 'the append-only record of every purchase' },
    { kind: 'keep', name: 'instance list', prefix: 'presence/list', why: 'where sweeps find other instances' },
  ]);
}
