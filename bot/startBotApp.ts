import { randomUUID } from 'node:crypto';
import {
  type Activity,
  ConversationState,
  Middleware,
  TeamsSSOTokenExchangeMiddleware,
  TurnContext,
  UserState,
} from 'botbuilder';
import {
  createPartnerCenterClient,
  type PartnerCenterClientExtras,
} from '../services/partnerCenter/createPartnerCenterClient';
import { PartnerCenterLookupService } from '../services/lookups/PartnerCenterLookupService';
import { PartnerCenterPurchaseService } from '../services/purchase/PartnerCenterPurchaseService';
import { createPriceSheetClient } from '../services/partnerCenter/createPriceSheetClient';
import { PriceSheetService } from '../services/purchase/PriceSheetService';
import { RecentOrdersStore } from '../services/storage/RecentOrdersStore';
import { RegistrationWatchStore } from '../services/registrations/RegistrationWatchStore';
import { openStateStorage } from '../services/storage/openStateStorage';
import { replaceCard } from '../dialogs/replaceCard';
import { checkoutOutcomeCard } from '../dialogs/checkoutOutcomeCard';
import { CheckoutLedger, type CheckoutRecord } from '../services/checkout/CheckoutLedger';
import { OrderTrackingStore } from '../services/orders/OrderTrackingStore';
import { CheckoutProcessor } from '../services/checkout/CheckoutProcessor';
import { AuditTrail } from '../services/audit/AuditTrail';
import { mfaRefusalEntry } from '../services/audit/mfaRefusalEntry';
import { RoleDirectory } from '../dialogs/security/RoleDirectory';
import { GraphGroupMembership } from '../services/directory/GraphGroupMembership';
import { sharedMsalAppTokenProvider } from '../services/partnerCenter/auth/sharedMsalAppTokenProvider';
import { ApprovalStore } from '../services/approvals/ApprovalStore';
import { ApproverChats } from '../services/approvals/ApproverChats';
import { CancellationReminderStore } from '../services/orders/CancellationReminderStore';
import { OrderCancellationService } from '../services/purchase/OrderCancellationService';
import { ApprovalDesk } from './approvals/ApprovalDesk';
import { RememberApproverChats } from './approvals/RememberApproverChats';
import { buildBot } from './buildBot';
import { CancellationReminders } from './CancellationReminders';
import { CheckoutRunner } from './CheckoutRunner';
import { LeasedJobRunner } from './jobs/LeasedJobRunner';
import { OrderTracker } from './OrderTracker';
import type { AppConfig } from './config';
import type { Logger } from './logger';
import { RegistrationWatcher } from './RegistrationWatcher';
import { RetentionJob } from './RetentionJob';
import { StorageHealth } from './StorageHealth';
import { retentionRules } from '../services/storage/retentionRules';
import { createAdapter, createBotAuthentication, RunningBotServer, startBotServer } from './server';
import type { InboundAuthOverrides } from './security/InboundAuthOverrides';
import { BotTokenServiceAssertions } from './signIn/BotTokenServiceAssertions';
import { serviceUrlAllowed } from './security/serviceUrlAllowed';
import { DownloadLinkSigner } from './statements/DownloadLinkSigner';
import { ActivityInbox, type TurnReplayer } from './turns/ActivityInbox';
import { ConversationTurnLock } from './turns/ConversationTurnLock';
import { InstancePresence } from './turns/InstancePresence';
import { repeatEvery } from './turns/repeatEvery';
import { PreferredLanguage } from './turns/PreferredLanguage';
import { TurnPacer } from './turns/TurnPacer';
import { StatementService } from './statements/StatementService';

/** The whole bot process: state on SQLite, the Partner Center client and the HTTP endpoint. */
export interface RunningBotApp {
  server: RunningBotServer;
  checkouts: CheckoutRunner;
  /** Present when approvers are configured (APPROVER_IDS). */
  approvals?: ApprovalDesk;
  /** Present unless CANCELLATION_REMINDERS=false. */
  reminders?: CancellationReminders;
  close(): Promise<void>;
}

/**
 * Code, not configuration: where tests point the parts that would otherwise reach Microsoft's services. Production
 * never sets them.
 */
