import { randomUUID } from 'node:crypto';
import { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { renderRegistrationCard } from '../cards/renderRegistrationCard';
import { safeForMarkdown } from '../cards/untrustedText';
import { callUserOf } from '../dialogs/callContext';
import { replaceCard } from '../dialogs/replaceCard';
import { textFor } from '../i18n/text';
import type { RegistrationFollowUp } from '../dialogs/lookups/deliveryPorts';
import type { LookupService, RegistrationView } from '../services/lookups/types';
import { isMfaRefusal } from '../services/partnerCenter/isMfaRefusal';
import type { CustomerDetails } from '../services/purchase/types';
import type { RegistrationWatchRecord, RegistrationWatchStore } from '../services/registrations/RegistrationWatchStore';
import { type JobKind, LeasedJobRunner, type OpenJob, type StepOutcome } from './jobs/LeasedJobRunner';
import type { Logger } from './logger';
import { serviceUrlAllowed } from './security/serviceUrlAllowed';

/** Settings of {@link RegistrationWatcher}. */
export interface RegistrationWatcherOptions {
  adapter: CloudAdapter;
  /** The bot's Microsoft App id ('' locally), needed to continue a conversation proactively. */
  appId: string;
  lookups: LookupService;
  logger: Logger;
  pollSeconds: number;
  maxMinutes: number;
  /** Hosts a conversation's serviceUrl must match before the card is updated there (`host` or `*.suffix`). */
  allowedServiceUrlHosts: readonly string[];
  /** Where watches are kept, so that a restarted instance, or another one sharing the storage, carries them on. */
  storage: RegistrationWatchStore;
  /**
   * The bot's background-job runner, shared with checkouts and order tracking (the composition root passes and starts
   * it); without it this watcher runs its watches on a runner of its own.
   */
  jobs?: LeasedJobRunner;
  /** This instance as owner of the watches it polls, for a runner of its own (default: the host name). */
  instanceId?: string;
}

/** Heartbeats an owner may miss before another instance takes its watches over (own runner). */
const MISSED_HEARTBEATS = 3;

/**
 * Follows Azure subscription registrations after the turn that started them has ended: polls Partner Center and
 * updates the registration card in place (proactively) each time the status moves, until it is Registered, the watch
 * times out, or Partner Center refuses the person's sign-in for lack of MFA (they are told, once). Each watch is a
 * background job (the `registration` kind of the bot's {@link LeasedJobRunner}): kept in the state storage with the
 * instance polling it, one instance at a time, taken back after a restart and taken over from an instance that died.
 */
export class RegistrationWatcher implements RegistrationFollowUp, JobKind {
  readonly name = 'registration';
  private readonly jobs: LeasedJobRunner;
  private readonly ownsJobs: boolean;
  /** Watches this process has polled or scheduled, to tell a lost one in the log. */
  private readonly following = new Set<string>();

  constructor(private readonly options: RegistrationWatcherOptions) {
    this.ownsJobs = !options.jobs;
    this.jobs =
      options.jobs ??
      new LeasedJobRunner({
        logger: options.logger,
        instanceId: options.instanceId,
        leaseMs: MISSED_HEARTBEATS * options.pollSeconds * 1000,
        retryDelayMs: options.pollSeconds * 1000,
      });
    this.jobs.register(this);
  }

  private get pollMs(): number {
    return this.options.pollSeconds * 1000;
  }

  async follow(
    context: TurnContext,
    card: { activityId: string; customer: CustomerDetails; registration: RegistrationView },
  ): Promise<void> {
    const key = `${card.customer.id}/${card.registration.subscriptionId}/${card.activityId}`;
    if (!serviceUrlAllowed(context.activity.serviceUrl, this.options.allowedServiceUrlHosts)) {
      // Its card could never be updated, so polling Partner Center for it would be wasted.
      this.options.logger.warn('registration not followed: serviceUrl host not allowed', {
        activityId: context.activity.id ?? null,
      });
      return;
    }
    try {
      await this.options.storage.save(key, {
        reference: { ...TurnContext.getConversationReference(context.activity) },
        ...card,
        user: callUserOf(context),
        locale: context.activity.locale || 'en-US',
        ...(context.activity.localTimezone ? { timeZone: context.activity.localTimezone } : {}),
        deadline: Date.now() + this.options.maxMinutes * 60_000,
        owner: this.jobs.owner,
        heartbeatAt: Date.now(),
      });
    } catch (error) {
      this.options.logger.warn('registration watch not saved; its card will not follow the status', {
        error: error instanceof Error ? error.message : 'unknown',
      });
      return;
    }
    this.following.add(key);
    this.jobs.runAt(this.name, key, Date.now() + this.pollMs);
  }

  /**
   * Takes over the stored watches this instance should poll — its own from before a restart, and those whose owner
   * has missed its heartbeats — and deletes the expired ones; returns how many it now follows.
   */
  resume(): Promise<number> {
    return this.jobs.sweep(this.name);
  }

  /** With a runner of its own: repeats `resume()` every `intervalMs` (a shared runner is started by the composition root). */
  sweepEvery(intervalMs: number): void {
    if (this.ownsJobs) void this.jobs.start(intervalMs);
  }

  /** Stops its own runner (a shared one is closed by its owner); the stored watches stay for the next start. */
  close(): void {
    if (this.ownsJobs) this.jobs.close();
  }

  /** Stored watches not expired (expired ones are deleted here), with who polls them and until when. */
  async open(): Promise<OpenJob[]> {
    const jobs: OpenJob[] = [];
    for (const { key, record } of await this.options.storage.list()) {
      if (record.deadline <= Date.now()) {
        await this.options.storage.remove(key).catch(() => undefined);
        continue;
      }
      jobs.push({
        id: key,
        lease: { owner: record.owner, until: record.heartbeatAt + MISSED_HEARTBEATS * this.pollMs },
      });
    }
    return jobs;
  }

  async lease(key: string, owner: string, durationMs: number): Promise<boolean> {
    const claim = await this.options.storage.touch(key, owner, durationMs);
    if (claim.outcome === 'claimed') return true;
    if (this.following.delete(key)) {
      this.options.logger.info(
        claim.outcome === 'held' ? 'registration watch taken over by another instance' : 'registration watch ended',
        { key },
      );
    }
    return false;
  }

  /** One poll: updates the card when the status moved; done once Registered, expired, or refused for lack of MFA. */
  async step(key: string): Promise<StepOutcome> {
    const watch = await this.options.storage.get(key);
    if (!watch) return { next: 'done' };
    this.following.add(key);
    if (watch.deadline <= Date.now()) return this.finish(key);
    let now: RegistrationView;
    try {
      now = await this.options.lookups.getRegistration(
        { correlationId: randomUUID(), user: watch.user },
        watch.customer.id,
        watch.registration.subscriptionId,
      );
    } catch (error) {
      if (isMfaRefusal(error)) {
        // Every further poll would be refused (and audited) the same way until the person signs in again with MFA.
        await this.tellMfaStop(watch);
        return this.finish(key);
      }
      this.options.logger.warn('registration poll failed', {
        error: error instanceof Error ? error.message : 'unknown',
      });
      return { next: 'later', atMs: Date.now() + this.pollMs };
    }
    if (now.status !== watch.registration.status) {
      // The new status is kept only once the card shows it, so a failed update is tried again on the next poll.
      await this.updateCard(watch, now);
      if (now.status !== 'registered') {
        const claim = await this.options.storage.touch(key, this.jobs.owner, MISSED_HEARTBEATS * this.pollMs, {
          registration: now,
        });
        if (claim.outcome !== 'claimed') return { next: 'done' };
      }
    }
    if (now.status === 'registered') return this.finish(key);
    return { next: 'later', atMs: Date.now() + this.pollMs };
  }

  private async updateCard(watch: RegistrationWatchRecord, registration: RegistrationView): Promise<void> {
    const reference = watch.reference as Partial<ConversationReference>;
    if (!serviceUrlAllowed(reference.serviceUrl, this.options.allowedServiceUrlHosts)) {
      this.options.logger.warn('registration card not updated: serviceUrl host not allowed', {});
      return;
    }
    const card = renderRegistrationCard({
      customer: {
        companyName: watch.customer.companyName,
        domain: watch.customer.domain,
        countryName: watch.customer.countryName,
      },
      registration,
      checkedAt: new Date().toISOString(),
      locale: watch.locale,
      timeZone: watch.timeZone,
    });
    await this.options.adapter.continueConversationAsync(this.options.appId, reference, async (context) => {
      await replaceCard(context, watch.activityId, card);
    });
  }

  /** Tells the person why the card stops moving: Partner Center refuses their sign-in for lack of MFA. */
  private async tellMfaStop(watch: RegistrationWatchRecord): Promise<void> {
    const reference = watch.reference as Partial<ConversationReference>;
    if (!serviceUrlAllowed(reference.serviceUrl, this.options.allowedServiceUrlHosts)) return;
    const subscription = safeForMarkdown(watch.registration.subscriptionId, 'id');
    // Said in the language the person used when they asked to register (stored with the watch).
    const say = textFor(watch.locale);
    const text = say('registration.mfaStopped', { mfa: say('code.mfaRequired'), subscription });
    try {
      await this.options.adapter.continueConversationAsync(this.options.appId, reference, async (context) => {
        await context.sendActivity(text);
      });
    } catch (error) {
      this.options.logger.warn('registration watch stop not told', {
        error: error instanceof Error ? error.message : 'unknown',
      });
    }
  }

  /** Ends a watch for good (Registered, timed out, refused): deleted, so no instance polls it again. */
  private async finish(key: string): Promise<StepOutcome> {
    this.following.delete(key);
    try {
      await this.options.storage.remove(key);
    } catch (error) {
      // Left in the storage, it is deleted by the next sweep once its deadline has passed.
      this.options.logger.warn('registration watch not deleted', {
        error: error instanceof Error ? error.message : 'unknown',
      });
    }
    return { next: 'done' };
  }
}
