import type { Attachment } from 'botbuilder';
import { renderCard } from './render-card';
import template from './reminder-confirmed.json';

/** The view model of `reminder-confirmed.json`: what a reminder turns into once confirmed. */
export type ReminderConfirmedModel = { title: string; text: string; tabUrl: string };

export function renderReminderConfirmedCard(model: ReminderConfirmedModel): Attachment {
  return renderCard(template, model);
}

/** The template, for schema tests. */
export const reminderConfirmedTemplate: object = template;
