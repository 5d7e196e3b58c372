import { randomUUID } from 'node:crypto';
import {
  type Activity,
  ActivityHandlerBase,
  ConfigurationBotFrameworkAuthenticationOptions,
  ConversationState,
  Middleware,
  TurnContext,
} from 'botbuilder';
import * as restify from 'restify';
import type { BotFrameworkEndpoints } from './cloudEndpoints';
import type { AppConfig } from './config';
import { DIALOG_STATE_PROPERTY } from './stateProperties';
import { createConsoleLogger, Logger } from './logger';
import type { HealthReport } from './StorageHealth';
import { FailClosedAuthentication } from './security/FailClosedAuthentication';
import type { InboundAuthOverrides } from './security/InboundAuthOverrides';
import { TenantAllowlist } from './security/TenantAllowlist';
import { looksLikeActivity } from './security/looksLikeActivity';
import { withoutErrorDetails } from './security/withoutErrorDetails';
import { failedTurnApology } from './checkoutTurnFlag';
import { answerMessage } from './turns/answerMessage';
import { TurnAdapter } from './turns/TurnAdapter';
import { TypingIndicator } from './turns/TypingIndicator';
import { isCardActionInvoke, slowTurnNotice, type TurnPacer } from './turns/TurnPacer';
import { sentenceResponse } from './invokes/ExecuteAnswer';

/** What the HTTP edge needs: the bot's turn logic and the state it must clear when a turn fails. */
export interface BotServerDependencies {
  config: AppConfig;
  bot: ActivityHandlerBase;
  conversationState: ConversationState;
  logger: Logger;
  version: string;
  /** The adapter to serve with (proactive messages need the same one); built from config when absent. */
  adapter?: TurnAdapter;
  /**
   * When present, a message's HTTP request is answered as soon as its turn passes the pacer's budget (the turn goes on);
   * without it, every request is answered when its turn ends.
   */
  pacer?: TurnPacer;
  /** Further HTTP routes of the bot (statement downloads). */
  routes?: (server: restify.Server) => void;
  /** Inbound token validation against other OpenID endpoints (tests); used only when `adapter` is absent. */
  auth?: InboundAuthOverrides;
  /** What `/healthz` checks beyond "the process answers" (the state storage); always healthy when absent. */
  health?: () => Promise<HealthReport>;
}

/** Optional parts of {@link createAdapter}. */
export interface AdapterOptions {
  /** Where refused requests and dropped activities are logged; JSON lines on stdout when absent. */
  logger?: Logger;
  auth?: InboundAuthOverrides;
  /** The Bot Framework authentication to use (built by {@link createBotAuthentication} when absent). */
  authentication?: FailClosedAuthentication;
}

/** A started bot endpoint. */
export interface RunningBotServer {
  url: string;
  port: number;
  adapter: TurnAdapter;
  close(): Promise<void>;
}

/**
 * Builds the CloudAdapter with the standard Bot Framework settings; no app id means no inbound authentication. Any
 * failure to authenticate is a bare 401, and the tenant allowlist runs before every other middleware.
 */
export function createAdapter(
  config: AppConfig,
  middleware: Middleware[] = [],
  options: AdapterOptions = {},
): TurnAdapter {
  const logger = options.logger ?? createConsoleLogger('bot');
  const adapter = new TurnAdapter(options.authentication ?? createBotAuthentication(config, logger, options.auth));
  adapter.use(new TenantAllowlist(config.security.allowedTenantIds, logger));
  for (const m of middleware) adapter.use(m);
  // Partner Center calls can take seconds: show "typing…" after 500 ms of silent work, repeated every 2 s.
  adapter.use(new TypingIndicator(500, 2000));
  return adapter;
}

/**
 * The Bot Framework authentication of this app registration in the configured cloud: inbound token validation
 * (fail-closed), outbound credentials, and the token service people's sign-ins are kept in.
 */
export function createBotAuthentication(
  config: AppConfig,
  logger: Logger,
  overrides?: InboundAuthOverrides,
): FailClosedAuthentication {
  return new FailClosedAuthentication(
    botAuthenticationOptions(config, overrides),
    logger,
    overrides?.credentialsFactory,
  );
}

/**
 * The options {@link createBotAuthentication} hands the SDK: the app registration and every endpoint of the cloud,
 * named explicitly. The SDK's own shortcut (`ChannelService` alone) cannot express Teams GCC High, whose token service
 * differs from the one it would pick, and naming any endpoint makes it drop all its defaults — so all are named.
 */
