import { randomUUID } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import type { FileConsentCardResponse } from 'botbuilder';
import axios from 'axios';
import type { Request, Response } from 'restify';
import { fileConsentCard, fileInfoCard } from '../../cards/fileConsentCard';
import { renderDownloadCard } from '../../cards/renderDownloadCard';
import { safeForMarkdown } from '../../cards/untrustedText';
import { callContextOf, callUserOf } from '../../dialogs/callContext';
import { SignInRequiredError } from '../../services/partnerCenter/auth/SignInRequiredError';
import { userKeyOf } from '../../dialogs/userKeyOf';
import { cardMessage } from '../../dialogs/cardMessage';
import type { StatementDelivery } from '../../dialogs/lookups/deliveryPorts';
import type { LookupService } from '../../services/lookups/types';
import { describePurchaseFailure } from '../../services/purchase/describePurchaseFailure';
import type { Logger } from '../logger';
import { DownloadLinkSigner } from './DownloadLinkSigner';
import { uploadUrlAllowed } from './uploadUrlAllowed';
import { textFor } from '../../i18n/text';

/** How statements reach users in this deployment. */
export interface StatementServiceOptions {
  lookups: LookupService;
  signer: DownloadLinkSigner;
  /** Base of the links (`https://bot.example.com`); the route is `/downloads/statements/<token>`. */
  publicBaseUrl: () => string;
  ttlSeconds: number;
  /** Live: Teams personal chats get the file itself; the download endpoint demands the caller's identity. */
  mode: 'local' | 'live';
  /**
   * Live mode: App Service Authentication stands in front of `/downloads`, strips any {@link CALLER_OBJECT_ID_HEADER}
   * a caller sends and sets it to the signed-in user (`DOWNLOADS_BEHIND_APP_SERVICE_AUTH`). Without that promise the
   * header is only the caller's claim, so live mode serves no download and offers no link.
   */
  behindAppServiceAuth?: boolean;
  logger: Logger;
  now?: () => number;
}

/** Header Azure App Service Authentication (Entra) sets to the signed-in caller's object id. */
export const CALLER_OBJECT_ID_HEADER = 'x-ms-client-principal-id';

/** What a download gets while live links are off, and what the log says about it. */
export const DOWNLOADS_OFF_SENTENCE =
  'Statement downloads are turned off on this bot: its administrator has not confirmed that App Service Authentication protects this address. Ask the bot for the statement in a personal chat in Teams instead.';
const DOWNLOADS_OFF_LOG =
  'statement download links are off in MODE=live: set DOWNLOADS_BEHIND_APP_SERVICE_AUTH=true once App Service Authentication protects /downloads';

interface ConsentContext {
  invoiceId: string;
  token: string;
}

/**
 * Hands invoice statement PDFs to the user who asked: in a Teams personal chat as a file they accept (file consent
 * flow, uploaded to their OneDrive); elsewhere, and locally, as a download link served by the bot that works only for
 * that user and only for a short time. The bytes always come fresh from Partner Center, as that user. In live mode a
 * link is only as safe as the caller identity behind it, so links exist only behind App Service Authentication.
 */
export class StatementService implements StatementDelivery {
  private readonly now: () => number;

  constructor(private readonly options: StatementServiceOptions) {
    this.now = options.now ?? Date.now;
    if (!this.linksAllowed()) options.logger.warn(DOWNLOADS_OFF_LOG, {});
  }

  /** Locally the links are loopback-only; live, only when App Service Authentication names the caller. */
  private linksAllowed(): boolean {
    return this.options.mode === 'local' || this.options.behindAppServiceAuth === true;
  }

  private usesFileConsent(context: TurnContext): boolean {
    return (
      this.options.mode === 'live' &&
      context.activity.channelId === 'msteams' &&
      context.activity.conversation?.conversationType === 'personal'
    );
  }

  private grantFor(context: TurnContext, invoiceId: string): string {
    const { signIn } = callUserOf(context);
    return this.options.signer.sign({
      invoiceId,
      userKey: userKeyOf(context),
      userName: context.activity.from?.name,
      ...(signIn ? { signIn } : {}),
      exp: this.now() + this.options.ttlSeconds * 1000,
    });
  }

  async deliver(context: TurnContext, correlationId: string, invoiceId: string): Promise<void> {
    if (!this.usesFileConsent(context) && !this.linksAllowed()) {
      // A personal chat can take the file itself; a link here would open for whoever claims to be the person.
      await context.sendActivity(
        textFor(context.activity.locale)('statement.personalChatOnly', { id: safeForMarkdown(invoiceId, 'id') }),
      );
      return;
    }
    // Read it now so an unknown invoice or missing permission is said in chat, not on a broken download.
    const file = await this.options.lookups.getStatement(callContextOf(context, correlationId), invoiceId);
    const token = this.grantFor(context, file.invoiceId);
    if (this.usesFileConsent(context)) {
      const consent: ConsentContext = { invoiceId: file.invoiceId, token };
      await context.sendActivity({
        attachments: [
          fileConsentCard({
            locale: context.activity.locale,
            invoiceId: file.invoiceId,
            fileName: file.fileName,
            sizeInBytes: file.bytes.length,
            acceptContext: consent,
            declineContext: consent,
          }),
        ],
      });
      return;
    }
    const expiresAt = new Date(this.now() + this.options.ttlSeconds * 1000).toISOString();
    const url = `${this.options.publicBaseUrl()}/downloads/statements/${token}`;
    await context.sendActivity(
      cardMessage(
        renderDownloadCard({
          invoiceId: file.invoiceId,
          url,
          expiresAt,
          locale: context.activity.locale || 'en-US',
          timeZone: context.activity.localTimezone || undefined,
        }),
      ),
    );
  }

