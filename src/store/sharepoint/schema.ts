/**
 * reap's SharePoint lists, declared once: provisioning creates them from this, and the store maps
 * records to list items and back with it. Every list has SharePoint's own `Title` and a `Key`
 * column (indexed, unique) holding the record's natural key, so a write retried after a lost
 * answer can never add a second item.
 */

/**
 * `flag` is a boolean kept in a text column as `true`/`false`: a Yes/No column always reads as
 * one of the two (its default, on items written before it existed), so it cannot hold "absent".
 */
export type ColumnType = 'text' | 'note' | 'number' | 'boolean' | 'flag' | 'json';

export type ColumnDef = {
  /** Internal column name in SharePoint. */
  name: string;
  /** The record's property the column holds. */
  property: string;
  type: ColumnType;
  /** Indexed, so filters and sorts keep working past SharePoint's 5,000-item view threshold. */
  indexed?: boolean;
  /** The property may be absent. SharePoint stores an empty text as no value, so an absent
   * value of a required text property reads back as ''. */
  optional?: boolean;
  /** What an item without a value reads back as: items written before the column was added. */
  fallback?: string;
};

export type ListDef = {
  /** The store's name for the list. */
  id: ListId;
  /** The list's display name on the site. */
  displayName: string;
  description: string;
  columns: ColumnDef[];
  /** The record's natural key: unique within the list. */
  keyOf(record: Record<string, unknown>): string;
  /** The item's Title as people see it in SharePoint. */
  titleOf(record: Record<string, unknown>): string;
};

/** Text columns hold at most 255 characters; longer text goes to note columns. */
export const TEXT_MAX = 255;

export type ListId =
  | 'departments'
  | 'goals'
  | 'strategies'
  | 'milestones'
  | 'trainings'
  | 'waves'
  | 'people'
  | 'members'
  | 'completions'
  | 'visions'
  | 'analyses'
  | 'impactStatements'
  | 'strategyStatuses'
  | 'partnershipMeetings'
  | 'outreachEvents'
  | 'checklistItems'
  | 'surveyResults'
  | 'focusGroups'
  | 'indicatorPoints'
  | 'annualReports'
  | 'conversations'
  | 'campaigns'
  | 'settings'
  | 'audit';

const text = (property: string, indexed = false, name = pascal(property)): ColumnDef => ({
  name,
  property,
  type: 'text',
  indexed,
});
const note = (property: string, name = pascal(property)): ColumnDef => ({
  name,
  property,
  type: 'note',
});
const num = (property: string, indexed = false, name = pascal(property)): ColumnDef => ({
  name,
  property,
  type: 'number',
  indexed,
});
const bool = (property: string): ColumnDef => ({
  name: pascal(property),
  property,
  type: 'boolean',
});
const flag = (property: string): ColumnDef => ({
  name: pascal(property),
  property,
  type: 'flag',
});
const json = (property: string): ColumnDef => ({ name: pascal(property), property, type: 'json' });
/** The record's own id; SharePoint's `id` is the item's, so the column is `RecordId`. */
const recordId = (): ColumnDef => text('id', true, 'RecordId');

/** The same column, for a property that may be absent. */
const opt = (c: ColumnDef): ColumnDef => ({ ...c, optional: true });
/** The same column, read as `fallback` on items written before it existed. */
const added = (c: ColumnDef, fallback: string): ColumnDef => ({ ...c, fallback });

function pascal(property: string): string {
  return property.charAt(0).toUpperCase() + property.slice(1);
}

const str = (v: unknown): string => String(v ?? '');
const byId = (r: Record<string, unknown>) => str(r.id);

function list(
  id: ListId,
  name: string,
  description: string,
  columns: ColumnDef[],
  keyOf: ListDef['keyOf'] = byId,
  titleOf: ListDef['titleOf'] = (r) => str(r.title ?? r.name ?? r.displayName ?? keyOf(r)),
): ListDef {
  return { id, displayName: `reap ${name}`, description, columns, keyOf, titleOf };
}

