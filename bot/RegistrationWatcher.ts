import { randomUUID } from 'node:crypto';
import { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { renderRegistrationCard } from '../cards/renderRegistrationCard';
import { callUserOf } from '../dialogs/callContext';
import type { PartnerCenterCallContext } from '../services/partnerCenter/PartnerCenterCallContext';
import { replaceCard } from '../dialogs/CartCheckoutDialog';
import type { RegistrationFollowUp } from '../dialogs/lookups/deliveryPorts';
import type { LookupService, RegistrationView } from '../services/lookups/types';
import type { CustomerDetails } from '../services/purchase/types';
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
}

interface Watch {
  reference: Partial<ConversationReference>;
  activityId: string;
  customer: CustomerDetails;
  registration: RegistrationView;
  user: NonNullable<PartnerCenterCallContext['user']>;
  locale: string;
  timeZone?: string;
  deadline: number;
  timer?: NodeJS.Timeout;
}

/**
 * Follows Azure subscription registrations after the turn that started them has ended: polls Partner Center and
 * updates the registration card in place (proactively) each time the status moves, until it is Registered or the watch
 * times out. Watches live in memory; after a restart, `register` again shows the current status.
 */
export class RegistrationWatcher implements RegistrationFollowUp {
  private readonly watches = new Map<string, Watch>();

  constructor(private readonly options: RegistrationWatcherOptions) {}

  async follow(
    context: TurnContext,
    card: { activityId: string; customer: CustomerDetails; registration: RegistrationView },
  ): Promise<void> {
    const key = `${card.customer.id}/${card.registration.subscriptionId}/${card.activityId}`;
    this.stop(key);
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
    };
    this.watches.set(key, watch);
    this.schedule(key, watch);
  }

  private schedule(key: string, watch: Watch): void {
    watch.timer = setTimeout(() => void this.poll(key, watch), this.options.pollSeconds * 1000);
    watch.timer.unref();
  }

  private async poll(key: string, watch: Watch): Promise<void> {
    if (this.watches.get(key) !== watch) return;
    try {
      const now = await this.options.lookups.getRegistration(
        { correlationId: randomUUID(), user: watch.user },
        watch.customer.id,
        watch.registration.subscriptionId,
      );
      if (now.status !== watch.registration.status) {
        watch.registration = now;
        await this.updateCard(watch);
      }
      if (now.status === 'registered') {
        this.stop(key);
        return;
      }
    } catch (error) {
      this.options.logger.warn('registration poll failed', {
        error: error instanceof Error ? error.message : 'unknown',
      });
    }
    if (Date.now() >= watch.deadline) {
      this.stop(key);
      return;
    }
    this.schedule(key, watch);
  }

  private async updateCard(watch: Watch): Promise<void> {
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
      registration: watch.registration,
      checkedAt: new Date().toISOString(),
      locale: watch.locale,
      timeZone: watch.timeZone,
    });
    await this.options.adapter.continueConversationAsync(this.options.appId, watch.reference, async (context) => {
      await replaceCard(context, watch.activityId, card);
    });
  }

  private stop(key: string): void {
    const watch = this.watches.get(key);
    if (watch?.timer) clearTimeout(watch.timer);
    this.watches.delete(key);
  }

  /** Stops every watch (process shutdown). */
  close(): void {
    for (const key of [...this.watches.keys()]) this.stop(key);
  }
}