  /** The user accepted the file: upload it to the OneDrive location Teams gave, then show it in chat. */
  async onFileConsentAccept(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
    const consent = response.context as Partial<ConsentContext> | undefined;
    const verified = this.options.signer.verify(String(consent?.token ?? ''));
    if (
      !verified.ok ||
      verified.grant.userKey !== userKeyOf(context) ||
      verified.grant.invoiceId !== consent?.invoiceId
    ) {
      await context.sendActivity(textFor(context.activity.locale)('statement.offerExpired'));
      return;
    }
    const upload = response.uploadInfo;
    if (!upload?.uploadUrl || !uploadUrlAllowed(upload.uploadUrl, this.options.mode === 'local')) {
      this.options.logger.warn('file consent upload refused', { reason: 'upload url not allowed' });
      await context.sendActivity(textFor(context.activity.locale)('statement.untrustedUpload'));
      return;
    }
    try {
      const file = await this.options.lookups.getStatement(
        callContextOf(context, randomUUID()),
        verified.grant.invoiceId,
      );
      await axios.put(upload.uploadUrl, file.bytes, {
        headers: {
          'Content-Type': file.contentType,
          'Content-Range': `bytes 0-${file.bytes.length - 1}/${file.bytes.length}`,
        },
        maxRedirects: 0,
        timeout: 60_000,
      });
      await context.sendActivity({
        attachments: [
          fileInfoCard({
            uniqueId: upload.uniqueId ?? '',
            fileType: upload.fileType ?? 'pdf',
            contentUrl: upload.contentUrl ?? '',
            name: upload.name ?? file.fileName,
          }),
        ],
      });
    } catch (error) {
      this.options.logger.error('statement upload failed', {
        error: error instanceof Error ? error.message : 'unknown',
      });
      const say = textFor(context.activity.locale);
      const failure = describePurchaseFailure(error);
      const reason = failure.key ? say(failure.key, failure.values) : failure.sentence;
      await context.sendActivity(say('statement.sendFailed', { reason: safeForMarkdown(reason, 'sentence') }));
    }
  }

  async onFileConsentDecline(context: TurnContext): Promise<void> {
    await context.sendActivity(textFor(context.activity.locale)('statement.declined'));
  }

  /** `GET /downloads/statements/:token`: the PDF for the user the link was made for, while it lasts. */
  async handleDownload(req: Request, res: Response): Promise<void> {
    if (!this.linksAllowed()) {
      this.options.logger.warn('statement download refused', { reason: DOWNLOADS_OFF_LOG });
      res.send(503, DOWNLOADS_OFF_SENTENCE, {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
      });
      return;
    }
    const token = String((req.params as Record<string, unknown>).token ?? '');
    const verified = this.options.signer.verify(token);
    if (!verified.ok) {
      const status = verified.reason === 'expired' ? 410 : 403;
      const text =
        verified.reason === 'expired'
          ? 'This download link has expired. Ask the bot for the statement again.'
          : 'This download link is not valid.';
      res.send(status, text, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      return;
    }
    const caller = req.header(CALLER_OBJECT_ID_HEADER);
    if (caller ? caller !== verified.grant.userKey : this.options.mode === 'live') {
      res.send(403, 'This download link belongs to someone else.', {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
      });
      return;
    }
    try {
      const file = await this.options.lookups.getStatement(
        {
          correlationId: randomUUID(),
          user: {
            id: verified.grant.userKey,
            name: verified.grant.userName,
            ...(verified.grant.signIn ? { signIn: verified.grant.signIn } : {}),
          },
        },
        verified.grant.invoiceId,
      );
      res.writeHead(200, {
        'content-type': file.contentType,
        'content-length': file.bytes.length,
        'content-disposition': `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
        'cache-control': 'no-store',
      });
      res.end(file.bytes);
    } catch (error) {
      if (error instanceof SignInRequiredError) {
        res.send(
          403,
          'You are not signed in to the bot any more. Type "sign in" in Teams, then ask for the statement again.',
          {
            'content-type': 'text/plain; charset=utf-8',
            'cache-control': 'no-store',
          },
        );
        return;
      }
      this.options.logger.error('statement download failed', {
        error: error instanceof Error ? error.message : 'unknown',
      });
      res.send(502, `Partner Center could not provide the statement: ${describePurchaseFailure(error).sentence}`, {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
      });
    }
  }
}
