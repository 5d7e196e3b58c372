import { hostname } from 'node:os';
import type { Logger } from '../logger';

/** A job that may need running, as its kind's store lists it. */
export interface OpenJob {
  id: string;
  /** Who works on it and until when; another live owner's lease keeps everyone else away. */
  lease?: { owner: string; until: number };
  /** When its next step is due (epoch ms); now when absent. */
  dueAt?: number;
  /** Waiting for something outside the runner (a person signing in): only `runNow` starts it again. */
  waiting?: boolean;
}

/** What one step of a job leads to. */
export type StepOutcome =
  | { next: 'done' }
  /** Nothing to do until something outside happens and `runNow` is called. */
  | { next: 'waiting' }
  /** Run the next step at this time (epoch ms), keeping the lease until then. */
  | { next: 'later'; atMs: number };

/**
 * One kind of background work: checkouts, registration follow-ups, order tracking. The kind keeps its jobs durably in
 * the state storage and knows how to lease one and run a step of it; the runner decides when and where steps run.
 */
export interface JobKind {
  readonly name: string;
  /** Jobs not finished (the runner filters out those leased by another live owner and those waiting). */
  open(): Promise<OpenJob[]>;
  /** Takes or renews the lease on a job for `owner`; false when another live owner holds it, or the job is gone. */
  lease(id: string, owner: string, durationMs: number): Promise<boolean>;
  /** Runs one step of the job (holding the lease); throws on a passing failure, after which it is tried again later. */
  step(id: string): Promise<StepOutcome>;
}

/** Settings of {@link LeasedJobRunner}. */
export interface LeasedJobRunnerOptions {
  logger: Logger;
  /**
   * This bot instance as lease owner: stable across restarts of the same instance (default: the host name), so a
   * restarted instance takes its own jobs back at once while another instance's running ones are left alone.
   */
  instanceId?: string;
  /** How long a lease lasts; renewed every third of it for every job this runner is running or has scheduled. */
  leaseMs?: number;
  /** After a step that threw (storage trouble, a failed delivery), how long until the job is tried again. */
  retryDelayMs?: number;
  now?: () => number;
}

interface Held {
  kind: JobKind;
  id: string;
  running?: Promise<void>;
  timer?: NodeJS.Timeout;
}

/**
 * The one background-job runner of the bot. Every job is leased to one instance at a time; a live owner renews the
 * leases of the jobs it runs or has scheduled, so it keeps them however long a step takes; `sweep()` (at start, then
 * periodically) picks up jobs that are due and that nobody live holds — a previous run's, or a dead instance's. Steps
 * that throw are retried after a delay; what a job does, and when it is finished, is its kind's business.
 */
export class LeasedJobRunner {
  private readonly kinds = new Map<string, JobKind>();
  private readonly held = new Map<string, Held>();
  private readonly instanceId: string;
  private readonly leaseMs: number;
  private readonly retryDelayMs: number;
  private readonly now: () => number;
  private heartbeat: NodeJS.Timeout | undefined;
  private stopSweeping: (() => void) | undefined;
  private closed = false;

