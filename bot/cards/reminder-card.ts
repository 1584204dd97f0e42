import type { Attachment } from 'botbuilder';
import type { IsoDate, Tier } from '../../src/domain';
import { formatDay, waveLabel } from './card-text';
import { renderCard } from './render-card';
import template from './reminder.json';

/** The verb of the reminder's "I completed it" button. */
export const CONFIRM_REMINDER_VERB = 'confirmReminder';

/** What the reminder card is built from. */
export type ReminderInput = {
  trainingId: string;
  title: string;
  courseUrl: string;
  waveId: string;
  sequence: number;
  tier: Tier;
  opensOn: IsoDate;
  dueOn: IsoDate;
  today: IsoDate;
  /** Shown under the date field when a confirmation was refused. */
  error?: string;
};

/** The view model of `reminder.json`. */
export type ReminderCardModel = {
  trainingId: string;
  waveId: string;
  title: string;
  courseUrl: string;
  waveLabel: string;
  dueLabel: string;
  opensOn: IsoDate;
  opensLabel: string;
  today: IsoDate;
  hasError: boolean;
  error: string;
};

export function reminderCardModel(input: ReminderInput): ReminderCardModel {
  return {
    trainingId: input.trainingId,
    waveId: input.waveId,
    title: input.title,
    courseUrl: input.courseUrl,
    waveLabel: waveLabel(input.sequence, input.tier),
    dueLabel: formatDay(input.dueOn),
    opensOn: input.opensOn,
    opensLabel: formatDay(input.opensOn),
    today: input.today,
    hasError: input.error !== undefined,
    error: input.error ?? '',
  };
}

/**
 * The reminder a campaign sends: the training, its wave, the due date, the course, and "I
 * completed it" with the date (today unless changed; the server refuses a date in the future or
 * before the wave opened).
 */
export function renderReminderCard(input: ReminderInput): Attachment {
  return renderCard(template, reminderCardModel(input));
}

/** The template, for schema tests. */
export const reminderTemplate: object = template;