export function botAuthenticationOptions(
  config: AppConfig,
  overrides?: InboundAuthOverrides,
): ConfigurationBotFrameworkAuthenticationOptions {
  const app = config.bot.microsoftApp;
  // The SDK treats an empty MultiTenant app id as "authentication disabled", the local-only mode config allows.
  const settings: ConfigurationBotFrameworkAuthenticationOptions = app.appId
    ? {
        MicrosoftAppId: app.appId,
        MicrosoftAppPassword: app.appPassword,
        MicrosoftAppType: app.appType,
        MicrosoftAppTenantId: app.tenantId,
      }
    : { MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' };
  return { ...settings, ...channelEndpoints(config.cloud.botFramework, overrides) };
}

/** The cloud's Bot Framework endpoints as SDK options; tests replace the token validation and the token service. */
function channelEndpoints(
  cloud: BotFrameworkEndpoints,
  overrides: InboundAuthOverrides | undefined,
): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    ...(cloud.channelService ? { ChannelService: cloud.channelService } : {}),
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: cloud.toChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: cloud.toChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: overrides?.toBotFromChannelTokenIssuer ?? cloud.toBotFromChannelTokenIssuer,
    ToBotFromChannelOpenIdMetadataUrl:
      overrides?.toBotFromChannelOpenIdMetadataUrl ?? cloud.toBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: cloud.toBotFromEmulatorOpenIdMetadataUrl,
    OAuthUrl: overrides?.oAuthUrl ?? cloud.oAuthUrl,
    CallerId: cloud.callerId,
  };
}

/**
 * Starts restify with `POST /api/messages` and `GET /healthz`. A failed turn gets a short apology with a reference id;
 * the conversation's dialog stack is cleared so the next message starts clean, and the details go to the log only.
 */
export async function startBotServer(deps: BotServerDependencies): Promise<RunningBotServer> {
  const { config, bot, conversationState, logger, version } = deps;
  const adapter = deps.adapter ?? createAdapter(config, [], { logger, auth: deps.auth });
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    const reference = randomUUID().slice(0, 8);
    logger.error('turn failed', {
      reference,
      activityType: context.activity.type,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    try {
      // Re-read the latest state (another turn may have saved since this one loaded it) and drop only the dialog
      // stack: the next message starts clean, and records such as placed orders survive.
      conversationState.clear(context);
      await conversationState.load(context, true);
      await conversationState.createProperty(DIALOG_STATE_PROPERTY).delete(context);
      await conversationState.saveChanges(context, true);
    } catch (stateError) {
      logger.error('could not clear conversation state', { reference, error: String(stateError) });
    }
    if (context.activity.type === 'message' || context.activity.type === 'invoke') {
      // Never throws: the SDK also calls this from timers (a typing indicator that could not be sent), where an
      // exception would be an unhandled rejection and stop the process.
      // Says "nothing was bought" only when this turn did not get as far as handing an order over for placing.
      await context.sendActivity(failedTurnApology(context, reference)).catch((sendError: unknown) =>
        logger.warn('apology not delivered', {
          reference,
          error: sendError instanceof Error ? sendError.message : 'unknown',
        }),
      );
    }
  };

  // find-my-way (restify's router) drops path parameters over 100 characters; signed download tokens are longer.
  const serverOptions: restify.ServerOptions & { maxParamLength: number } = {
    name: 'pc-purchase-bot',
    handleUncaughtExceptions: false,
    maxParamLength: 1024,
  };
  const server = restify.createServer(serverOptions);
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    if (!looksLikeActivity(req.body)) {
      logger.warn('request refused: not an activity', {});
      res.send(400);
      return;
    }
    try {
      const body = req.body as { type?: unknown; deliveryMode?: unknown };
      // expectReplies returns the replies in the HTTP answer, so such a turn can't be answered before it ends.
      if (deps.pacer && body.type === 'message' && body.deliveryMode !== 'expectReplies') {
        await answerMessage(req, res, { adapter, pacer: deps.pacer, logger, logic: (context) => bot.run(context) });
        return;
      }
      // A card click is answered within the budget too: past it, with a sentence at the card (the turn goes on).
      if (deps.pacer && isCardActionInvoke(req.body as Partial<Activity>)) {
        // The person's language is on the activity by then: PreferredLanguage runs first in the turn.
        const slowBody = (activity: Partial<Activity>) => sentenceResponse(slowTurnNotice(activity.locale));
        const logic = (context: TurnContext) => bot.run(context);
        await answerMessage(req, res, { adapter, pacer: deps.pacer, logger, logic, slowBody });
        return;
      }
      await adapter.process(req, withoutErrorDetails(res), (context) => bot.run(context));
    } catch (error) {
      // The SDK rejects a body that is not a Bot Framework activity before any turn starts: a bare 400.
      logger.warn('request refused: not an activity', {
        error: error instanceof Error ? error.name : 'unknown',
      });
      if (!res.headersSent) res.send(400);
    }
  });
  deps.routes?.(server);
  server.get('/healthz', async (_req, res) => {
    // A bot whose storage fails would fail every turn: load balancers and `npm start` must see that as unhealthy.
    const health: HealthReport = deps.health ? await deps.health() : { ok: true };
    if (health.ok) res.send(200, { status: 'ok', version, mode: config.mode });
    else res.send(503, { status: 'unavailable', reason: health.reason });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.bot.port, config.bot.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.bot.port;
  return {
    url: `http://${config.bot.host}:${port}`,
    port,
    adapter,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
