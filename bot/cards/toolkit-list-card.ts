import type { Attachment } from 'botbuilder';
import type { Department, PlanSettings, ToolkitAnalysis } from '../../src/domain';
import { formatDay } from './card-text';
import { renderCard } from './render-card';
import { stepLine, TOOLKIT_STATUS_LABELS } from './toolkit-card';
import template from './toolkit-list.json';

/**
 * The `verb` of the buttons that open an analysis where it was left (Resume, the outcome card's
 * Open) or a new one's first step (Start a new analysis, without `analysisId`).
 */
export const TOOLKIT_OPEN_VERB = 'toolkitOpen';

/** Most analyses the list shows, so the message stays well under Teams' 28 KB. */
export const TOOLKIT_LIST_MAX = 15;

/** Longest stretch of a returned analysis' comment the list shows. */
const COMMENT_SHOWN_MAX = 280;

/** One analysis still being written, with its Resume button. */
export type ToolkitListItem = {
  analysisId: string;
  title: string;
  /** `Draft · Step 3 of 6 · Community engagement · last saved by Renee Washington on Jun 15, 2021`. */
  line: string;
  hasComment: boolean;
  comment: string;
};

/** The view model of `toolkit-list.json`: a department's drafts and returned analyses. */
export type ToolkitListCardModel = {
  departmentId: string;
  departmentName: string;
  heading: string;
  summary: string;
  analyses: ToolkitListItem[];
  hasMore: boolean;
  more: string;
  hasWaiting: boolean;
  waiting: string;
};

/**
 * The list card's view model: each analysis with its status, step and who saved it last.
 * @param input.open the department's drafts and returned analyses, last saved first.
 * @param input.names display names of the people who saved or reviewed them, by person id.
 * @param input.lastSavedBy who saved each analysis last, by analysis id.
 * @param input.waiting how many of the department's analyses wait for review.
 */
export function toolkitListCardModel(input: {
  department: Department;
  plan: PlanSettings;
  open: ToolkitAnalysis[];
  lastSavedBy: ReadonlyMap<string, string>;
  names: ReadonlyMap<string, string>;
  waiting: number;
}): ToolkitListCardModel {
  const { department, plan, open, names } = input;
  const name = (id: string | undefined) => (id ? (names.get(id) ?? id) : 'someone');
  const shown = open.slice(0, TOOLKIT_LIST_MAX);
  const hidden = open.length - shown.length;
  return {
    departmentId: department.id,
    departmentName: department.name,
    heading: `${plan.terms.toolkit} analyses`,
    summary: `${department.name}: ${open.length} ${
      open.length === 1 ? 'analysis' : 'analyses'
    } still being written. Resume one where it was left, or start a new analysis.`,
    analyses: shown.map((a) => {
      const comment = a.reviewComment ?? '';
      const returned = a.status === 'returned' && comment !== '';
      return {
        analysisId: a.id,
        title: a.title || 'Untitled analysis',
        line: `${TOOLKIT_STATUS_LABELS[a.status]} · ${stepLine(a.step)} · last saved by ${name(
          input.lastSavedBy.get(a.id) ?? a.authorId,
        )} on ${formatDay(a.updatedAt.slice(0, 10))}`,
        hasComment: returned,
        comment: returned
          ? `${name(a.reviewedBy)} returned it: ${
              comment.length > COMMENT_SHOWN_MAX
                ? `${comment.slice(0, COMMENT_SHOWN_MAX - 1)}…`
                : comment
            }`
          : '',
      };
    }),
    hasMore: hidden > 0,
    more:
      hidden > 0
        ? `${hidden} older ${hidden === 1 ? 'analysis is' : 'analyses are'} not shown here.`
        : '',
    hasWaiting: input.waiting > 0,
    waiting:
      input.waiting > 0
        ? `${input.waiting} ${input.waiting === 1 ? 'analysis waits' : 'analyses wait'} for the ${plan.terms.equityOfficer}'s review.`
        : '',
  };
}

/** The list of analyses in progress, bound and ready to send. */
export function renderToolkitListCard(model: ToolkitListCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const toolkitListTemplate: object = template;
