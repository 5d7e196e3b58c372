import { ActivityHandler, ConversationState, MemoryStorage } from 'botbuilder';
import { loadConfig } from '../../bot/config';
import type { Logger } from '../../bot/logger';
import { RunningBotServer, startBotServer } from '../../bot/server';
import { buildTestBot } from '../support/testBot';
import { inboundActivity, TestChannel } from '../support/testChannel';

const quietLogger = (): Logger & { lines: string[] } => {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(m),
    warn: (m) => lines.push(m),
    error: (m, f) => lines.push(`${m} ${JSON.stringify(f)}`),
  };
};

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('bot HTTP endpoint', () => {
  const channel = new TestChannel();
  beforeAll(() => channel.start());
  afterAll(() => channel.stop());

  describe('in local mode', () => {
    let server: RunningBotServer;
    const { bot, conversationState } = buildTestBot();
    const log = quietLogger();
    beforeAll(async () => {
      const config = loadConfig({ PORT: '0' });
      config.bot.port = 0;
      server = await startBotServer({ config, bot, conversationState, logger: log, version: '9.9.9' });
    });
    afterAll(() => server.close());

    it('reports health with version and mode', async () => {
      const response = await fetch(`${server.url}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', version: '9.9.9', mode: 'local' });
    });

    it('answers "help" through the channel the message came from', async () => {
      const activity = inboundActivity(channel, { text: 'help', conversationId: 'a:help-1' });
      const response = await post(server.url, activity);
      expect(response.status).toBe(200);
      const replies = channel.replies('a:help-1');
      expect(replies).toHaveLength(1);
      expect(replies[0].text).toMatch(/\*\*buy\*\*/);
      expect(replies[0].replyToId).toBe(activity.id);
    });

    it('binds to loopback only', () => {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    });

    it('survives a turn whose replies cannot be delivered, and its answer carries no internal message', async () => {
      // The SDK console.errors the failure; what matters here is what the caller sees and that the bot keeps running.
      const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        const activity = {
          ...inboundActivity(channel, { text: 'help', conversationId: 'a:unreachable' }),
          serviceUrl: 'http://127.0.0.1:9',
        };
        const response = await post(server.url, activity);
        expect(await response.text()).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|Error/);
        // The SDK retries the reply and then the apology; both give up within its retry budget.
        const deadline = Date.now() + 40_000;
        const count = (prefix: string) => log.lines.filter((l) => l.startsWith(prefix)).length;
        // Every failed turn (the reply's, and the typing indicator's if it fired) tries one apology.
        while (
          (count('apology not delivered') === 0 || count('apology not delivered') < count('turn failed')) &&
          Date.now() < deadline
        ) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(log.lines.some((l) => l.startsWith('turn failed'))).toBe(true);
        expect(log.lines.some((l) => l.startsWith('apology not delivered'))).toBe(true);

        const next = await post(server.url, inboundActivity(channel, { text: 'help', conversationId: 'a:after' }));
        expect(next.status).toBe(200);
        expect(channel.replies('a:after')).toHaveLength(1);
      } finally {
        consoleError.mockRestore();
      }
    }, 60_000);

    it.each<[string, unknown]>([
      ['a type that is not text', { type: 5 }],
      ['a sender that is not an account', { type: 'message', id: 'x', from: 'someone', text: 'help' }],
      [
        'no conversation',
        { type: 'message', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:1', from: { id: 'u' } },
      ],
      ['an array', [1, 2, 3]],
    ])('refuses a body with %s as a bare 400 and runs no turn', async (_case, body) => {
      const before = channel.calls.length;
      const response = await post(server.url, body);
      expect(response.status).toBe(400);
      expect(await response.text()).toBe('');
      expect(channel.calls.length).toBe(before);
    });
  });

  describe('with a Bot Framework app id', () => {
    let server: RunningBotServer;
    let handled = 0;
    beforeAll(async () => {
      const config = loadConfig({
        BOT_HOST: '127.0.0.1',
        MicrosoftAppId: '11111111-1111-1111-1111-111111111111',
        MicrosoftAppPassword: 'secret',
        MicrosoftAppTenantId: '22222222-2222-2222-2222-222222222222',
      });
      config.bot.port = 0;
      const bot = new ActivityHandler();
      bot.onMessage(async (_context, next) => {
        handled += 1;
        await next();
      });
      const storage = new MemoryStorage();
      server = await startBotServer({
        config,
        bot,
        conversationState: new ConversationState(storage),
        logger: quietLogger(),
        version: '1',
      });
    });
    afterAll(() => server.close());

    it('refuses a request without a token and runs no handler', async () => {
      const before = channel.calls.length;
      const response = await post(server.url, inboundActivity(channel, { text: 'buy' }));
      expect(response.status).toBe(401);
      expect(handled).toBe(0);
      expect(channel.calls.length).toBe(before);
    });

    it('refuses a request with a token it did not issue', async () => {
      const response = await post(server.url, inboundActivity(channel, { text: 'buy' }), {
        authorization: 'Bearer not-a-jwt',
      });
      expect(response.status).toBe(401);
      expect(handled).toBe(0);
    });
  });

  describe('when a turn fails', () => {
    let server: RunningBotServer;
    const logger = quietLogger();
    const storage = new MemoryStorage();
    const conversationState = new ConversationState(storage);
    const marker = conversationState.createProperty<string>('marker');
    const dialogStack = conversationState.createProperty<object>('dialogState');
    beforeAll(async () => {
      const config = loadConfig({});
      config.bot.port = 0;
      const bot = new ActivityHandler();
      bot.onMessage(async (context) => {
        if (context.activity.text === 'remember') {
          await marker.set(context, 'kept');
          await dialogStack.set(context, { dialogStack: [{ id: 'half-done' }] });
          await conversationState.saveChanges(context);
          return;
        }
        throw new Error('internal detail that users must not see');
      });
      server = await startBotServer({ config, bot, conversationState, logger, version: '1' });
    });
    afterAll(() => server.close());

    it('apologises with a reference id, hides the error and clears only the dialog stack', async () => {
      await post(server.url, inboundActivity(channel, { text: 'remember', conversationId: 'a:fail-1' }));
      const key = Object.keys((storage as unknown as { memory: Record<string, unknown> }).memory).find((k) =>
        k.includes('a:fail-1'),
      );
      expect(key).toBeDefined();

      await post(server.url, inboundActivity(channel, { text: 'explode', conversationId: 'a:fail-1' }));
      const replies = channel.replies('a:fail-1');
      expect(replies).toHaveLength(1);
      expect(replies[0].text).toMatch(/reference [0-9a-f]{8}/);
      expect(replies[0].text).not.toMatch(/internal detail/);
      const reference = /reference ([0-9a-f]{8})/.exec(replies[0].text ?? '')?.[1];
      expect(logger.lines.join('\n')).toContain(reference);
      const stored = (await storage.read([key as string]))[key as string] as Record<string, unknown>;
      expect(stored.dialogState).toBeUndefined();
      expect(stored.marker).toBe('kept');
    });
  });
});

describe('welcome', () => {
  const channel = new TestChannel();
  let server: RunningBotServer;
  beforeAll(async () => {
    await channel.start();
    const { bot, conversationState } = buildTestBot();
    const config = loadConfig({});
    config.bot.port = 0;
    server = await startBotServer({ config, bot, conversationState, logger: quietLogger(), version: '1' });
  });
  afterAll(async () => {
    await server.close();
    await channel.stop();
  });

  it('greets a new user once with the welcome card even when Teams announces the install twice', async () => {
    const conversationId = 'a:welcome-1';
    await post(server.url, inboundActivity(channel, { type: 'installationUpdate', action: 'add', conversationId }));
    await post(
      server.url,
      inboundActivity(channel, {
        type: 'conversationUpdate',
        conversationId,
        membersAdded: [{ id: '29:user-1', name: 'Alex Wilber' }],
      }),
    );
    const replies = channel.replies(conversationId);
    expect(replies).toHaveLength(1);
    const card = JSON.stringify(replies[0].attachments?.[0]?.content);
    expect(card).toContain('Buy something');
    expect(card).toContain('"verb":"buy"');
  });
});
