import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudAdapter, TurnContext } from 'botbuilder';
import { AppConfig, loadConfig } from '../../bot/config';
import type { Logger } from '../../bot/logger';
import { RegistrationWatcher } from '../../bot/RegistrationWatcher';
import { createAdapter } from '../../bot/server';
import { startBotApp } from '../../bot/startBotApp';
import type { PartnerCenterCallContext } from '../../services/partnerCenter/PartnerCenterCallContext';
import { PartnerCenterLookupService } from '../../services/lookups/PartnerCenterLookupService';
import type { RegistrationView } from '../../services/lookups/types';
import { RegistrationWatchRecord, RegistrationWatchStore } from '../../services/registrations/RegistrationWatchStore';
import { SqliteStorage } from '../../services/storage/SqliteStorage';
import { TeamsUser } from '../support/teamsUser';
import { inboundActivity, TestChannel } from '../support/testChannel';
import { LookupHarness } from './lookupHarness';

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
/** Fractions of a second keep the tests short; a heartbeat is stale after three of them. */
const POLL_SECONDS = 0.2;
const REGISTERED = 'Registered ✓';

/** The real lookup service, counting the registration polls of the watcher it is given to. */
class CountingLookups extends PartnerCenterLookupService {
  polls = 0;

  override async getRegistration(
    ctx: PartnerCenterCallContext,
    customerId: string,
    subscriptionId: string,
  ): Promise<RegistrationView> {
    this.polls += 1;
    return super.getRegistration(ctx, customerId, subscriptionId);
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Checks `condition` every 50 ms for at most `ms`; true once it holds. */
async function eventually(condition: () => boolean | Promise<boolean>, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    await pause(50);
  }
}

describe('registration follow-ups survive a restart: simulator, SQLite state, Teams test channel', () => {
  let harness: LookupHarness;
  const channel = new TestChannel();
  let config: AppConfig;
  let adapter: CloudAdapter;
  let customer: { id: string; companyName: string; domain: string; country: string; countryName: string };
  let subscriptionId: string;
  let dataDir: string;
  let storages: SqliteStorage[];
  let watchers: RegistrationWatcher[];

  beforeAll(async () => {
    // Registration only moves on when a test pushes the simulated clock.
    harness = await LookupHarness.start({ registrationStepSeconds: 3600 });
    await channel.start();
    config = loadConfig({ PORT: '0', PARTNER_CENTER_BASE_URL: harness.simulator.url, DATA_DIR: tmpdir() });
    adapter = createAdapter(config, [], { logger: silent });
    const fabrikam = await harness.customerNamed('Fabrikam Inc');
    customer = {
      id: fabrikam.id,
      companyName: fabrikam.companyProfile.companyName,
      domain: fabrikam.companyProfile.domain,
      country: 'US',
      countryName: 'United States',
    };
    const listed = await fetch(`${harness.simulator.url}/v1/customers/${customer.id}/subscriptions`, {
      headers: { authorization: 'Bearer local-app' },
    });
    subscriptionId = ((await listed.json()) as { items: { id: string }[] }).items[0].id;
  });

  afterAll(async () => {
    await harness.close();
    await channel.stop();
  });

  beforeEach(async () => {
    const reset = await fetch(`${harness.simulator.url}/_simulator/reset`, { method: 'POST' });
    expect(reset.status).toBe(204);
    dataDir = mkdtempSync(path.join(tmpdir(), 'reg-watch-restart-'));
    storages = [];
    watchers = [];
  });

  afterEach(() => {
    watchers.forEach((w) => w.close());
    storages.forEach((s) => s.close());
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** One bot instance's view of the shared state: its own connection to the SQLite file, as a separate process has. */
  function storeOfInstance(): RegistrationWatchStore {
    const storage = new SqliteStorage({ directory: dataDir });
    storages.push(storage);
    return new RegistrationWatchStore(storage);
  }

  function watcherOf(instanceId: string, store: RegistrationWatchStore, logger: Logger = silent): CountingLookups {
    const lookups = new CountingLookups(harness.appClient);
    watchers.push(
      new RegistrationWatcher({
        adapter,
        appId: '',
        lookups,
        logger,
        pollSeconds: POLL_SECONDS,
        maxMinutes: 5,
        allowedServiceUrlHosts: config.security.allowedServiceUrlHosts,
        storage: store,
        instanceId,
      }),
    );
    return lookups;
  }

  /** Partner Center starts registering Fabrikam's subscription (NotRegistered until the clock moves). */
  async function startRegistration(): Promise<RegistrationView> {
    return harness.appOnly.registerSubscription(harness.appCtx(), customer.id, subscriptionId);
  }

  /** A watch of a card in a test-channel conversation, as some instance stored it. */
  function watchRecord(activityId: string, overrides: Partial<RegistrationWatchRecord>): RegistrationWatchRecord {
    const activity = inboundActivity(channel, { conversationId: `a:${activityId}` });
    return {
      reference: { ...TurnContext.getConversationReference(activity) },
      activityId,
      customer,
      registration: { customerId: customer.id, subscriptionId, status: 'notregistered' },
      user: { id: 'oid-1', name: 'Alex Wilber' },
      locale: 'en-US',
      deadline: Date.now() + 5 * 60_000,
      owner: 'bot-other',
      heartbeatAt: Date.now(),
      ...overrides,
    };
  }

  function registeredUpdates(activityId: string): number {
    return channel.calls.filter(
      (c) => c.method === 'PUT' && c.activityId === activityId && JSON.stringify(c.activity).includes(REGISTERED),
    ).length;
  }

  it('a restarted bot takes its watch back and updates the card to Registered', async () => {
    const env = {
      PORT: '0',
      PARTNER_CENTER_BASE_URL: harness.simulator.url,
      DATA_DIR: dataDir,
      REGISTRATION_POLL_SECONDS: '1',
      BOT_INSTANCE_ID: 'bot-restarting',
    };
    const first = await startBotApp(loadConfig(env), silent, 'restart-test');
    let card: string | undefined;
    try {
      const user = new TeamsUser(first.server.url, channel, 'a:register-restart');
      const replies = await user.say(`register ${subscriptionId} for ${customer.companyName}`);
      card = replies.find((r) => r.attachments?.length)?.id;
      expect(card).toBeDefined();
      const stored = await storeOfInstance().list();
      expect(stored.map((w) => [w.record.activityId, w.record.owner, w.record.registration.status])).toEqual([
        [card, 'bot-restarting', 'notregistered'],
      ]);
    } finally {
      await first.close();
    }

    await harness.advanceClock(7200);
    const infos: { message: string; fields?: Record<string, unknown> }[] = [];
    const logger: Logger = { ...silent, info: (message, fields) => infos.push({ message, fields }) };
    const second = await startBotApp(loadConfig(env), logger, 'restart-test');
    try {
      expect(infos).toContainEqual({
        message: 'resuming registration follow-ups left by a previous run',
        fields: { count: 1 },
      });
      expect(await eventually(() => registeredUpdates(card as string) > 0, 15_000)).toBe(true);
      const store = storeOfInstance();
      expect(await eventually(async () => (await store.list()).length === 0)).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('deletes an expired watch at resume and never polls it', async () => {
    const store = storeOfInstance();
    await store.save('expired', watchRecord('card-expired', { deadline: Date.now() - 1, heartbeatAt: 0 }));
    const lookups = watcherOf('bot-b', storeOfInstance());

    expect(await watchers[0].resume()).toBe(0);
    expect(await store.list()).toEqual([]);
    await pause(POLL_SECONDS * 1000 * 4);
    expect(lookups.polls).toBe(0);
  });

  it("leaves another live instance's watch to it", async () => {
    const store = storeOfInstance();
    await store.save('theirs', watchRecord('card-theirs', { owner: 'bot-other', heartbeatAt: Date.now() }));
    const lookups = watcherOf('bot-b', storeOfInstance());

    expect(await watchers[0].resume()).toBe(0);
    await pause(POLL_SECONDS * 1000 * 4);
    expect(lookups.polls).toBe(0);
    expect((await store.get('theirs'))?.owner).toBe('bot-other');
  });

  it('takes over the watch of an instance that stopped beating and finishes it', async () => {
    await startRegistration();
    const store = storeOfInstance();
    await store.save('orphan', watchRecord('card-orphan', { owner: 'bot-dead', heartbeatAt: Date.now() - 60_000 }));
    const lookups = watcherOf('bot-b', storeOfInstance());

    expect(await watchers[0].resume()).toBe(1);
    expect((await store.get('orphan'))?.owner).toBe('bot-b');
    expect(await eventually(() => lookups.polls > 0)).toBe(true);
    await harness.advanceClock(7200);
    expect(await eventually(() => registeredUpdates('card-orphan') > 0)).toBe(true);
    expect(await eventually(async () => (await store.list()).length === 0)).toBe(true);
  });

  it('while running, the periodic sweep takes over a watch whose owner died after this instance started', async () => {
    await startRegistration();
    const lookups = watcherOf('bot-b', storeOfInstance());
    expect(await watchers[0].resume()).toBe(0);
    watchers[0].sweepEvery(200);
    // Another instance stored the watch, then stopped beating: nobody restarts, the sweep must notice.
    const store = storeOfInstance();
    await store.save('late-orphan', watchRecord('card-late', { owner: 'bot-dead', heartbeatAt: Date.now() - 60_000 }));
    expect(await eventually(async () => (await store.get('late-orphan'))?.owner === 'bot-b')).toBe(true);
    expect(await eventually(() => lookups.polls > 0)).toBe(true);
  });

  it('of two instances resuming at once, exactly one polls the watch and updates the card', async () => {
    await startRegistration();
    await storeOfInstance().save(
      'contested',
      watchRecord('card-contested', { owner: 'bot-dead', heartbeatAt: Date.now() - 60_000 }),
    );
    const one = watcherOf('bot-1', storeOfInstance());
    const two = watcherOf('bot-2', storeOfInstance());

    const resumed = await Promise.all(watchers.map((w) => w.resume()));
    expect(resumed.sort()).toEqual([0, 1]);
    expect(await eventually(() => one.polls + two.polls >= 4)).toBe(true);
    expect(Math.min(one.polls, two.polls)).toBe(0);

    await harness.advanceClock(7200);
    expect(await eventually(() => registeredUpdates('card-contested') > 0)).toBe(true);
    expect(await eventually(async () => (await storeOfInstance().list()).length === 0)).toBe(true);
    await pause(POLL_SECONDS * 1000 * 4);
    expect(Math.min(one.polls, two.polls)).toBe(0);
    expect(registeredUpdates('card-contested')).toBe(1);
  });

  it('stops polling here, and keeps the stored watch, once another live instance owns it', async () => {
    const registration = await startRegistration();
    const infos: string[] = [];
    const store = storeOfInstance();
    const lookups = watcherOf('bot-a', store, { ...silent, info: (message) => infos.push(message) });
    const context = new TurnContext(adapter, inboundActivity(channel, { conversationId: 'a:handover' }));
    await watchers[0].follow(context, { activityId: 'card-handover', customer, registration });
    expect(await eventually(() => lookups.polls > 0)).toBe(true);

    const [followed] = await store.list();
    expect(followed.record.owner).toBe('bot-a');
    await store.save(followed.key, { ...followed.record, owner: 'bot-b', heartbeatAt: Date.now() + 60_000 });
    expect(await eventually(() => infos.includes('registration watch taken over by another instance'))).toBe(true);
    const pollsWhenStopped = lookups.polls;

    await pause(POLL_SECONDS * 1000 * 4);
    expect(lookups.polls).toBe(pollsWhenStopped);
    expect((await store.get(followed.key))?.owner).toBe('bot-b');
  });
});
