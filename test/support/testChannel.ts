import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

/** One call the bot made to the channel's connector API. */
export interface ChannelCall {
  method: 'POST' | 'PUT' | 'DELETE';
  conversationId: string;
  activityId?: string;
  replyToId?: string;
  activity?: Partial<Activity>;
}

/**
 * A stand-in for the Bot Connector service on 127.0.0.1: the bot posts its replies here (the activity's serviceUrl),
 * every call is recorded, and each POST is answered with a fresh id so later updates have a target.
 */
export class TestChannel {
  readonly calls: ChannelCall[] = [];
  private server?: http.Server;
  serviceUrl = '';
  /** Awaited before each call is answered: a test can hold the bot's request there, or act at that moment. */
  beforeAnswer?: (call: ChannelCall) => Promise<void>;

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/.exec(req.url ?? '');
        if (!match) {
          res.statusCode = 404;
          res.end();
          return;
        }
        const conversationId = decodeURIComponent(match[1]);
        const pathId = match[2] ? decodeURIComponent(match[2]) : undefined;
        const body = chunks.length
          ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Partial<Activity>)
          : undefined;
        const method = req.method as ChannelCall['method'];
        const id = method === 'POST' ? randomUUID() : pathId;
        const call: ChannelCall = {
          method,
          conversationId,
          activityId: id,
          replyToId: method === 'POST' ? pathId : undefined,
          activity: body,
        };
        this.calls.push(call);
        void (this.beforeAnswer?.(call) ?? Promise.resolve()).finally(() => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ id }));
        });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.serviceUrl = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  /** Messages and cards the bot sent (typing indicators left out). */
  replies(conversationId?: string): Partial<Activity>[] {
    return this.calls
      .filter((c) => c.method === 'POST' && c.activity?.type !== 'typing')
      .filter((c) => !conversationId || c.conversationId === conversationId)
      .map((c) => c.activity ?? {});
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Builds an inbound Teams-like activity addressed to the bot through the given channel. */
export function inboundActivity(
  channel: TestChannel,
  fields: Partial<Activity> & { conversationId?: string; userId?: string },
): Partial<Activity> {
  const { conversationId = 'a:conversation-1', userId = '29:user-1', ...rest } = fields;
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date(),
    channelId: 'msteams',
    serviceUrl: channel.serviceUrl,
    from: { id: userId, name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000a1' },
    recipient: { id: '28:bot', name: 'Purchase bot' },
    conversation: { id: conversationId, conversationType: 'personal', isGroup: false, name: '' },
    locale: 'en-US',
    ...rest,
  };
}