export interface BotAppSeams {
  /** Bot Framework endpoints: a local OpenID stub for inbound tokens and a local token service for sign-ins. */
  botFramework?: InboundAuthOverrides;
  /** Stands in for MSAL's on-behalf-of exchange in live App+User mode. */
  onBehalfOfClient?: PartnerCenterClientExtras['onBehalfOfClient'];
  /** Microsoft Graph for group roles: a loopback stub and its token instead of the cloud's Graph and MSAL. */
  graph?: { baseUrl: string; getToken: () => Promise<string> };
  /** The clock of approval expiry, cancellation windows and their reminders (tests move it days ahead). */
  now?: () => number;
}

/**
 * Group membership from Microsoft Graph when role or approver groups are configured, with an app-only Graph token of the Partner
 * Center app registration (it needs GroupMember.Read.All).
 */
function groupMembership(
  config: AppConfig,
  logger: Logger,
  seam: BotAppSeams['graph'],
): GraphGroupMembership | undefined {
  const groups = config.roles.groups ?? config.approvals?.groups;
  if (!groups) return undefined;
  let getToken = seam?.getToken;
  if (!getToken) {
    const msal = config.partnerCenter.msal;
    if (!msal) throw new Error('Role and approver groups need the Partner Center app registration for Microsoft Graph');
    const provider = sharedMsalAppTokenProvider({ ...msal, scope: `${groups.graphBaseUrl}/.default` });
    getToken = () => provider.getToken({ correlationId: 'graph-group-membership' });
  }
  const baseUrl = seam?.baseUrl ?? groups.graphBaseUrl;
  return new GraphGroupMembership({
    baseUrl,
    getToken,
    cacheSeconds: groups.cacheSeconds,
    log: (line) => logger.warn('microsoft graph', { call: line }),
  });
}

