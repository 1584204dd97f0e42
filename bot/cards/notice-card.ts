import type { Attachment } from 'botbuilder';
import { renderCard } from './render-card';
import template from './notice.json';

/**
 * The view model of `notice.json`: a heading and a sentence, for invoke answers that have no
 * record to show (the person is not on the roster, the button is from an older card).
 */
export type NoticeCardModel = { title: string; text: string };

export function renderNoticeCard(model: NoticeCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const noticeTemplate: object = template;
