import {
  Activity,
  ActivityHandler,
  ConversationState,
  MemoryStorage,
  StoreItems,
  TestAdapter,
  TurnContext,
} from 'botbuilder';
import { loadConfig } from '../../bot/config';
import type { Logger } from '../../bot/logger';
import { TenantAllowlist } from '../../bot/security/TenantAllowlist';
import { RunningBotServer, startBotServer } from '../../bot/server';
import { inboundActivity, TestChannel } from '../support/testChannel';

const CONTOSO = '7a2f0c31-6b1e-4f8e-9d3a-1c5b2e4f6a70';
const FABRIKAM = '0d9e8f7a-1b2c-4d3e-8f5a-6b7c8d9e0f1a';

function recordingLogger(): Logger & { warnings: { message: string; fields?: Record<string, unknown> }[] } {
  const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
  return {
    warnings,
    info: () => undefined,
    warn: (message, fields) => warnings.push({ message, fields }),
    error: () => undefined,
  };
}

function teamsActivity(tenants: { channelData?: string; conversation?: string }): Partial<Activity> {
  return {
    type: 'message',
    id: 'activity-1',
    channelId: 'msteams',
    text: 'buy',
    from: { id: '29:user', name: 'Alex' },
    recipient: { id: '28:bot', name: 'bot' },
    conversation: { id: 'a:1', isGroup: false, conversationType: 'personal', name: '', tenantId: tenants.conversation },
    channelData: tenants.channelData ? { tenant: { id: tenants.channelData } } : {},
  };
}

async function passes(allowlist: TenantAllowlist, activity: Partial<Activity>): Promise<boolean> {
  const next = jest.fn(async () => undefined);
  await allowlist.onTurn(new TurnContext(new TestAdapter(), activity), next);
  return next.mock.calls.length === 1;
}

describe('tenant allowlist middleware', () => {
  it('lets an activity from a listed tenant through when both tenant fields agree', async () => {
    const allowlist = new TenantAllowlist([CONTOSO], recordingLogger());
    expect(await passes(allowlist, teamsActivity({ channelData: CONTOSO, conversation: CONTOSO }))).toBe(true);
  });

  it('matches tenant ids regardless of letter case', async () => {
    const allowlist = new TenantAllowlist([CONTOSO.toUpperCase()], recordingLogger());
    expect(await passes(allowlist, teamsActivity({ channelData: CONTOSO, conversation: CONTOSO }))).toBe(true);
  });

  const refusals: [string, { channelData?: string; conversation?: string }, string][] = [
    ['no tenant at all', {}, 'tenant missing'],
    ['a tenant that is not listed', { channelData: FABRIKAM, conversation: FABRIKAM }, 'tenant not allowed'],
    ['an unlisted tenant in one field only', { conversation: FABRIKAM }, 'tenant not allowed'],
    ['tenant fields that disagree', { channelData: CONTOSO, conversation: FABRIKAM }, 'tenant fields disagree'],
    [
      'tenant fields that disagree the other way',
      { channelData: FABRIKAM, conversation: CONTOSO },
      'tenant fields disagree',
    ],
  ];

  it.each(refusals)(
    'drops an activity with %s and logs only the tenant and activity id',
    async (_name, tenants, reason) => {
      const logger = recordingLogger();
      const allowlist = new TenantAllowlist([CONTOSO], logger);
      expect(await passes(allowlist, teamsActivity(tenants))).toBe(false);
      expect(logger.warnings).toHaveLength(1);
      expect(logger.warnings[0].fields).toEqual({
        reason,
        tenantId: tenants.channelData ?? tenants.conversation ?? null,
        activityId: 'activity-1',
      });
    },
  );

  it('lets every activity through when no tenant is listed (local mode)', async () => {
    const allowlist = new TenantAllowlist([], recordingLogger());
    expect(await passes(allowlist, teamsActivity({}))).toBe(true);
  });
});

/** Memory storage that counts reads, to prove a dropped activity never loads state. */
class CountingStorage extends MemoryStorage {
  reads = 0;
  override async read(keys: string[]): Promise<StoreItems> {
    this.reads += 1;
    return super.read(keys);
  }
}

describe('tenant allowlist on the HTTP endpoint', () => {
  const channel = new TestChannel();
  const storage = new CountingStorage();
  const logger = recordingLogger();
  let server: RunningBotServer;
  let handled = 0;

  beforeAll(async () => {
    await channel.start();
    const config = loadConfig({ PORT: '0', ALLOWED_TENANT_IDS: CONTOSO });
    const conversationState = new ConversationState(storage);
    const seen = conversationState.createProperty<number>('seen');
    const bot = new ActivityHandler();
    bot.onMessage(async (context, next) => {
      handled += 1;
      await seen.set(context, ((await seen.get(context)) ?? 0) + 1);
      await conversationState.saveChanges(context);
      await context.sendActivity('hello');
      await next();
    });
    server = await startBotServer({ config, bot, conversationState, logger, version: '1' });
  });

  afterAll(async () => {
    await server.close();
    await channel.stop();
  });

  const post = (activity: Partial<Activity>): Promise<Response> =>
    fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });

  it('sends no reply, runs no handler and loads no state for a tenant that is not listed', async () => {
    const activity = inboundActivity(channel, {
      text: 'buy',
      conversationId: 'a:other-tenant',
      channelData: { tenant: { id: FABRIKAM } },
    });
    activity.conversation = { ...activity.conversation, tenantId: FABRIKAM } as Activity['conversation'];
    const response = await post(activity);
    expect(response.status).toBe(200);
    expect(handled).toBe(0);
    expect(storage.reads).toBe(0);
    expect(channel.calls.filter((c) => c.conversationId === 'a:other-tenant')).toHaveLength(0);
    expect(logger.warnings.map((w) => w.fields?.activityId)).toContain(activity.id);
  });

  it('sends no reply to an activity without any tenant', async () => {
    await post(inboundActivity(channel, { text: 'buy', conversationId: 'a:no-tenant' }));
    expect(handled).toBe(0);
    expect(channel.calls.filter((c) => c.conversationId === 'a:no-tenant')).toHaveLength(0);
  });

  it('answers an activity from the listed tenant', async () => {
    const activity = inboundActivity(channel, {
      text: 'buy',
      conversationId: 'a:contoso',
      channelData: { tenant: { id: CONTOSO } },
    });
    activity.conversation = { ...activity.conversation, tenantId: CONTOSO } as Activity['conversation'];
    expect((await post(activity)).status).toBe(200);
    expect(handled).toBe(1);
    expect(channel.replies('a:contoso').map((r) => r.text)).toEqual(['hello']);
  });
});
