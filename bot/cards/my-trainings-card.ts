import type { Attachment } from 'botbuilder';
import type { MyTraining } from '../../src/services/training-service';
import { formatDay, waveLabel } from './card-text';
import { renderCard } from './render-card';
import { tabPageLink, type TabAddress } from './tab-links';
import template from './my-trainings.json';

/** Adaptive Card text colours the card uses. */
export type CardColor = 'default' | 'good' | 'attention' | 'warning';

/** Something to tell the person on the card: beside one training, or above them all. */
export type CardNotice = {
  /** The training the notice is about; above the list when it names none the person has. */
  trainingId?: string;
  tone: 'good' | 'attention' | 'default';
  text: string;
};

/** One required training, as its row on the card shows it. */
export type TrainingRowModel = {
  trainingId: string;
  title: string;
  courseUrl: string;
  /** `Wave 3 · all employees`. */
  waveLabel: string;
  /** `Sep 30, 2021`. */
  dueLabel: string;
  /** `Done on Jun 2, 2021`, `Overdue`, `Open`, `Not open yet: opens May 1, 2021`. */
  statusLabel: string;
  statusColor: CardColor;
  /** True when the wave is open (or past due) and the person has not confirmed it yet. */
  canConfirm: boolean;
  hasMessage: boolean;
  /** What happened when the person pressed "I completed this"; empty when nothing did. */
  message: string;
  messageColor: CardColor;
};

/** The view model of `my-trainings.json`. */
export type MyTrainingsCardModel = {
  /** `Jordan Rivera · 2 required · 1 done · 1 overdue`. */
  summary: string;
  hasNotice: boolean;
  notice: { text: string; color: CardColor; style: 'default' | 'good' | 'attention' };
  hasTrainings: boolean;
  trainings: TrainingRowModel[];
  /** The Progress tab: a Teams deep link once the app's Teams id is known. */
  tabUrl: string;
};

const TONE_COLOR: Record<CardNotice['tone'], CardColor> = {
  good: 'good',
  attention: 'attention',
  default: 'default',
};

function status(t: MyTraining): Pick<TrainingRowModel, 'statusLabel' | 'statusColor'> {
  if (t.completedOn)
    return { statusLabel: `Done on ${formatDay(t.completedOn)}`, statusColor: 'good' };
  switch (t.state) {
    case 'overdue':
      return { statusLabel: 'Overdue', statusColor: 'attention' };
    case 'open':
      return { statusLabel: 'Open', statusColor: 'default' };
    case 'not_open':
      return { statusLabel: `Not open yet: opens ${formatDay(t.opensOn)}`, statusColor: 'default' };
    case 'closed':
      return { statusLabel: 'Closed', statusColor: 'default' };
  }
}

function summary(personName: string, trainings: MyTraining[]): string {
  const done = trainings.filter((t) => t.completedOn).length;
  const overdue = trainings.filter((t) => !t.completedOn && t.state === 'overdue').length;
  const parts = [personName, `${trainings.length} required`, `${done} done`];
  if (overdue > 0) parts.push(`${overdue} overdue`);
  return parts.join(' · ');
}

/**
 * The card's view model from the person's trainings.
 * @param notice shown beside the training it names, or above the list when it names none of them.
 */
export function myTrainingsCardModel(input: {
  personName: string;
  trainings: MyTraining[];
  tabUrl: TabAddress;
  notice?: CardNotice;
}): MyTrainingsCardModel {
  const { notice } = input;
  const onRow =
    notice?.trainingId !== undefined &&
    input.trainings.some((t) => t.trainingId === notice.trainingId);
  const rows = input.trainings.map((t): TrainingRowModel => {
    const message = onRow && notice?.trainingId === t.trainingId ? notice : undefined;
    return {
      trainingId: t.trainingId,
      title: t.title,
      courseUrl: t.courseUrl,
      waveLabel: waveLabel(t.sequence, t.tier),
      dueLabel: formatDay(t.dueOn),
      ...status(t),
      canConfirm: !t.completedOn && (t.state === 'open' || t.state === 'overdue'),
      hasMessage: message !== undefined,
      message: message?.text ?? '',
      messageColor: message ? TONE_COLOR[message.tone] : 'default',
    };
  });
  const top = notice && !onRow ? notice : undefined;
  return {
    summary: summary(input.personName, input.trainings),
    hasNotice: top !== undefined,
    notice: {
      text: top?.text ?? '',
      color: top ? TONE_COLOR[top.tone] : 'default',
      style: top?.tone === 'attention' ? 'attention' : top?.tone === 'good' ? 'good' : 'default',
    },
    hasTrainings: rows.length > 0,
    trainings: rows,
    // Everyone has My plan (their trainings); the Progress tab is for the officer and the teams.
    tabUrl: tabPageLink(input.tabUrl, { view: 'my-plan' }),
  };
}

/** The "my trainings" card, bound and ready to send or to answer an invoke with. */
export function renderMyTrainingsCard(model: MyTrainingsCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const myTrainingsTemplate: object = template;
