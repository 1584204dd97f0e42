/**
 * The plan's records, as plain types. Every store, service, card and view uses these names.
 * Dates without a time are ISO `YYYY-MM-DD` strings; instants are ISO 8601 strings in UTC.
 */

/** An ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;
/** An ISO 8601 instant, e.g. `2026-11-29T10:00:00.000Z`. */
export type IsoInstant = string;

/** The plan's training tiers, in the order the waves reach them. */
export const TIERS = ['senior_manager', 'frontline_manager', 'employee'] as const;
export type Tier = (typeof TIERS)[number];

export type Goal = {
  id: string;
  title: string;
};

export type Strategy = {
  id: string;
  goalId: string;
  /** The heading of the plan the strategy sits under, e.g. "Racial Equity Leadership Team". */
  area: string;
  text: string;
  /** Department ids; `*` means every department. */
  responsibleDepartmentIds: string[];
};

export type Department = {
  /** Short code, e.g. `DOA`. */
  id: string;
  name: string;
};

export type Person = {
  id: string;
  /** Entra ID object id; what Teams sends as `from.aadObjectId`. */
  aadObjectId: string;
  displayName: string;
  /** User principal name, usually the e-mail address. */
  upn: string;
  departmentId: string;
  tier: Tier;
  jobTitle: string;
  /**
   * False once the person left the city's staff (the roster sync marks them; nobody is deleted, so
   * their history stays). Absent means active; a person who returns is active again.
   */
  active?: boolean;
  /** The day the person was found gone from the directory or the roster file, when inactive. */
  leftOn?: IsoDate;
};

/** A person's role in their department's racial equity work. */
export type DepartmentRoleKind = 'lead' | 'ambassador';

export type DepartmentMember = {
  departmentId: string;
  personId: string;
  role: DepartmentRoleKind;
  since: IsoDate;
};

/** Who must take a training: one tier of a wave, or the department leads as well. */
export type Training = {
  id: string;
  title: string;
  courseUrl: string;
  /** True when a department's leads must take it whatever their tier (the GARE toolkit training). */
  requiredForLeads: boolean;
};

export type Wave = {
  id: string;
  trainingId: string;
  /** 1 for the first wave; a wave opens only after the one before it. */
  sequence: number;
  tier: Tier;
  opensOn: IsoDate;
  dueOn: IsoDate;
  /** Set when the wave was opened out of order; the officer's reason is kept. */
  overrideReason?: string;
};

/**
 * Where a completion came from: the person in chat (`bot`) or the tab (`tab`), a lead's attendance
 * card (`attendance`), an attendance CSV from the learning system (`import`), the demo city.
 */
export type CompletionSource = 'bot' | 'tab' | 'attendance' | 'import' | 'demo';

export type Completion = {
  id: string;
  personId: string;
  trainingId: string;
  waveId: string;
  completedOn: IsoDate;
  recordedAt: IsoInstant;
  source: CompletionSource;
  /**
   * The verified person who recorded it: the person themselves, or a lead from an attendance
   * sheet. Absent for completions imported in bulk by the system (e.g. the demo city).
   */
  recordedBy?: string;
};

export type VisionStatement = {
  id: string;
  departmentId: string;
  text: string;
  adoptedOn: IsoDate;
  /** 1 for the first; each new version keeps the old ones. */
  version: number;
  recordedBy: string;
  recordedAt: IsoInstant;
};

export type ToolkitKind = 'new' | 'existing';
export type ToolkitStatus = 'draft' | 'submitted' | 'returned' | 'accepted';

/** The six steps of the GARE Racial Equity Toolkit, in order. */
export const TOOLKIT_STEPS = [
  'proposal',
  'data',
  'engagement',
  'analysis',
  'implementation',
  'accountability',
] as const;
export type ToolkitStep = (typeof TOOLKIT_STEPS)[number];

export type ToolkitAnalysis = {
  id: string;
  departmentId: string;
  /** The policy, program, practice or budget decision analysed. */
  title: string;
  kind: ToolkitKind;
  /** Common Council file number of its impact statement, where one exists. */
  councilFileNumber?: string;
  steps: Partial<Record<ToolkitStep, string>>;
  groupsBenefited?: string;
  groupsBurdened?: string;
  /** The policy or resource-allocation change it led to, once decided. */
  resultingChange?: string;
  status: ToolkitStatus;
  /** The step the lead was on when the draft was last saved: where the card resumes. */
  step: ToolkitStep;
  authorId: string;
  /** Who submitted it for review last (a lead or Ambassador of the department, or the officer). */
  submittedBy?: string;
  reviewComment?: string;
  reviewedBy?: string;
  reviewedAt?: IsoInstant;
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
  submittedAt?: IsoInstant;
  /** Optimistic-concurrency version; an update names the version it read. */
  version: number;
};

export type ImpactStatementStatus = 'in_progress' | 'filed' | 'adopted';

