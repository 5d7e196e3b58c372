import { randomUUID } from 'node:crypto';
import type { AtomicCreateStorage } from '../services/storage/AtomicCreateStorage';
import { probeStateStorage, type StorageProbeResult } from '../services/storage/probeStateStorage';
import type { Logger } from './logger';

/** What `/healthz` answers: healthy, or unavailable with a few words safe to show anyone. */
export type HealthReport = { ok: true } | { ok: false; reason: string };

/** Parts of {@link StorageHealth}. */
export interface StorageHealthOptions {
  storage: AtomicCreateStorage & { checkFiles?(): void };
  logger: Logger;
  /** Longest a probe may take before the storage counts as unavailable. */
  timeoutMs: number;
}

/**
 * The bot's health as far as its state storage goes, for `/healthz`: each check really writes, reads and deletes a
 * key of this process (`health/<random>`). Checks asked for while one runs share its answer, so a flood of probes
 * costs the storage one probe at a time. What is wrong is logged once when the state changes (and once when it is
 * fixed), not on every probe.
 */
export class StorageHealth {
  private readonly key = `health/${randomUUID()}`;
  private running: Promise<HealthReport> | undefined;
  /** The reason last reported, undefined while healthy. */
  private lastReason: string | undefined;

  constructor(private readonly options: StorageHealthOptions) {}

  /** Probes the storage (or joins the probe already running); never rejects. */
  check(): Promise<HealthReport> {
    this.running ??= probeStateStorage(this.options.storage, { key: this.key, timeoutMs: this.options.timeoutMs })
      .then((result) => this.record(result))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private record(result: StorageProbeResult): HealthReport {
    const { logger } = this.options;
    if (result.ok) {
      if (this.lastReason !== undefined) {
        logger.info('state storage healthy again', { previously: this.lastReason });
        this.lastReason = undefined;
      }
      return { ok: true };
    }
    if (result.reason !== this.lastReason) {
      logger.error('state storage unhealthy: turns will fail until this is fixed', {
        reason: result.reason,
        error: result.detail,
      });
      this.lastReason = result.reason;
    }
    return { ok: false, reason: result.reason };
  }
}
