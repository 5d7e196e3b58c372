import { safeForPlainText } from './untrustedText';

/** A Teams thumbnail card: how one result is listed in the compose box's search (plain text only). */
export interface SearchPreviewCard {
  contentType: 'application/vnd.microsoft.card.thumbnail';
  content: { title: string; subtitle?: string; text?: string };
}

/** What one search result lists: a heading and up to two lines under it, each from Partner Center (untrusted). */
export interface SearchPreviewData {
  title: string;
  subtitle?: string;
  text?: string;
}

/**
 * Draws one result of the message extension's search as Teams lists it under the compose box. Teams shows these
 * fields as plain text, so Partner Center's names and ids are neutralised and bounded as plain text.
 */
export function renderSearchPreview(data: SearchPreviewData): SearchPreviewCard {
  return {
    contentType: 'application/vnd.microsoft.card.thumbnail',
    content: {
      title: safeForPlainText(data.title, 'name'),
      ...(data.subtitle ? { subtitle: safeForPlainText(data.subtitle, 'id') } : {}),
      ...(data.text ? { text: safeForPlainText(data.text, 'sentence') } : {}),
    },
  };
}
