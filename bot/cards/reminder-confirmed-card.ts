import type { Attachment } from 'botbuilder';
import { renderCard } from './render-card';
import { tabPageLink, type TabAddress } from './tab-links';
import template from './reminder-confirmed.json';

/** The view model of `reminder-confirmed.json`: what a reminder turns into once confirmed. */
export type ReminderConfirmedModel = {
  title: string;
  text: string;
  /** Where the tab is; the card links its "My plan" page. */
  tabUrl: TabAddress;
};

export function renderReminderConfirmedCard(model: ReminderConfirmedModel): Attachment {
  return renderCard(template, { ...model, tabUrl: tabPageLink(model.tabUrl, { view: 'my-plan' }) });
}

/** The template, for schema tests. */
export const reminderConfirmedTemplate: object = template;
