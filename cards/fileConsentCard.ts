import { safeForPlainText } from './untrustedText';
import { textFor } from '../i18n/text';

/** The Teams attachment that asks the user to accept a file into their OneDrive before the bot uploads it. */
export interface FileConsentAttachment {
  contentType: 'application/vnd.microsoft.teams.card.file.consent';
  name: string;
  content: {
    description: string;
    sizeInBytes: number;
    acceptContext: object;
    declineContext: object;
  };
}

/** The Teams attachment that shows a file the bot has uploaded to the user's OneDrive. */
export interface FileInfoAttachment {
  contentType: 'application/vnd.microsoft.teams.card.file.info';
  contentUrl: string;
  name: string;
  content: { uniqueId: string; fileType: string };
}

/** What the consent card offers; the contexts come back in the `fileConsent/invoke` activity's value. */
export interface FileConsentCardData {
  /** The reader's locale (the card's description is in their language). */
  locale?: string;
  invoiceId: string;
  fileName: string;
  sizeInBytes: number;
  acceptContext: object;
  declineContext: object;
}

/** What Teams needs to show an uploaded file: OneDrive's unique id and content URL, the file name and extension. */
export interface FileInfoCardData {
  uniqueId: string;
  fileType: string;
  contentUrl: string;
  name: string;
}

/**
 * Builds the file consent card that offers an invoice statement PDF. Not an Adaptive Card: Teams draws it itself
 * with Allow/Decline and answers with an invoke carrying the matching context. A negative or fractional size is a
 * caller bug, so it throws instead of showing the user a wrong size. The file name and invoice id come from Partner
 * Center, so they are kept to one bounded line of plain text (this card shows no markdown).
 */
export function fileConsentCard(data: FileConsentCardData): FileConsentAttachment {
  if (!Number.isSafeInteger(data.sizeInBytes) || data.sizeInBytes < 0) {
    throw new RangeError(`sizeInBytes must be a whole number of bytes, got ${data.sizeInBytes}`);
  }
  return {
    contentType: 'application/vnd.microsoft.teams.card.file.consent',
    name: safeForPlainText(data.fileName, 'name'),
    content: {
      description: textFor(data.locale)('statement.fileDescription', { id: safeForPlainText(data.invoiceId, 'id') }),
      sizeInBytes: data.sizeInBytes,
      acceptContext: data.acceptContext,
      declineContext: data.declineContext,
    },
  };
}

/**
 * Builds the file info card that shows the uploaded statement in the chat once the upload has finished. The file
 * type is the extension without a dot, as Teams expects ("pdf").
 */
export function fileInfoCard(data: FileInfoCardData): FileInfoAttachment {
  return {
    contentType: 'application/vnd.microsoft.teams.card.file.info',
    contentUrl: data.contentUrl,
    name: safeForPlainText(data.name, 'name'),
    content: { uniqueId: data.uniqueId, fileType: data.fileType.replace(/^\./, '').toLowerCase() },
  };
}
