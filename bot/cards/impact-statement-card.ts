import { randomUUID } from 'node:crypto';
import type { Attachment } from 'botbuilder';
import type {
  Department,
  ImpactStatement,
  ImpactStatementStatus,
  IsoDate,
  PlanSettings,
} from '../../src/domain';
import type { ChoiceModel } from './attendance-card';
import { formatDay } from './card-text';
import { renderCard } from './render-card';
import template from './impact-statement.json';

/** The statements the card lists; the rest are counted. */
export const LISTED_STATEMENTS = 10;

/** How each status reads on the card. */
export const IMPACT_STATEMENT_STATUS_LABELS: Record<ImpactStatementStatus, string> = {
  in_progress: 'In progress',
  filed: 'Filed',
  adopted: 'Adopted',
};

/** The fields of the card a message can stand beside (the card's input ids). */
export const IMPACT_STATEMENT_FIELDS = [
  'councilFileNumber',
  'title',
  'guidedBy',
  'status',
  'guidedOn',
] as const;
export type ImpactStatementField = (typeof IMPACT_STATEMENT_FIELDS)[number];

/** What the lead entered (or what is stored, when editing), kept when the card comes back. */
export type ImpactStatementValues = Partial<Record<ImpactStatementField, string>>;

/** One recorded statement in the list, with its Edit button. */
export type ImpactStatementRow = {
  id: string;
  councilFileNumber: string;
  title: string;
  /** `Filed · guided Jun 2, 2021 by Renee Washington, Ana Ruiz`. */
  detail: string;
};

/** The view model of `impact-statement.json`: the form, and the department's statements. */
export type ImpactStatementCardModel = {
  departmentId: string;
  departmentName: string;
  /** The plan's term, e.g. `Minority Impact Statement`. */
  term: string;
  heading: string;
  summary: string;
  hasSaved: boolean;
  saved: string;
  hasNotice: boolean;
  notice: string;
  /** A new statement's id (made now), or the stored one when editing. */
  statementId: string;
  /** Names this rendering of the card in the audit log. */
  cardId: string;
  isEdit: boolean;
  submitTitle: string;
  councilFilePlaceholder: string;
  councilFileNumber: string;
  hasCouncilFileNumberError: boolean;
  councilFileNumberError: string;
  title: string;
  hasTitleError: boolean;
  titleError: string;
  guidedByPlaceholder: string;
  guidedBy: string;
  hasGuidedByError: boolean;
  guidedByError: string;
  statuses: ChoiceModel[];
  status: string;
  hasStatusError: boolean;
  statusError: string;
  /** The earliest date offered: the plan period's start. */
  firstDay: IsoDate;
  /** The latest date offered: guidance is never in the future. */
  today: IsoDate;
  guidedOn: string;
  hasGuidedOnError: boolean;
  guidedOnError: string;
  listHeading: string;
  hasNoStatements: boolean;
  statements: ImpactStatementRow[];
  hasMore: boolean;
  more: string;
};

/**
 * The form's view model.
 * @param input.statements the department's statements, most recent first.
 * @param input.editing the stored statement the card edits; absent for a new one.
 * @param input.ids the ids to keep (a card coming back with messages); new ones are made otherwise.
 */
export function impactStatementCardModel(input: {
  department: Department;
  plan: PlanSettings;
  statements: ImpactStatement[];
  today: IsoDate;
  editing?: ImpactStatement;
  ids?: { statementId: string; cardId: string };
  values?: ImpactStatementValues;
  errors?: Partial<Record<ImpactStatementField, string>>;
  notice?: string;
  saved?: string;
  /** Names the lead types, offered as the placeholder (the department's leads). */
  leadNames?: string[];
}): ImpactStatementCardModel {
  const { department, plan, editing, errors = {} } = input;
  const term = plan.terms.impactStatement;
  const values: ImpactStatementValues = input.values ?? (editing ? valuesOf(editing) : {});
  const error = (field: ImpactStatementField) => errors[field] ?? '';
  const has = (field: ImpactStatementField) => errors[field] !== undefined;
  const listed = input.statements.slice(0, LISTED_STATEMENTS);
  const hidden = input.statements.length - listed.length;
  const leadNames = (input.leadNames ?? []).slice(0, 2);
  return {
    departmentId: department.id,
    departmentName: department.name,
    term,
    heading: editing ? `${term}: file ${editing.councilFileNumber}` : term,
    summary: editing
      ? `${department.name} · change what you need and save: the earlier version is kept in the history.`
      : `${department.name} · record a ${term} your team guided. Entering a file number your department has recorded updates it.`,
    hasSaved: input.saved !== undefined,
    saved: input.saved ?? '',
    hasNotice: input.notice !== undefined,
    notice: input.notice ?? '',
    statementId: input.ids?.statementId ?? editing?.id ?? randomUUID(),
    cardId: input.ids?.cardId ?? randomUUID(),
    isEdit: editing !== undefined,
    submitTitle: editing ? 'Save changes' : 'Record',
    councilFilePlaceholder: `e.g. ${plan.councilFile.example}`,
    councilFileNumber: values.councilFileNumber ?? '',
    hasCouncilFileNumberError: has('councilFileNumber'),
    councilFileNumberError: error('councilFileNumber'),
    title: values.title ?? '',
    hasTitleError: has('title'),
    titleError: error('title'),
    guidedByPlaceholder:
      leadNames.length > 0 ? `e.g. ${leadNames.join(', ')}` : 'e.g. two names, separated by commas',
    guidedBy: values.guidedBy ?? '',
    hasGuidedByError: has('guidedBy'),
    guidedByError: error('guidedBy'),
    statuses: Object.entries(IMPACT_STATEMENT_STATUS_LABELS).map(([id, title]) => ({ id, title })),
    status: values.status ?? '',
    hasStatusError: has('status'),
    statusError: error('status'),
    firstDay: plan.period.start,
    today: input.today,
    guidedOn: values.guidedOn ?? '',
    hasGuidedOnError: has('guidedOn'),
    guidedOnError: error('guidedOn'),
    listHeading: `Recorded by ${department.name} (${input.statements.length})`,
    hasNoStatements: input.statements.length === 0,
    statements: listed.map((s) => ({
      id: s.id,
      councilFileNumber: s.councilFileNumber,
      title: s.title,
      detail: statementDetail(s),
    })),
    hasMore: hidden > 0,
    more: `… and ${hidden} earlier ${hidden === 1 ? 'one' : 'ones'}.`,
  };
}

/** `Filed · guided Jun 2, 2021 by Renee Washington, Ana Ruiz`. */
export function statementDetail(s: ImpactStatement): string {
  const by = s.guidedBy.length > 0 ? ` by ${s.guidedBy.join(', ')}` : '';
  return `${IMPACT_STATEMENT_STATUS_LABELS[s.status]} · guided ${formatDay(s.guidedOn)}${by}`;
}

/** A stored statement as the form's values, for editing it. */
export function valuesOf(s: ImpactStatement): ImpactStatementValues {
  return {
    councilFileNumber: s.councilFileNumber,
    title: s.title,
    guidedBy: s.guidedBy.join(', '),
    status: s.status,
    guidedOn: s.guidedOn,
  };
}

/** The impact statement form, bound and ready to send or to answer an invoke with. */
export function renderImpactStatementCard(model: ImpactStatementCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const impactStatementTemplate: object = template;
