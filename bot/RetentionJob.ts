import type { PrefixPurge } from '../services/storage/PrefixPurge';
import type { PurgeRule, RetentionRules } from '../services/storage/retentionRules';
import type { Logger } from './logger';

/** Keys one rule may remove in one run: a backlog (a first run over years of records) is worked off over a few runs. */
const DEFAULT_MAX_PER_RULE_PER_RUN = 10_000;

/** Parts of {@link RetentionJob}; `now` is injectable so tests can move time on by days. */
export interface RetentionJobOptions {
  storage: PrefixPurge;
  rules: RetentionRules;
  logger: Logger;
  now?: () => number;
  maxPerRulePerRun?: number;
}

/** What one run removed, per purge rule name, and the rules that failed. */
export interface RetentionRunReport {
  removed: Record<string, number>;
  failed: string[];
}

/**
 * Removes expired state records (per {@link RetentionRules}: inbound dedupe claims after a day, checkout ledger
 * records after the configured days, never the audit trail or indexes) at start and then on an interval. A run is
 * bounded per rule, never overlaps the previous one, logs what it removed, and never throws: a failing rule is logged
 * and retried at the next run.
 */
export class RetentionJob {
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<RetentionRunReport> | undefined;
  private closed = false;

  constructor(private readonly options: RetentionJobOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Runs once now (without waiting for it) and then every `intervalMs`, on timers that never keep the process up. */
  start(intervalMs: number): void {
    if (this.timer) clearInterval(this.timer);
    // A run logs its own failures and never rejects; the catch keeps even a broken logger from ending the process.
    const run = (): void => void this.runOnce().catch(() => undefined);
    run();
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
  }

  /** One pass over every purge rule; joins the pass already running instead of starting a second one. */
  runOnce(): Promise<RetentionRunReport> {
    this.running ??= this.purgeAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Stops the schedule; a run in progress ends after its current rule. */
  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
  }

  private async purgeAll(): Promise<RetentionRunReport> {
    const { logger, rules } = this.options;
    const started = Date.now();
    const report: RetentionRunReport = { removed: {}, failed: [] };
    const purges = rules.filter((rule): rule is PurgeRule => rule.kind === 'purge');
    for (const rule of purges) {
      if (this.closed) break;
      try {
        report.removed[rule.name] = await this.purge(rule);
      } catch (error) {
        report.failed.push(rule.name);
        logger.warn('retention purge failed; retried at the next run', {
          rule: rule.name,
          prefix: rule.prefix,
          error: error instanceof Error ? error.message.slice(0, 300) : 'unknown',
        });
      }
    }
    logger.info('retention purge finished', {
      removed: report.removed,
      ...(report.failed.length > 0 ? { failed: report.failed } : {}),
      durationMs: Date.now() - started,
    });
    return report;
  }

  private purge(rule: PurgeRule): Promise<number> {
    const cutoff = new Date(this.now() - rule.maxAgeMs);
    const limit = this.options.maxPerRulePerRun ?? DEFAULT_MAX_PER_RULE_PER_RUN;
    return this.options.storage.purgeOlderThan(rule.prefix, cutoff, limit);
  }
}
