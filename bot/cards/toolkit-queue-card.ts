import type { Attachment } from 'botbuilder';
import type { Department, PlanSettings, ToolkitAnalysis } from '../../src/domain';
import { formatDay } from './card-text';
import { renderCard } from './render-card';
import template from './toolkit-queue.json';

/** The `verb` of the queue's Review buttons: the analysis' review card, in place of the list. */
export const TOOLKIT_REVIEW_OPEN_VERB = 'toolkitReviewOpen';

/**
 * Most analyses the queue lists (about 400 bytes each), so the message stays well under Teams'
 * 28 KB; the oldest come first, and the rest follow as those are reviewed.
 */
export const TOOLKIT_QUEUE_MAX = 25;

export type ToolkitQueueItem = {
  departmentId: string;
  analysisId: string;
  title: string;
  /** `Milwaukee Health Department · New · submitted by Renee Washington on Jun 15, 2021`. */
  line: string;
};

/** The view model of `toolkit-queue.json`: every department's analyses waiting for review. */
export type ToolkitQueueCardModel = {
  heading: string;
  summary: string;
  items: ToolkitQueueItem[];
  hasMore: boolean;
  more: string;
};

/**
 * The queue card's view model: at most `TOOLKIT_QUEUE_MAX` analyses, longest waiting first.
 * @param input.waiting the submitted analyses, longest waiting first.
 * @param input.names display names by person id.
 */
export function toolkitQueueCardModel(input: {
  plan: PlanSettings;
  waiting: ToolkitAnalysis[];
  departments: Department[];
  names: ReadonlyMap<string, string>;
}): ToolkitQueueCardModel {
  const { waiting } = input;
  const departmentName = new Map(input.departments.map((d) => [d.id, d.name]));
  const shown = waiting.slice(0, TOOLKIT_QUEUE_MAX);
  const hidden = waiting.length - shown.length;
  const departments = new Set(waiting.map((a) => a.departmentId)).size;
  return {
    heading: `${input.plan.terms.toolkit} analyses to review`,
    summary:
      waiting.length === 0
        ? 'Nothing is waiting for review.'
        : `${waiting.length} ${waiting.length === 1 ? 'analysis' : 'analyses'} from ${departments} ${
            departments === 1 ? 'department' : 'departments'
          }, longest waiting first. Review opens the whole analysis with Accept and Return.`,
    items: shown.map((a) => {
      const by = a.submittedBy ?? a.authorId;
      return {
        departmentId: a.departmentId,
        analysisId: a.id,
        title: a.title || 'Untitled analysis',
        line: [
          departmentName.get(a.departmentId) ?? a.departmentId,
          a.kind === 'existing' ? 'Existing' : 'New',
          `submitted by ${input.names.get(by) ?? by}${
            a.submittedAt ? ` on ${formatDay(a.submittedAt.slice(0, 10))}` : ''
          }`,
        ].join(' · '),
      };
    }),
    hasMore: hidden > 0,
    more:
      hidden > 0 ? `${hidden} more after these: type **review** again once these are done.` : '',
  };
}

/** The review queue, bound and ready to send. */
export function renderToolkitQueueCard(model: ToolkitQueueCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const toolkitQueueTemplate: object = template;
