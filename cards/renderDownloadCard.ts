import template from './templates/download.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { formatDateTime } from './format';
import { safeForMarkdown } from './untrustedText';
import { textFor } from '../i18n/text';

/** What the download card shows. */
export interface DownloadCardData {
  invoiceId: string;
  /** An http(s) link to the statement PDF, valid only for the user it was made for. */
  url: string;
  /** ISO 8601: when the link stops working. */
  expiresAt: string;
  locale: string;
  /** IANA zone of the reader (Teams `localTimezone`); times are shown in UTC without it. */
  timeZone?: string;
}

interface DownloadView {
  title: string;
  button: string;
  url: string;
  expiryText: string;
}

const expand = compileCardTemplate<DownloadView>(template);

function httpUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('The statement link is not a valid URL.');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`The statement link must be http(s), not ${parsed.protocol}`);
  }
  return parsed.href;
}

/**
 * Draws a card with a Download PDF link to an invoice statement, for clients that cannot take a file (the file
 * consent card is the first choice in personal chat). Its button is the only one that opens a URL instead of
 * submitting, so the URL is checked to be http(s) and anything else throws rather than reaching the user.
 */
export function renderDownloadCard(data: DownloadCardData): AdaptiveCardJson {
  const url = httpUrl(data.url);
  const until = formatDateTime(data.expiresAt, data.locale, data.timeZone);
  const say = textFor(data.locale);
  return expand({
    title: say('download.title', { invoiceId: safeForMarkdown(data.invoiceId, 'id') }),
    button: say('download.button'),
    url,
    expiryText: until ? say('download.until', { time: until }) : say('download.shortTime'),
  });
}
