import type { Attachment } from 'botbuilder';
import type { Department } from '../../src/domain';
import type { VisionOutcome } from '../../src/services/forms/vision-service';
import { formatDay } from './card-text';
import { shortened } from './people-choices';
import { renderCard } from './render-card';
import {
  VISION_CARD_MAX,
  visionHistoryModel,
  visionMeta,
  type RecorderNames,
  type VisionHistoryModel,
  type VisionVersionModel,
} from './vision-card';
import template from './vision-result.json';

/** The view model of `vision-result.json`: the version saved (or found) and the ones before it. */
export type VisionResultCardModel = VisionHistoryModel & {
  departmentId: string;
  title: string;
  summary: string;
  vision: VisionVersionModel;
};

const TITLES: Record<VisionOutcome['kind'], string> = {
  adopted: 'Vision adopted',
  'already-saved': 'Already saved',
  unchanged: 'Already the current vision',
};

export function visionResultCardModel(input: {
  outcome: VisionOutcome;
  department: Department;
  recorders: RecorderNames;
}): VisionResultCardModel {
  const { outcome, department, recorders } = input;
  const { vision, versions } = outcome;
  const adopted = formatDay(vision.adoptedOn);
  const summaries: Record<VisionOutcome['kind'], string> = {
    adopted:
      vision.version === 1
        ? `${department.name} adopted its racial equity vision on ${adopted}.`
        : `Version ${vision.version} of the vision of ${department.name}, adopted on ${adopted}; the earlier versions are kept below.`,
    'already-saved': `This version (${vision.version}, adopted on ${adopted}) was saved already, so nothing new was stored.`,
    unchanged: `The vision of ${department.name} already reads so, adopted on ${adopted}, so nothing was stored.`,
  };
  // The history is what came before the version shown.
  const at = versions.findIndex((v) => v.id === vision.id);
  return {
    ...visionHistoryModel(at >= 0 ? versions.slice(at) : [vision], recorders),
    departmentId: department.id,
    title: TITLES[outcome.kind],
    summary: summaries[outcome.kind],
    vision: { text: shortened(vision.text, VISION_CARD_MAX), meta: visionMeta(vision, recorders) },
  };
}

/** The vision as saved, in place of the form. */
export function renderVisionResultCard(model: VisionResultCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const visionResultTemplate: object = template;
