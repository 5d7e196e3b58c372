import template from './templates/notice.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';

/**
 * What a notice card says, as card markdown written by the bot: any Partner Center value or typed text in it must
 * already have gone through `safeForMarkdown`.
 */
export interface NoticeCardData {
  title: string;
  text: string;
}

const expand = compileCardTemplate<NoticeCardData>(template);

/**
 * Draws a small button-less card, used to replace a confirmation card once it has been used so that its buttons
 * can no longer be pressed.
 */
export function renderNoticeCard(data: NoticeCardData): AdaptiveCardJson {
  return expand({ title: data.title, text: data.text });
}
