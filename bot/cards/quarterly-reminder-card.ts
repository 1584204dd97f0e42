import { MessageFactory, type Activity, type Attachment } from 'botbuilder';
import type { QuarterlyReminderContent } from '../../src/services/forms/quarterly-reminder';
import { quarterLabel } from '../../src/services/forms/strategy-status-service';
import { formatDay } from './card-text';
import { renderCard } from './render-card';
import template from './quarterly-reminder.json';

/** The view model of `quarterly-reminder.json`: what a lead has still to report this quarter. */
export type QuarterlyReminderCardModel = {
  departmentId: string;
  heading: string;
  text: string;
  strategies: Array<{ id: string; text: string }>;
};

/** Strategy texts on the reminder are cut to this many characters: the form shows them whole. */
const TEXT_SHOWN = 160;

/** The reminder's view model: strategy texts shortened, the form shows them whole. */
export function quarterlyReminderCardModel(
  content: QuarterlyReminderContent,
): QuarterlyReminderCardModel {
  const { lead, department, quarter, strategies } = content;
  const label = quarterLabel(quarter);
  const first = lead.displayName.split(' ')[0] ?? lead.displayName;
  const n = strategies.length;
  return {
    departmentId: department.id,
    heading: `Strategy status due for ${label}`,
    text:
      `${first}, ${department.name} has not reported the ${label} status of ` +
      `${n === 1 ? 'this strategy' : `these ${n} strategies`} yet. ` +
      `The quarter ends on ${formatDay(content.dueOn)}; it takes a minute.`,
    strategies: strategies.map((s) => ({
      id: s.id,
      text: s.text.length > TEXT_SHOWN ? `${s.text.slice(0, TEXT_SHOWN - 1).trimEnd()}…` : s.text,
    })),
  };
}

/** The reminder card, bound. */
export function renderQuarterlyReminderCard(model: QuarterlyReminderCardModel): Attachment {
  return renderCard(template, model);
}

/** The message a lead gets: the card, with a summary for the notification. */
export function quarterlyReminderActivity(content: QuarterlyReminderContent): Partial<Activity> {
  const card = renderQuarterlyReminderCard(quarterlyReminderCardModel(content));
  const activity = MessageFactory.attachment(card);
  activity.summary = `Strategy status due for ${quarterLabel(content.quarter)}`;
  return activity;
}

/** The card's template, for schema tests. */
export const quarterlyReminderTemplate: object = template;