/** A Minority Impact Statement (the term is configuration) a department's team guided. */
export type ImpactStatement = {
  id: string;
  departmentId: string;
  councilFileNumber: string;
  title: string;
  /** The people who guided it: names as the lead typed them (staff or not). */
  guidedBy: string[];
  status: ImpactStatementStatus;
  guidedOn: IsoDate;
  /** Who recorded it last, and when; absent for the demo city's seed. */
  recordedBy?: string;
  recordedAt?: IsoInstant;
};

export type Milestone = {
  id: string;
  strategyId: string;
  title: string;
  doneOn?: IsoDate;
};

export type StrategyStatusValue = 'not_started' | 'on_track' | 'at_risk' | 'behind' | 'done';

/** A calendar quarter, `YYYY-Qn`, e.g. `2021-Q1`: a strategy's status is reported per quarter. */
export type Quarter = string;

/**
 * A department's status of one strategy for one quarter. Reports are appended: the latest for a
 * (department, strategy, quarter) is the current one, earlier ones are its history.
 */
export type StrategyStatus = {
  id: string;
  strategyId: string;
  departmentId: string;
  quarter: Quarter;
  status: StrategyStatusValue;
  note: string;
  reportedOn: IsoDate;
  reportedBy: string;
  reportedAt?: IsoInstant;
};

/** A meeting of a department's team with partners (e.g. County OAAA, foundations). */
export type PartnershipMeeting = {
  id: string;
  departmentId: string;
  heldOn: IsoDate;
  partners: string;
  /** People who took part; absent for meetings recorded before it was asked. */
  peopleReached?: number;
  notes: string;
  recordedBy?: string;
  recordedAt?: IsoInstant;
};

/** An event that educates the public (e.g. on the OAAA service hub's services). */
export type OutreachEvent = {
  id: string;
  departmentId: string;
  heldOn: IsoDate;
  title: string;
  partners?: string;
  peopleReached: number;
  notes?: string;
  recordedBy?: string;
  recordedAt?: IsoInstant;
};

/** A department checklist item, e.g. racial equity goals in job descriptions. */
export type ChecklistItem = {
  departmentId: string;
  itemKey: string;
  doneOn?: IsoDate;
};

/**
 * A Region of Choice survey aggregate: one question's result for one group (of one department, or
 * citywide when `departmentId` is absent) in one year. Individual answers are never stored.
 */
export type SurveyResult = {
  id: string;
  year: number;
  /** The department the group belongs to; absent for a citywide-only result. */
  departmentId?: string;
  question: string;
  group: string;
  /** People of the group who answered the question. */
  respondents: number;
  /** The group's result: a share (e.g. % agreeing) or a mean score, as the survey reports it. */
  value: number;
};

export type FocusGroup = {
  id: string;
  heldOn: IsoDate;
  topic: string;
  participants: number;
  /** The department it was held for, if any. */
  departmentId?: string;
  /** Who logged it, and when; absent for focus groups logged before it was asked. */
  recordedBy?: string;
  recordedAt?: IsoInstant;
};

/** One point of an imported indicator series (the Health Department's trends). */
export type IndicatorPoint = {
  indicator: string;
  group: string;
  /** Where the figure is for, e.g. `Milwaukee` or a ZIP code; '' for points imported before it was asked. */
  place: string;
  year: number;
  value: number;
  /** Where the figure comes from, e.g. `Wisconsin DHS, WISH`; '' for points imported before it was asked. */
  source: string;
};

export type AnnualReport = {
  year: number;
  generatedAt: IsoInstant;
  /** The compiled report as structured data. */
  content: unknown;
};

/** A Bot Framework conversation reference, kept so reminders can be sent later. */
export type ConversationRecord = {
  personId: string;
  reference: unknown;
  updatedAt: IsoInstant;
};

/** Where one recipient of a campaign stands. */
export type RecipientStatus =
  'queued' | 'sending' | 'sent' | 'blocked' | 'not_installed' | 'gone' | 'failed';

/**
 * A reminder campaign, as kept in the plan's records: who started it for which wave, and its
 * counts when it was last summarised (at the start and when the last message was settled). The
 * per-message state lives in the local send queue, never in SharePoint.
 */
export type CampaignSummary = {
  id: string;
  waveId: string;
  trainingId: string;
  /**
   * `wave` reminds everyone of a wave not yet confirmed; `nudge` one department's; `summary`
   * tells each lead, once a wave's reminder is sent, who in their department has not confirmed.
   */
  kind: 'wave' | 'nudge' | 'summary';
  /** Set for a nudge: the department whose people were reminded. */
  departmentId?: string;
  startedBy: string;
  startedAt: IsoInstant;
  finishedAt?: IsoInstant;
  recipients: number;
  counts: Record<RecipientStatus, number>;
};

/** One line of the audit log: who changed what, when, before and after. Never edited. */
export type AuditEntry = {
  id: string;
  at: IsoInstant;
  /** The verified person who acted (a person id), or `system`. */
  actorId: string;
  /** What was done, e.g. `completion.create`, `toolkit.review`, `campaign.start`. */
  action: string;
  recordType: string;
  recordId: string;
  before?: unknown;
  after?: unknown;
};