/** Every list reap keeps, in provisioning order. */
export const LISTS: ListDef[] = [
  list('departments', 'Departments', 'City departments', [
    text('id', true, 'RecordId'),
    text('name'),
  ]),
  list('goals', 'Goals', "The plan's goals", [recordId(), note('title', 'Statement')]),
  list('strategies', 'Strategies', "The plan's strategies and responsible departments", [
    recordId(),
    text('goalId', true),
    text('area'),
    note('text'),
    json('responsibleDepartmentIds'),
  ]),
  list('milestones', 'Milestones', 'One-off milestones of the plan', [
    recordId(),
    text('strategyId'),
    text('title', false, 'Heading'),
    opt(text('doneOn')),
  ]),
  list('trainings', 'Trainings', 'Required trainings', [
    recordId(),
    text('title', false, 'Heading'),
    note('courseUrl'),
    bool('requiredForLeads'),
  ]),
  list('waves', 'Waves', 'Training waves by tier', [
    recordId(),
    text('trainingId', true),
    num('sequence'),
    text('tier'),
    text('opensOn'),
    text('dueOn'),
    opt(note('overrideReason')),
  ]),
  list('people', 'People', 'City staff as reap knows them', [
    recordId(),
    text('aadObjectId', true),
    text('displayName'),
    text('upn'),
    text('departmentId', true),
    text('tier'),
    text('jobTitle'),
    opt(flag('active')),
    opt(text('leftOn')),
  ]),
  list(
    'members',
    'Department Members',
    'Leadership Team leads and Ambassadors of each department',
    [text('departmentId', true), text('personId', true), text('role'), text('since')],
    (r) => `${str(r.departmentId)}|${str(r.personId)}|${str(r.role)}`,
  ),
  list(
    'completions',
    'Completions',
    'Training completions, one per person and training',
    [
      recordId(),
      text('personId', true),
      text('trainingId', true),
      text('waveId'),
      text('completedOn'),
      text('recordedAt'),
      text('source'),
      opt(text('recordedBy')),
    ],
    (r) => `${str(r.personId)}|${str(r.trainingId)}`,
  ),
  list(
    'visions',
    'Vision Statements',
    'Vision statements, every version kept',
    [
      recordId(),
      text('departmentId', true),
      note('text'),
      text('adoptedOn'),
      num('version', false, 'StatementVersion'),
      text('recordedBy'),
      text('recordedAt'),
    ],
    (r) => `${str(r.departmentId)}|${str(r.version)}`,
  ),
  list('analyses', 'Toolkit Analyses', 'GARE Racial Equity Toolkit analyses', [
    recordId(),
    text('departmentId', true),
    text('title', false, 'Heading'),
    text('kind'),
    opt(text('councilFileNumber')),
    json('steps'),
    opt(note('groupsBenefited')),
    opt(note('groupsBurdened')),
    opt(note('resultingChange')),
    text('status', true),
    added(text('step'), 'proposal'),
    text('authorId'),
    opt(text('submittedBy')),
    opt(note('reviewComment')),
    opt(text('reviewedBy')),
    opt(text('reviewedAt')),
    text('createdAt'),
    text('updatedAt'),
    opt(text('submittedAt')),
    num('version', false, 'RecordVersion'),
  ]),
  list('impactStatements', 'Impact Statements', 'Impact statements the teams guided', [
    recordId(),
    text('departmentId', true),
    opt(text('councilFileNumber')),
    text('title', false, 'Heading'),
    json('guidedBy'),
    text('status'),
    text('guidedOn'),
    opt(text('recordedBy')),
    opt(text('recordedAt')),
  ]),
  list('strategyStatuses', 'Strategy Statuses', 'Status updates on strategies', [
    recordId(),
    text('strategyId'),
    text('departmentId', true),
    text('quarter', true),
    text('status'),
    note('note'),
    text('reportedOn'),
    text('reportedBy'),
    opt(text('reportedAt')),
  ]),
  list('partnershipMeetings', 'Partnership Meetings', 'Meetings with partners', [
    recordId(),
    text('departmentId', true),
    text('heldOn'),
    note('partners'),
    opt(num('peopleReached')),
    note('notes'),
    opt(text('recordedBy')),
    opt(text('recordedAt')),
  ]),
  list('outreachEvents', 'Outreach Events', 'Public outreach and education events', [
    recordId(),
    text('departmentId', true),
    text('heldOn'),
    text('title', false, 'Heading'),
    opt(note('partners')),
    num('peopleReached'),
    opt(note('notes')),
    opt(text('recordedBy')),
    opt(text('recordedAt')),
  ]),
  list(
    'checklistItems',
    'Checklist Items',
    'Department checklist items',
    [text('departmentId', true), text('itemKey'), opt(text('doneOn'))],
    (r) => `${str(r.departmentId)}|${str(r.itemKey)}`,
  ),
  list('surveyResults', 'Survey Results', 'Survey aggregates (never individual answers)', [
    recordId(),
    num('year'),
    note('question'),
    text('group', false, 'GroupName'),
    num('respondents'),
    num('value', false, 'Measure'),
    opt(text('departmentId')),
  ]),
  list('focusGroups', 'Focus Groups', 'Focus groups held', [
    recordId(),
    text('heldOn'),
    note('topic'),
    num('participants'),
    opt(text('departmentId')),
    opt(text('recordedBy')),
    opt(text('recordedAt')),
  ]),
  list(
    'indicatorPoints',
    'Indicators',
    'Imported indicator series by group, place and year',
    [
      text('indicator', true),
      text('group', false, 'GroupName'),
      num('year'),
      num('value', false, 'Measure'),
      text('place', false, 'Place'),
      text('source', false, 'DataSource'),
    ],
    // Points imported before `place` existed keep their key, so importing them again updates them.
    (r) =>
      str(r.place)
        ? `${str(r.indicator)}|${str(r.group)}|${str(r.place)}|${str(r.year)}`
        : `${str(r.indicator)}|${str(r.group)}|${str(r.year)}`,
  ),
  list(
    'annualReports',
    'Annual Reports',
    'Compiled annual reports',
    [num('year'), text('generatedAt'), json('content')],
    (r) => str(r.year),
  ),
  list(
    'conversations',
    'Conversations',
    'Bot conversation references, for reminders',
    [text('personId', true), json('reference'), text('updatedAt')],
    (r) => str(r.personId),
  ),
  list(
    'campaigns',
    'Campaigns',
    'Reminder campaigns and their counts (the per-message state stays in the app)',
    [
      recordId(),
      text('waveId', true),
      text('kind'),
      text('startedBy'),
      text('startedAt'),
      opt(text('finishedAt')),
      num('recipients'),
      json('counts'),
      opt(text('departmentId')),
      text('trainingId'),
    ],
  ),
  list(
    'settings',
    'Settings',
    "The app's own state kept with the records, e.g. the last roster sync",
    [text('key', true, 'SettingKey'), note('value', 'SettingValue'), text('updatedAt')],
    (r) => str(r.key),
  ),
  list('audit', 'Audit Log', 'Who changed what, when; never edited', [
    recordId(),
    text('at'),
    text('actorId', true),
    text('action'),
    text('recordType', true),
    text('recordId', true, 'AuditedRecordId'),
    json('before'),
    json('after'),
  ]),
];

