import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Activity, TestAdapter, TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import { DownloadLinkSigner } from '../../bot/statements/DownloadLinkSigner';
import {
  CALLER_OBJECT_ID_HEADER,
  DOWNLOADS_OFF_SENTENCE,
  StatementService,
} from '../../bot/statements/StatementService';
import { uploadUrlAllowed } from '../../bot/statements/uploadUrlAllowed';
import type { LookupService, StatementFile } from '../../services/lookups/types';
import { unusedPort } from '../support/unusedPort';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const PDF: StatementFile = {
  invoiceId: 'G000031006',
  fileName: 'Invoice_G000031006.pdf',
  contentType: 'application/pdf',
  bytes: Buffer.from('%PDF-1.4\n% test statement\n%%EOF\n'),
};

describe('download link tokens', () => {
  let now = 1_000_000;
  const signer = new DownloadLinkSigner('a-secret-long-enough-for-tests', () => now);
  const grant = { invoiceId: 'G1', userKey: 'user-a', userName: 'Alex', exp: 1_060_000 };

  it('verify what they signed until they expire', () => {
    const token = signer.sign(grant);
    expect(signer.verify(token)).toEqual({ ok: true, grant });
    now = 1_060_000;
    expect(signer.verify(token)).toEqual({ ok: false, reason: 'expired' });
    now = 1_000_000;
  });

  it('refuse a token signed with another key, a tampered payload or garbage', () => {
    const token = signer.sign(grant);
    const other = new DownloadLinkSigner('another-secret-long-enough-too', () => now).sign(grant);
    expect(signer.verify(other)).toEqual({ ok: false, reason: 'bad-signature' });
    const [, signature] = token.split('.');
    const tampered = `${Buffer.from(JSON.stringify({ ...grant, userKey: 'user-b' })).toString('base64url')}.${signature}`;
    expect(signer.verify(tampered)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(signer.verify('not-a-token')).toEqual({ ok: false, reason: 'malformed' });
    expect(signer.verify('a.b.c')).toEqual({ ok: false, reason: 'malformed' });
    expect(signer.verify('x'.repeat(5000))).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('where Teams may ask the bot to upload a file', () => {
  it.each([
    ['https://contoso-my.sharepoint.com/personal/alex/upload?x=1', false, true],
    ['https://contoso.sharepoint.us/upload', false, true],
    ['http://contoso-my.sharepoint.com/upload', false, false],
    ['https://evil.example.com/sharepoint.com', false, false],
    ['https://sharepoint.com.evil.example/upload', false, false],
    ['http://127.0.0.1:9999/upload', false, false],
    ['http://127.0.0.1:9999/upload', true, true],
    ['not a url', true, false],
  ])('%s (loopback allowed: %s) → %s', (url, allowLoopback, expected) => {
    expect(uploadUrlAllowed(url, allowLoopback)).toBe(expected);
  });
});

describe('statements as Teams files (file consent)', () => {
  let uploads: { headers: http.IncomingHttpHeaders; body: Buffer }[];
  let server: http.Server;
  let uploadUrl: string;

  beforeAll(async () => {
    uploads = [];
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        uploads.push({ headers: req.headers, body: Buffer.concat(chunks) });
        res.statusCode = 201;
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    uploadUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const lookups = {
    ...unusedPort<LookupService>('lookups'),
    getStatement: async () => PDF,
  } as LookupService;

  function serviceFor(mode: 'local' | 'live', behindAppServiceAuth = false): StatementService {
    return new StatementService({
      lookups,
      signer: new DownloadLinkSigner('a-secret-long-enough-for-tests'),
      publicBaseUrl: () => 'https://bot.example.com',
      ttlSeconds: 300,
      mode,
      behindAppServiceAuth,
      logger: silent,
    });
  }

  async function turn(
    fields: Record<string, unknown>,
    run: (context: TurnContext) => Promise<void>,
    conversationType = 'personal',
  ): Promise<Partial<Activity>[]> {
    const adapter = new TestAdapter(async (context) => run(context), {
      channelId: 'msteams',
      conversation: { id: 'a:1', conversationType, isGroup: conversationType !== 'personal', name: '' },
    });
    await adapter.send({
      type: 'message',
      text: 'x',
      from: { id: '29:u', name: 'Alex', aadObjectId: 'aad-alex' },
      ...fields,
    });
    return adapter.activeQueue;
  }

  it('offers the PDF as a file in a live personal chat and uploads it when the same user accepts', async () => {
    const service = serviceFor('live');
    const sent = await turn({}, (context) => service.deliver(context, 'corr-1', PDF.invoiceId));
    const consent = sent[0].attachments?.[0];
    expect(consent?.contentType).toBe('application/vnd.microsoft.teams.card.file.consent');
    const offer = (consent?.content as { acceptContext: Record<string, unknown> }).acceptContext;

    // Live mode only trusts SharePoint; the loopback upload target is accepted here by running the accept in local mode.
    const local = serviceFor('local');
    const replies = await turn({}, (context) =>
      local.onFileConsentAccept(context, {
        action: 'accept',
        context: offer,
        uploadInfo: { name: PDF.fileName, uploadUrl, contentUrl: 'https://x/y.pdf', uniqueId: 'u1', fileType: 'pdf' },
      }),
    );
    expect(uploads).toHaveLength(1);
    expect(uploads[0].body.equals(PDF.bytes)).toBe(true);
    expect(uploads[0].headers['content-range']).toBe(`bytes 0-${PDF.bytes.length - 1}/${PDF.bytes.length}`);
    expect(replies[0].attachments?.[0].contentType).toBe('application/vnd.microsoft.teams.card.file.info');
  });

  it("refuses someone else's accepted offer and an upload location outside SharePoint", async () => {
    const service = serviceFor('live');
    const sent = await turn({}, (context) => service.deliver(context, 'corr-1', PDF.invoiceId));
    const offer = (sent[0].attachments?.[0].content as { acceptContext: Record<string, unknown> }).acceptContext;
    const before = uploads.length;
    const stranger = await turn({ from: { id: '29:m', name: 'Mallory', aadObjectId: 'aad-mallory' } }, (context) =>
      service.onFileConsentAccept(context, { action: 'accept', context: offer, uploadInfo: { uploadUrl } }),
    );
    expect(stranger[0].text).toMatch(/expired or is not yours/);
    const untrusted = await turn({}, (context) =>
      service.onFileConsentAccept(context, { action: 'accept', context: offer, uploadInfo: { uploadUrl } }),
    );
    expect(untrusted[0].text).toMatch(/don't trust/);
    expect(uploads.length).toBe(before);
  });

  it('gives a download link instead in local mode', async () => {
    const sent = await turn({}, (context) => serviceFor('local').deliver(context, 'corr-1', PDF.invoiceId));
    expect(JSON.stringify(sent[0].attachments?.[0].content)).toMatch(
      /https:\/\/bot\.example\.com\/downloads\/statements\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/,
    );
  });

  it('in a live group chat without App Service Authentication, points to the personal chat instead of a link', async () => {
    const sent = await turn({}, (context) => serviceFor('live').deliver(context, 'corr-1', PDF.invoiceId), 'groupChat');
    expect(sent).toHaveLength(1);
    expect(sent[0].attachments ?? []).toEqual([]);
    expect(sent[0].text).toContain('personal chat');
    expect(sent[0].text).toContain(`statement ${PDF.invoiceId}`);
    expect(JSON.stringify(sent)).not.toContain('/downloads/');

    const behindAuth = await turn(
      {},
      (context) => serviceFor('live', true).deliver(context, 'corr-1', PDF.invoiceId),
      'groupChat',
    );
    expect(JSON.stringify(behindAuth[0].attachments?.[0].content)).toContain('https://bot.example.com/downloads/');
  });
});

describe('statement downloads in live mode', () => {
  const lookups = { ...unusedPort<LookupService>('lookups'), getStatement: async () => PDF } as LookupService;
  const signer = new DownloadLinkSigner('a-secret-long-enough-for-tests');

  function service(behindAppServiceAuth: boolean, logged: string[] = []): StatementService {
    const note = (message: string) => logged.push(message);
    return new StatementService({
      lookups,
      signer,
      publicBaseUrl: () => 'https://bot.example.com',
      ttlSeconds: 300,
      mode: 'live',
      behindAppServiceAuth,
      logger: { info: note, warn: note, error: note },
    });
  }

  /** Runs the download handler with a valid link for `aad-alex`, as `caller` (the header App Service would set). */
  async function download(target: StatementService, caller: string): Promise<{ status: number; body: string }> {
    const token = signer.sign({ invoiceId: PDF.invoiceId, userKey: 'aad-alex', exp: Date.now() + 60_000 });
    const answer = { status: 0, body: '' };
    // Just the parts of restify's request and response the handler uses.
    const req = { params: { token }, header: (name: string) => (name === CALLER_OBJECT_ID_HEADER ? caller : '') };
    const res = {
      send: (status: number, body: string) => Object.assign(answer, { status, body }),
      writeHead: (status: number) => Object.assign(answer, { status }),
      end: (bytes: Buffer) => Object.assign(answer, { body: bytes.toString() }),
    };
    await target.handleDownload(req as unknown as Request, res as unknown as Response);
    return answer;
  }

  it('refuses every download with a 503 sentence unless App Service Authentication sets the caller header', async () => {
    const logged: string[] = [];
    const refused = await download(service(false, logged), 'aad-alex');
    expect(refused.status).toBe(503);
    expect(refused.body).toBe(DOWNLOADS_OFF_SENTENCE);
    expect(logged.join('\n')).toMatch(/DOWNLOADS_BEHIND_APP_SERVICE_AUTH/);
    expect(logged.filter((line) => line === 'statement download refused')).toHaveLength(1);

    const served = await download(service(true), 'aad-alex');
    expect(served).toEqual({ status: 200, body: PDF.bytes.toString() });
    expect((await download(service(true), 'aad-mallory')).status).toBe(403);
  });
});
