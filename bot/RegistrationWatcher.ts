import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { renderRegistrationCard } from '../cards/renderRegistrationCard';
import { safeForMarkdown } from '../cards/untrustedText';
import { callUserOf } from '../dialogs/callContext';
import { replaceCard } from '../dialogs/CartCheckoutDialog';
import type { RegistrationFollowUp } from '../dialogs/lookups/deliveryPorts';
import type { LookupService, RegistrationView } from '../services/lookups/types';
import { isMfaRefusal } from '../services/partnerCenter/isMfaRefusal';
import { MFA_REQUIRED_SENTENCE } from '../services/purchase/partnerCenterCodeSentences';
import type { CustomerDetails } from '../services/purchase/types';
import type { RegistrationWatchRecord, RegistrationWatchStore } from '../services/registrations/RegistrationWatchStore';
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
  /**
   * Where watches are kept so that a restarted instance, or another one sharing the storage, carries them on. Without
   * it watches live in this process only.
   */
  storage?: RegistrationWatchStore;
  /**
   * This bot instance, as the owner of the watches it polls: stable across restarts of the same instance (default:
   * the host name), so a restarted instance takes its own watches back at once.
   */
  instanceId?: string;
}

/** A followed card as this process holds it. */
interface Watch extends Omit<RegistrationWatchRecord, 'reference' | 'owner' | 'heartbeatAt'> {
  reference: Partial<ConversationReference>;
  /** Whether the watch is in the storage; one that could not be saved is followed here only. */
  durable: boolean;
  timer?: NodeJS.Timeout;
}

/** Heartbeats an owner may miss before another instance takes its watches over. */
const MISSED_HEARTBEATS = 3;

/**
 * Follows Azure subscription registrations after the turn that started them has ended: polls Partner Center and
 * updates the registration card in place (proactively) each time the status moves, until it is Registered, the watch
 * times out, or Partner Center refuses the person's sign-in for lack of MFA (they are told, once). Watches are kept in the state storage with the instance polling them and its heartbeat: `resume()` after
 * a restart takes back this instance's watches and those of an instance that stopped beating, and a watch another
 * live instance has claimed is dropped here, so one instance at a time polls each.
 */
export class RegistrationWatcher implements RegistrationFollowUp {
  private readonly watches = new Map<string, Watch>();
  private readonly instanceId: string;
  private closed = false;
  private sweep?: NodeJS.Timeout;

  constructor(private readonly options: RegistrationWatcherOptions) {
    this.instanceId = options.instanceId ?? hostname();
  }

  private get staleAfterMs(): number {
    return MISSED_HEARTBEATS * this.options.pollSeconds * 1000;
  }

  async follow(
    context: TurnContext,
    card: { activityId: string; customer: CustomerDetails; registration: RegistrationView },
  ): Promise<void> {
    const key = `${card.customer.id}/${card.registration.subscriptionId}/${card.activityId}`;
    this.stopHere(key);
    if (!serviceUrlAllowed(context.activity.serviceUrl, this.options.allowedServiceUrlHosts)) {
      // Its card could never be updated, so polling Partner Center for it would be wasted.
      this.options.logger.warn('registration not followed: serviceUrl host not allowed', {
        activityId: context.activity.id ?? null,
      });
      return;
    }
    const watch: Watch = {
      ...card,
      reference: TurnContext.getConversationReference(context.activity),
      user: callUserOf(context),
      locale: context.activity.locale || 'en-US',
      timeZone: context.activity.localTimezone || undefined,
      deadline: Date.now() + this.options.maxMinutes * 60_000,
      durable: false,
    };
    this.watches.set(key, watch);
    watch.durable = await this.persist(key, watch);
    if (!this.isCurrent(key, watch)) return;
    if (this.closed) {
      // Shutting down: the saved watch is for the next start to resume.
      this.watches.delete(key);
      return;
    }
    this.schedule(key, watch);
  }