/** The definition of one list. */
export function listDef(id: ListId): ListDef {
  const def = LISTS.find((l) => l.id === id);
  if (!def) throw new Error(`no list ${id}`);
  return def;
}

/** The item fields that hold `record` in list `def`. */
export function toFields(def: ListDef, record: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    Title: def.titleOf(record).slice(0, TEXT_MAX),
    Key: def.keyOf(record),
  };
  for (const c of def.columns) {
    const v = record[c.property];
    if (v === undefined || v === null) fields[c.name] = null;
    else if (c.type === 'json') fields[c.name] = JSON.stringify(v);
    else if (c.type === 'flag') fields[c.name] = v === true ? 'true' : 'false';
    else fields[c.name] = v;
  }
  return fields;
}

/** The record an item's fields hold; absent optional properties stay absent. */
export function fromFields<T>(def: ListDef, fields: Record<string, unknown>): T {
  const record: Record<string, unknown> = {};
  for (const c of def.columns) {
    const v = fields[c.name];
    if (v === undefined || v === null) {
      if (c.fallback !== undefined) record[c.property] = c.fallback;
      else if ((c.type === 'text' || c.type === 'note') && !c.optional) record[c.property] = '';
      continue;
    }
    if (c.type === 'json') record[c.property] = JSON.parse(String(v)) as unknown;
    else if (c.type === 'number') record[c.property] = Number(v);
    else if (c.type === 'boolean') record[c.property] = v === true || v === 'true' || v === 1;
    else if (c.type === 'flag') record[c.property] = v === 'true';
    else record[c.property] = v;
  }
  return record as T;
}