/** Composition root: builds every part from the typed configuration and starts listening. */
export async function startBotApp(
  config: AppConfig,
  logger: Logger,
  version: string,
  seams: BotAppSeams = {},
): Promise<RunningBotApp> {
  // SQLite on this machine or Azure Blob Storage shared by all instances, as configured (STATE_STORE).
  const storage = await openStateStorage(config.storage);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const authentication = createBotAuthentication(config, logger, seams.botFramework);
  const appId = config.bot.microsoftApp.appId;
  const signIn = config.signIn;
  const audit = new AuditTrail(storage);
  const client = createPartnerCenterClient(config.partnerCenter, {
    log: (line) => logger.info('partner center call', { call: line }),
    // Every call refused for a sign-in without MFA — lookup, purchase step or background checkout — is on record.
    onMfaRefusal: (ctx, refusal) =>
      audit.append(mfaRefusalEntry(ctx, refusal)).then(
        () => undefined,
        (error: unknown) =>
          logger.error('audit trail write failed', {
            result: 'mfa-refused',
            error: error instanceof Error ? error.message : 'unknown',
          }),
      ),
    ...(signIn
      ? {
          assertions: new BotTokenServiceAssertions({ authentication, appId, connectionName: signIn.connectionName }),
          onBehalfOfClient: seams.onBehalfOfClient,
        }
      : {}),
  });
  // The price sheet lives on the partner API host and needs App+User; app-only gets no client, so "price not available".
  const prices = new PriceSheetService(
    createPriceSheetClient(
      { ...config.partnerCenter, baseUrl: config.priceSheet.baseUrl, timeoutMs: config.priceSheet.timeoutMs },
      {
        log: (line) => logger.info('partner api call', { call: line }),
        ...(signIn
          ? {
              assertions: new BotTokenServiceAssertions({
                authentication,
                appId,
                connectionName: signIn.connectionName,
              }),
              onBehalfOfClient: seams.onBehalfOfClient,
            }
          : {}),
      },
    ),
    {
      refreshMs: config.priceSheet.refreshMs,
      waitMs: config.priceSheet.waitMs,
      maxSheets: config.priceSheet.maxSheets,
      log: (line) => logger.info('price sheet', { sheet: line }),
    },
  );
  const lookups = new PartnerCenterLookupService(client);
  const purchase = new PartnerCenterPurchaseService(client, { cacheLifetimeMs: config.purchase.cacheLifetimeMs });
  const recentOrders = new RecentOrdersStore(storage);
  // This run of this instance: the owner of the messages it is answering and the locks it holds.
  const presence = new InstancePresence({ storage, owner: { instanceId: config.instanceId, bootId: randomUUID() } });
  const inbox = new ActivityInbox({ storage, presence, logger, replayMaxAgeMs: config.turns.replayMaxAgeMs });
  const pacer = new TurnPacer({
    budgetMs: config.turns.slowTurnMs,
    logger,
    // Once Teams has its answer it won't redeliver: the message must be on record for a replay first.
    beforeAcknowledging: () => presence.flush(),
  });
  const middleware: Middleware[] = [
    inbox,
    pacer,
    new ConversationTurnLock({ storage, presence, logger }),
    // After the lock: a person's chosen language becomes the turn's locale before anything reads it.
    new PreferredLanguage(userState),
  ];
  const approverChats = new ApproverChats(storage);
  // One cached Graph lookup shared by roles and approvals.
  const membership = groupMembership(config, logger, seams.graph);
  // Approvers' personal chats, so requests can reach them.
  if (config.approvals) {
    middleware.push(
      new RememberApproverChats(
        approverChats,
        {
          approverIds: new Set(config.approvals.approverIds),
          approverGroupIds: config.approvals.groups?.approverGroupIds ?? [],
          ...(membership ? { membership } : {}),
        },
        logger,
      ),
    );
  }
  // Teams may send the same single sign-on token to several instances; exactly one exchanges it.
  if (signIn) middleware.push(new TeamsSSOTokenExchangeMiddleware(storage, signIn.connectionName));
  const adapter = createAdapter(config, middleware, { logger, authentication });
  const checkoutLedger = new CheckoutLedger(storage);
  // One runner for every kind of background work: checkouts, registration follow-ups, order tracking.
  const jobs = new LeasedJobRunner({ logger, instanceId: config.instanceId, leaseMs: config.checkout.leaseMs });
  const proactively = async (
    reference: Record<string, unknown>,
    what: string,
    act: (context: TurnContext) => Promise<void>,
  ): Promise<void> => {
    const serviceUrl = typeof reference.serviceUrl === 'string' ? reference.serviceUrl : undefined;
    if (!serviceUrlAllowed(serviceUrl, config.security.allowedServiceUrlHosts)) {
      // Retrying cannot make the host acceptable, so it is logged and left unsent.
      logger.warn(`${what} not sent: serviceUrl host not allowed`, {});
      return;
    }
    await adapter.continueConversationAsync(appId, reference, act);
  };
  const showCheckout = (record: CheckoutRecord): Promise<void> =>
    proactively(record.target.conversationReference, 'checkout outcome', (context) =>
      replaceCard(context, record.target.activityId, checkoutOutcomeCard(record)),
    );
  const orderTracker = new OrderTracker({
    store: new OrderTrackingStore(storage),
    ledger: checkoutLedger,
    lookups,
    jobs,
    logger,
    settings: config.orderTracking,
    updateCard: showCheckout,
    tell: (record, sentence) =>
      proactively(record.target.conversationReference, 'order notice', async (context) => {
        await context.sendActivity(sentence);
      }),
  });
  const cancellations = new OrderCancellationService(client, { now: seams.now });
  const reminders = config.cancellation.reminders
    ? new CancellationReminders({
        store: new CancellationReminderStore(storage),
        ledger: checkoutLedger,
        cancellations,
        audit,
        jobs,
        logger,
        tell: (record, sentence) =>
          proactively(record.target.conversationReference, 'cancellation reminder', async (context) => {
            await context.sendActivity(sentence);
          }),
        now: seams.now,
      })
    : undefined;
  const checkouts = new CheckoutRunner({
    jobs,
    afterPlaced: async (record) => {
      await orderTracker.track(record);
      await reminders?.plan(record);
    },
    leaseMs: config.checkout.leaseMs,
    ledger: checkoutLedger,
    audit,
    processor: new CheckoutProcessor({
      ledger: checkoutLedger,
      purchase,
      recentOrders,
      budget: config.checkout.budget,
    }),
    logger,
    deliver: showCheckout,
  });
  const approvals = config.approvals
    ? new ApprovalDesk({
        settings: config.approvals,
        store: new ApprovalStore(storage),
        chats: approverChats,
        ledger: checkoutLedger,
        lookups,
        checkouts,
        audit,
        jobs,
        logger,
        proactively,
        ...(membership ? { membership } : {}),
        now: seams.now,
      })
    : undefined;
  // Locally, links point at wherever the bot really listens (port 0 in tests picks a free one).
  let publicBaseUrl = config.downloads.publicBaseUrl;
  const statements = new StatementService({
    lookups,
    signer: new DownloadLinkSigner(config.downloads.signingSecret),
    publicBaseUrl: () => publicBaseUrl,
    ttlSeconds: config.downloads.ttlSeconds,
    mode: config.mode,
    behindAppServiceAuth: config.downloads.behindAppServiceAuth,
    logger,
  });
  const registrations = new RegistrationWatcher({
    adapter,
    appId: config.bot.microsoftApp.appId,
    lookups,
    logger,
    pollSeconds: config.registrationWatch.pollSeconds,
    maxMinutes: config.registrationWatch.maxMinutes,
    allowedServiceUrlHosts: config.security.allowedServiceUrlHosts,
    storage: new RegistrationWatchStore(storage),
    jobs,
  });
  const { bot } = buildBot({
    conversationState,
    userState,
    purchase,
    lookups,
    recentOrders,
    statements,
    registrations,
    checkouts,
    checkoutLedger,
    roles: new RoleDirectory(config.roles, membership),
    audit,
    duplicateGuard: { windowMs: config.checkout.duplicateWindowMs, daysMs: config.checkout.duplicateDaysMs },
    prices,
    cancellations,
    ...(approvals ? { approvals } : {}),
    ...(signIn
      ? {
          signIn: {
            connectionName: signIn.connectionName,
            resumeWaitingWork: (userKey) => checkouts.resumeWaitingFor(userKey),
          },
        }
      : {}),
  });
  const health = new StorageHealth({ storage, logger, timeoutMs: config.health.storageTimeoutMs });
  const server = await startBotServer({
    config,
    bot,
    conversationState,
    logger,
    version,
    adapter,
    pacer,
    health: () => health.check(),
    routes: (http) => {
      http.get('/downloads/statements/:token', async (req, res) => {
        await statements.handleDownload(req, res);
      });
    },
  });
  if (config.mode === 'local' && config.bot.port === 0) publicBaseUrl = server.url;
  const resumed = await checkouts.recover();
  if (resumed > 0) logger.info('resuming checkouts left by a previous run', { count: resumed });
  const followed = await registrations.resume();
  await jobs.start(config.checkout.sweepMs);
  const retention = new RetentionJob({
    storage,
    rules: retentionRules({ ledgerRetentionDays: config.retention.ledgerRetentionDays }),
    logger,
  });
  retention.start(config.retention.intervalMinutes * 60_000);
  if (followed > 0) logger.info('resuming registration follow-ups left by a previous run', { count: followed });
  const replayer: TurnReplayer = {
    replay: (activity) => adapter.replay(appId, activity as Activity, (context) => bot.run(context)),
    tell: async (activity, sentence) => {
      const reference = TurnContext.getConversationReference(activity);
      if (!serviceUrlAllowed(reference.serviceUrl, config.security.allowedServiceUrlHosts)) return;
      await adapter.continueConversationAsync(appId, reference, async (context) => {
        await context.sendActivity(sentence);
      });
    },
  };
  // What this instance's previous run had accepted but not finished, then (periodically) what dead instances left.
  const previousRun = await presence.start();
  if (previousRun) {
    void inbox.recover([previousRun], replayer).then((count) => {
      if (count > 0) logger.info('replayed messages a previous run did not finish', { count });
    });
  }
  const stopOrphanSweep = repeatEvery(
    config.checkout.sweepMs,
    async () => {
      const orphans = await presence.orphans();
      if (orphans.length > 0) await inbox.recover(orphans, replayer);
    },
    (error) =>
      logger.warn('sweep for unfinished messages failed', {
        error: error instanceof Error ? error.message : 'unknown',
      }),
  );
  return {
    server,
    checkouts,
    ...(approvals ? { approvals } : {}),
    ...(reminders ? { reminders } : {}),
    close: async () => {
      stopOrphanSweep();
      presence.stop();
      jobs.close();
      retention.close();
      await server.close();
      storage.close();
    },
  };
}
