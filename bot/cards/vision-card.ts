import { randomUUID } from 'node:crypto';
import type { Attachment } from 'botbuilder';
import type { Department, IsoDate, PlanSettings, VisionStatement } from '../../src/domain';
import type { VisionField } from '../../src/services/forms/vision-service';
import { formatDay } from './card-text';
import { shortened } from './people-choices';
import { renderCard } from './render-card';
import template from './vision.json';

/**
 * The longest statement the card's field takes (its `maxLength`): a vision is a paragraph or
 * two, and the field's value travels in the message, within Teams' ~28 KB. The column holds
 * 63,999 characters; a longer statement stored some other way is shown in part, not prefilled.
 */
export const VISION_CARD_MAX = 4_000;

/** How much of the current statement the form shows above its field, which holds it all. */
const CURRENT_SHOWN = 1_000;
/** How much of each earlier version the cards show. */
const EARLIER_SHOWN = 280;
/** How many earlier versions the cards show, newest first. */
export const EARLIER_VERSIONS_SHOWN = 5;

/** One version as the cards show it: the text (maybe shortened) and a line about it. */
export type VisionVersionModel = { text: string; meta: string };

/** The earlier versions, newest first, under a heading that says how many there are. */
export type VisionHistoryModel = {
  hasHistory: boolean;
  historyHeading: string;
  history: VisionVersionModel[];
};

/** What the lead entered, kept when the card comes back with a message beside a field. */
export type VisionValues = Partial<Record<VisionField, string>>;

/** The view model of `vision.json`: the vision as adopted, its history, and a new version. */
export type VisionCardModel = VisionHistoryModel & {
  departmentId: string;
  departmentName: string;
  /** The id the new version will be stored under: a resent press stores it once. */
  visionId: string;
  summary: string;
  hasNotice: boolean;
  notice: string;
  hasCurrent: boolean;
  current: VisionVersionModel;
  textLabel: string;
  statement: string;
  hasTextError: boolean;
  textError: string;
  periodStart: IsoDate;
  today: IsoDate;
  adoptedOn: string;
  hasDateError: boolean;
  dateError: string;
};

/** Names of the people who recorded versions, by person id. */
export type RecorderNames = ReadonlyMap<string, string>;

/** `Version 2 · adopted Mar 1, 2021 · recorded by Renee Washington on Mar 2, 2021`. */
export function visionMeta(vision: VisionStatement, recorders: RecorderNames): string {
  const by = recorders.get(vision.recordedBy) ?? vision.recordedBy;
  return `Version ${vision.version} · adopted ${formatDay(vision.adoptedOn)} · recorded by ${by} on ${formatDay(vision.recordedAt.slice(0, 10))}`;
}

/**
 * The versions before `versions[0]` (newest first), each shortened, at most
 * `EARLIER_VERSIONS_SHOWN` of them.
 */
export function visionHistoryModel(
  versions: readonly VisionStatement[],
  recorders: RecorderNames,
): VisionHistoryModel {
  const earlier = versions.slice(1);
  const shown = earlier.slice(0, EARLIER_VERSIONS_SHOWN);
  return {
    hasHistory: earlier.length > 0,
    historyHeading:
      earlier.length > shown.length
        ? `Earlier versions: ${earlier.length}, the latest ${shown.length} shown`
        : `Earlier ${earlier.length === 1 ? 'version' : 'versions'}, newest first`,
    history: shown.map((v) => ({
      text: shortened(v.text, EARLIER_SHOWN),
      meta: visionMeta(v, recorders),
    })),
  };
}

/**
 * The form's view model: prefilled with the current version (when the field can hold it) unless
 * `input.values` keeps what was entered.
 * @param input.versions every version of the department, newest first.
 * @param input.visionId the id of the version this card adopts; a new one when absent.
 */
export function visionCardModel(input: {
  department: Department;
  versions: readonly VisionStatement[];
  recorders: RecorderNames;
  plan: PlanSettings;
  today: IsoDate;
  visionId?: string;
  values?: VisionValues;
  errors?: Partial<Record<VisionField, string>>;
  notice?: string;
}): VisionCardModel {
  const { department, versions, recorders, plan, errors = {} } = input;
  const current = versions[0];
  const fits = current !== undefined && current.text.length <= VISION_CARD_MAX;
  const values = input.values ?? {
    text: fits ? current.text : '',
    adoptedOn: current?.adoptedOn ?? '',
  };
  return {
    ...visionHistoryModel(versions, recorders),
    departmentId: department.id,
    departmentName: department.name,
    visionId: input.visionId ?? randomUUID(),
    summary: current
      ? `${department.name} adopted its racial equity vision on ${formatDay(current.adoptedOn)}. A new version keeps this one in the history.`
      : `${department.name} has not adopted a racial equity vision statement yet.`,
    hasNotice: input.notice !== undefined,
    notice: input.notice ?? '',
    hasCurrent: current !== undefined,
    current: current
      ? {
          text: shortened(current.text, fits ? CURRENT_SHOWN : VISION_CARD_MAX),
          meta: visionMeta(current, recorders),
        }
      : { text: '', meta: '' },
    textLabel: current
      ? fits
        ? 'The statement (edit it for a new version)'
        : `The statement (the current one is longer than ${VISION_CARD_MAX.toLocaleString('en-US')} characters: type the new version in full)`
      : 'The statement',
    statement: shortened(values.text ?? '', VISION_CARD_MAX),
    hasTextError: errors.text !== undefined,
    textError: errors.text ?? '',
    periodStart: plan.period.start,
    today: input.today,
    adoptedOn: values.adoptedOn ?? '',
    hasDateError: errors.adoptedOn !== undefined,
    dateError: errors.adoptedOn ?? '',
  };
}

/** The vision form, bound and ready to send or to answer an invoke with. */
export function renderVisionCard(model: VisionCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const visionTemplate: object = template;