  constructor(private readonly options: LeasedJobRunnerOptions) {
    this.instanceId = options.instanceId ?? hostname();
    this.leaseMs = options.leaseMs ?? 45_000;
    this.retryDelayMs = options.retryDelayMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /** The owner name this runner leases jobs under. */
  get owner(): string {
    return this.instanceId;
  }

  /** Adds a kind of job; its open jobs are picked up by the next sweep. */
  register(kind: JobKind): void {
    this.kinds.set(kind.name, kind);
  }

  /** Runs a job's next step now (it was just created, or what it waited for happened); no-op if it is running here. */
  runNow(kindName: string, id: string): void {
    void this.run(this.kindNamed(kindName), id);
  }

  /** Runs a job's next step at `atMs` (epoch ms), holding its lease until then. */
  runAt(kindName: string, id: string, atMs: number): void {
    this.schedule(this.kindNamed(kindName), id, atMs);
  }

  /**
   * Starts or schedules every open job (of one kind, or all) this instance should run: due, not waiting, and not held
   * by another live owner. Returns how many were started or scheduled.
   */
  async sweep(kindName?: string): Promise<number> {
    let count = 0;
    for (const kind of this.kinds.values()) {
      if (kindName !== undefined && kind.name !== kindName) continue;
      for (const job of await kind.open()) {
        if (this.closed || job.waiting || this.held.has(keyOf(kind, job.id))) continue;
        const leasedElsewhere = job.lease && job.lease.owner !== this.instanceId && job.lease.until > this.now();
        if (leasedElsewhere) continue;
        const due = job.dueAt ?? 0;
        if (due > this.now()) {
          this.schedule(kind, job.id, due);
          count += 1;
        } else if (await this.run(kind, job.id)) {
          count += 1;
        }
      }
    }
    return count;
  }

  /** Sweeps every `intervalMs` and keeps the leases of held jobs renewed; returns the first sweep's count. */
  async start(intervalMs: number): Promise<number> {
    const first = await this.sweep();
    this.startHeartbeat();
    let timer: NodeJS.Timeout | undefined;
    const next = (): void => {
      if (this.closed) return;
      timer = setTimeout(() => {
        this.sweep()
          .catch((error: unknown) => this.warn('background job sweep failed', undefined, error))
          .finally(next);
      }, intervalMs);
      timer.unref();
    };
    next();
    this.stopSweeping = () => clearTimeout(timer);
    return first;
  }

  /** Waits until no step is running here (tests, shutdown); scheduled steps are not waited for. */
  async drain(): Promise<void> {
    for (;;) {
      const running = [...this.held.values()].map((h) => h.running).filter((r): r is Promise<void> => r !== undefined);
      if (running.length === 0) return;
      await Promise.allSettled(running);
    }
  }

  /** Stops sweeping, scheduling and renewing; running steps finish, their leases lapse for the next run to take. */
  close(): void {
    this.closed = true;
    this.stopSweeping?.();
    for (const held of this.held.values()) if (held.timer) clearTimeout(held.timer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  private kindNamed(name: string): JobKind {
    const kind = this.kinds.get(name);
    if (!kind) throw new Error(`LeasedJobRunner: no job kind ${name}.`);
    return kind;
  }

  /** Starts a step; resolves once the lease was taken (true) or refused (false), while the step goes on. */
  private run(kind: JobKind, id: string): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    const key = keyOf(kind, id);
    const existing = this.held.get(key);
    if (existing?.running) return Promise.resolve(false);
    if (existing?.timer) clearTimeout(existing.timer);
    const held: Held = { kind, id };
    this.held.set(key, held);
    this.startHeartbeat();
    let leased: (taken: boolean) => void = () => undefined;
    const leaseTaken = new Promise<boolean>((resolve) => (leased = resolve));
    held.running = this.step(kind, id, leased)
      .then((outcome) => {
        if (this.held.get(key) !== held) return;
        held.running = undefined;
        if (outcome?.next === 'later') this.schedule(kind, id, outcome.atMs);
        else this.held.delete(key);
      })
      .catch((error: unknown) => {
        this.options.logger.error('background job step failed', {
          kind: kind.name,
          id,
          error: error instanceof Error ? error.message : 'unknown',
        });
        if (this.held.get(key) !== held) return;
        held.running = undefined;
        this.schedule(kind, id, this.now() + this.retryDelayMs);
      })
      .finally(() => leased(false));
    return leaseTaken;
  }

  /** One step under the lease; undefined when another live owner holds the job (it is left alone). */
  private async step(kind: JobKind, id: string, leased: (taken: boolean) => void): Promise<StepOutcome | undefined> {
    const taken = await kind.lease(id, this.instanceId, this.leaseMs);
    leased(taken);
    if (!taken) return undefined;
    return kind.step(id);
  }

  private schedule(kind: JobKind, id: string, atMs: number): void {
    if (this.closed) return;
    const key = keyOf(kind, id);
    const held: Held = this.held.get(key) ?? { kind, id };
    if (held.timer) clearTimeout(held.timer);
    held.timer = setTimeout(
      () => {
        held.timer = undefined;
        void this.run(kind, id);
      },
      Math.max(0, atMs - this.now()),
    );
    held.timer.unref();
    this.held.set(key, held);
    this.startHeartbeat();
  }

  /** Renews, every third of a lease, the lease of each job running or scheduled here: a live owner never loses one. */
  private startHeartbeat(): void {
    if (this.heartbeat || this.closed) return;
    this.heartbeat = setInterval(
      () => {
        for (const [key, held] of this.held) {
          held.kind
            .lease(held.id, this.instanceId, this.leaseMs)
            .then((leased) => {
              if (leased || this.held.get(key) !== held) return;
              // Another instance took it (this one was stalled past its lease): stop scheduling it here.
              this.options.logger.warn('background job lease lost to another instance', { kind: held.kind.name });
              if (held.timer) clearTimeout(held.timer);
              if (!held.running) this.held.delete(key);
            })
            .catch((error: unknown) => this.warn('background job lease not renewed', held.kind.name, error));
        }
      },
      Math.max(50, Math.floor(this.leaseMs / 3)),
    );
    this.heartbeat.unref();
  }

  private warn(message: string, kind: string | undefined, error: unknown): void {
    this.options.logger.warn(message, {
      ...(kind ? { kind } : {}),
      error: error instanceof Error ? error.message : 'unknown',
    });
  }
}

function keyOf(kind: JobKind, id: string): string {
  return `${kind.name}\u0000${id}`;
}