  /**
   * Takes over the stored watches this instance should poll — its own from before a restart, and those whose owner
   * has missed its heartbeats — and deletes the expired ones; returns how many it now follows.
   */
  /** Repeats `resume()` every `intervalMs`, so the watches of an instance that died are taken over while this one runs. */
  sweepEvery(intervalMs: number): void {
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = setInterval(() => {
      this.resume().catch((error: unknown) =>
        this.options.logger.warn('registration watch sweep failed', {
          error: error instanceof Error ? error.message : 'unknown',
        }),
      );
    }, intervalMs);
    this.sweep.unref();
  }

  async resume(): Promise<number> {
    const store = this.options.storage;
    if (!store || this.closed) return 0;
    let resumed = 0;
    for (const { key, record } of await store.list()) {
      try {
        if (await this.resumeOne(store, key, record)) resumed += 1;
      } catch (error) {
        // One watch the storage would not let go of must not keep the others (or the bot) from starting.
        this.options.logger.warn('registration watch not resumed', {
          activityId: record.activityId,
          error: error instanceof Error ? error.message : 'unknown',
        });
      }
    }
    return resumed;
  }

  private async resumeOne(
    store: RegistrationWatchStore,
    key: string,
    record: RegistrationWatchRecord,
  ): Promise<boolean> {
    const now = Date.now();
    if (record.deadline <= now) {
      await store.remove(key);
      return false;
    }
    if (this.watches.has(key)) return false;
    if (record.owner !== this.instanceId && now - record.heartbeatAt < this.staleAfterMs) return false;
    // The claim, not the check above, decides: another instance may be resuming the same watch right now.
    const claim = await store.touch(key, this.instanceId, this.staleAfterMs);
    if (claim.outcome !== 'claimed' || this.closed || this.watches.has(key)) return false;
    const { owner: _owner, heartbeatAt: _heartbeatAt, ...rest } = claim.record;
    const watch: Watch = { ...rest, durable: true };
    this.watches.set(key, watch);
    this.schedule(key, watch);
    return true;
  }

  private schedule(key: string, watch: Watch): void {
    watch.timer = setTimeout(() => void this.poll(key, watch), this.options.pollSeconds * 1000);
    watch.timer.unref();
  }

  private isCurrent(key: string, watch: Watch): boolean {
    return this.watches.get(key) === watch;
  }

  private async poll(key: string, watch: Watch): Promise<void> {
    if (!this.isCurrent(key, watch)) return;
    try {
      if (!(await this.heartbeat(key, watch))) {
        this.stopHere(key);
        return;
      }
      if (!this.isCurrent(key, watch)) return;
      const now = await this.options.lookups.getRegistration(
        { correlationId: randomUUID(), user: watch.user },
        watch.customer.id,
        watch.registration.subscriptionId,
      );
      if (!this.isCurrent(key, watch)) return;
      if (now.status !== watch.registration.status) {
        // The new status is kept only once the card shows it, so a failed update is tried again on the next poll.
        await this.updateCard(watch, now);
        watch.registration = now;
        if (now.status !== 'registered' && !(await this.heartbeat(key, watch, now))) {
          this.stopHere(key);
          return;
        }
      }
      if (now.status === 'registered') {
        await this.finish(key);
        return;
      }
    } catch (error) {
      if (isMfaRefusal(error)) {
        // Every further poll would be refused (and audited) the same way until the person signs in again with MFA.
        await this.stopForMfa(key, watch);
        return;
      }
      this.options.logger.warn('registration poll failed', {
        error: error instanceof Error ? error.message : 'unknown',
      });
    }
    if (!this.isCurrent(key, watch)) return;
    if (Date.now() >= watch.deadline) {
      await this.finish(key);
      return;
    }
    this.schedule(key, watch);
  }

  /**
   * Renews this instance's claim on the watch (saving a new status with it); false when the watch has ended or
   * another live instance polls it now. A storage failure keeps the watch going here rather than losing it.
   */
  private async heartbeat(key: string, watch: Watch, registration?: RegistrationView): Promise<boolean> {
    const store = this.options.storage;
    if (!store || !watch.durable) return true;
    try {
      const claim = await store.touch(key, this.instanceId, this.staleAfterMs, registration ? { registration } : {});
      if (claim.outcome === 'claimed') return true;
      this.options.logger.info(
        claim.outcome === 'held' ? 'registration watch taken over by another instance' : 'registration watch ended',
        { activityId: watch.activityId },
      );
      return false;
    } catch (error) {
      this.options.logger.warn('registration watch heartbeat failed', {
        error: error instanceof Error ? error.message : 'unknown',
      });
      return true;
    }
  }

  /** Saves a new watch; false (logged) when the storage refused, and the watch is then followed in memory only. */
  private async persist(key: string, watch: Watch): Promise<boolean> {
    const store = this.options.storage;
    if (!store) return false;
    try {
      await store.save(key, {
        reference: { ...watch.reference },
        activityId: watch.activityId,
        customer: watch.customer,
        registration: watch.registration,
        user: watch.user,
        locale: watch.locale,
        ...(watch.timeZone ? { timeZone: watch.timeZone } : {}),
        deadline: watch.deadline,
        owner: this.instanceId,
        heartbeatAt: Date.now(),
      });
      return true;
    } catch (error) {
      this.options.logger.warn('registration watch not saved; it will not survive a restart', {
        error: error instanceof Error ? error.message : 'unknown',
      });
      return false;
    }
  }

  private async updateCard(watch: Watch, registration: RegistrationView): Promise<void> {
    if (!serviceUrlAllowed(watch.reference.serviceUrl, this.options.allowedServiceUrlHosts)) {
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
    await this.options.adapter.continueConversationAsync(this.options.appId, watch.reference, async (context) => {
      await replaceCard(context, watch.activityId, card);
    });
  }

  /** Ends a watch Partner Center refuses for lack of MFA, and tells the person why its card stops moving. */
  private async stopForMfa(key: string, watch: Watch): Promise<void> {
    await this.finish(key);
    if (!serviceUrlAllowed(watch.reference.serviceUrl, this.options.allowedServiceUrlHosts)) return;
    const subscription = safeForMarkdown(watch.registration.subscriptionId, 'id');
    const text = `${MFA_REQUIRED_SENTENCE} I stopped following the registration of subscription ${subscription}; after signing in, type **register ${subscription}** to follow it again.`;
    try {
      await this.options.adapter.continueConversationAsync(this.options.appId, watch.reference, async (context) => {
        await context.sendActivity(text);
      });
    } catch (error) {
      this.options.logger.warn('registration watch stop not told', {
        error: error instanceof Error ? error.message : 'unknown',
      });
    }
  }

  /** Ends a watch for good: Registered, timed out, or refused for lack of MFA. */
  private async finish(key: string): Promise<void> {
    const durable = this.watches.get(key)?.durable ?? false;
    this.stopHere(key);
    if (!durable || !this.options.storage) return;
    try {
      await this.options.storage.remove(key);
    } catch (error) {
      // Left in the storage, it is deleted by the next resume() once its deadline has passed.
      this.options.logger.warn('registration watch not deleted', {
        error: error instanceof Error ? error.message : 'unknown',
      });
    }
  }

  /** Stops polling here; what is stored stays. */
  private stopHere(key: string): void {
    const watch = this.watches.get(key);
    if (watch?.timer) clearTimeout(watch.timer);
    this.watches.delete(key);
  }

  /** Stops every watch in this process (shutdown); the stored ones stay for the next start to resume. */
  close(): void {
    this.closed = true;
    if (this.sweep) clearInterval(this.sweep);
    for (const key of [...this.watches.keys()]) this.stopHere(key);
  }
}
