import type {
  AnnualReport,
  AuditEntry,
  CampaignSummary,
  ChecklistItem,
  Completion,
  ConversationRecord,
  Department,
  DepartmentMember,
  DepartmentRoleKind,
  FocusGroup,
  Goal,
  ImpactStatement,
  IndicatorPoint,
  Milestone,
  OutreachEvent,
  PartnershipMeeting,
  Person,
  Strategy,
  StrategyStatus,
  SurveyResult,
  ToolkitAnalysis,
  ToolkitStatus,
  Training,
  VisionStatement,
  Wave,
} from '../domain';

/** The plan's fixed shape: goals, strategies, milestones, trainings, waves, departments. */
export type PlanSeed = {
  goals: Goal[];
  strategies: Strategy[];
  milestones: Milestone[];
  trainings: Training[];
  waves: Wave[];
  departments: Department[];
};

export type DepartmentFilter = { departmentId?: string };

export type CompletionFilter = {
  personId?: string;
  departmentId?: string;
  trainingId?: string;
};

export type AuditFilter = { recordType?: string; recordId?: string; limit?: number };

export type AnalysisFilter = { departmentId?: string; status?: ToolkitStatus };

/** What `recordCompletion` did: stored a new completion, or found the one already there. */
export type RecordOutcome = { completion: Completion; created: boolean };

/**
 * Every record of the plan, behind one interface. Two implementations (SQLite locally, SharePoint
 * lists in a tenant) pass one contract suite. Writes that touch several rows are atomic.
 */
export interface PlanStore {
  /** `sqlite` or `sharepoint`, for the start line and the readiness probe. */
  readonly kind: string;
  /** Resolves when the store can be read; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** True before anything was seeded. */
  isEmpty(): Promise<boolean>;

  /** Writes the plan's fixed shape, replacing rows with the same ids. */
  putPlan(seed: PlanSeed): Promise<void>;
  listGoals(): Promise<Goal[]>;
  listStrategies(): Promise<Strategy[]>;
  listDepartments(): Promise<Department[]>;
  listTrainings(): Promise<Training[]>;
  listWaves(): Promise<Wave[]>;
  getWave(id: string): Promise<Wave | undefined>;
  /** Writes the wave; with `audit`, the entry is written with it (atomically where the store can). */
  putWave(wave: Wave, audit?: AuditEntry): Promise<void>;
  listMilestones(): Promise<Milestone[]>;
  putMilestone(milestone: Milestone): Promise<void>;

  /** Inserts or replaces people by id, in one transaction. */
  upsertPeople(people: Person[]): Promise<void>;
  listPeople(filter?: DepartmentFilter): Promise<Person[]>;
  getPerson(id: string): Promise<Person | undefined>;
  /** Entra object ids are GUIDs: the lookup ignores case. */
  findPersonByAadObjectId(aadObjectId: string): Promise<Person | undefined>;

  listMembers(filter?: DepartmentFilter): Promise<DepartmentMember[]>;
  /**
   * Replaces a department's members of one role with `personIds`, atomically; people kept keep
   * their `since`. With `audit`, the entry is written with the change.
   */
  setMembers(
    departmentId: string,
    role: DepartmentRoleKind,
    personIds: string[],
    since: string,
    audit?: AuditEntry,
  ): Promise<void>;

  /**
   * Records a completion once per person and training: a second call for the same pair returns
   * the stored completion with `created: false` and changes nothing.
   */
  recordCompletion(completion: Completion): Promise<RecordOutcome>;
  /** Records many completions in one transaction; returns how many were new. */
  recordCompletions(completions: Completion[]): Promise<number>;
  listCompletions(filter?: CompletionFilter): Promise<Completion[]>;

  /**
   * Adds a vision statement as the department's next version; earlier versions are kept. A vision
   * whose id is already stored is returned as stored and nothing changes (a retried submit). With
   * `audit`, the entry is written with it, its `after` set to the stored vision.
   */
  addVision(vision: Omit<VisionStatement, 'version'>, audit?: AuditEntry): Promise<VisionStatement>;
  listVisions(filter?: DepartmentFilter): Promise<VisionStatement[]>;

  /**
   * Stores a new analysis. @throws Conflict when its id is taken by a different analysis (the same
   * write retried, e.g. after a lost answer, returns the stored one). With `audit`, the entry is
   * written with it.
   */
  createAnalysis(analysis: ToolkitAnalysis, audit?: AuditEntry): Promise<ToolkitAnalysis>;
  /**
   * Saves `analysis` if the stored version is still `analysis.version`, and bumps it. With
   * `audit`, the entry is written with it, its `after` set to the saved analysis. The identical
   * write retried after it was applied returns the stored analysis rather than a conflict.
   * @throws Conflict when someone saved in between.
   */
  updateAnalysis(analysis: ToolkitAnalysis, audit?: AuditEntry): Promise<ToolkitAnalysis>;
  getAnalysis(id: string): Promise<ToolkitAnalysis | undefined>;
  listAnalyses(filter?: AnalysisFilter): Promise<ToolkitAnalysis[]>;

  /** Inserts or replaces an impact statement by id; with `audit`, the entry is written with it. */
  putImpactStatement(statement: ImpactStatement, audit?: AuditEntry): Promise<void>;
  listImpactStatements(filter?: DepartmentFilter): Promise<ImpactStatement[]>;

  /** Appends a status report; one whose id is stored already changes nothing. */
  addStrategyStatus(status: StrategyStatus): Promise<void>;
  /**
   * Appends a department's reports of one quarter in one write (atomically where the store can);
   * reports whose ids are stored already are skipped. With `audit`, the entry is written with them.
   * @returns how many were new.
   */
  addStrategyStatuses(statuses: StrategyStatus[], audit?: AuditEntry): Promise<number>;
  listStrategyStatuses(filter?: DepartmentFilter): Promise<StrategyStatus[]>;

  /**
   * Records a meeting; one whose id is stored already changes nothing (a retried submit).
   * @returns true when it was new. With `audit`, the entry is written with it.
   */
  addPartnershipMeeting(meeting: PartnershipMeeting, audit?: AuditEntry): Promise<boolean>;
  listPartnershipMeetings(filter?: DepartmentFilter): Promise<PartnershipMeeting[]>;

  /** As `addPartnershipMeeting`, for outreach events. */
  addOutreachEvent(event: OutreachEvent, audit?: AuditEntry): Promise<boolean>;
  listOutreachEvents(filter?: DepartmentFilter): Promise<OutreachEvent[]>;

  putChecklistItem(item: ChecklistItem): Promise<void>;
  listChecklistItems(filter?: DepartmentFilter): Promise<ChecklistItem[]>;

  putSurveyResults(results: SurveyResult[]): Promise<void>;
  listSurveyResults(): Promise<SurveyResult[]>;
  addFocusGroup(group: FocusGroup): Promise<void>;
  listFocusGroups(): Promise<FocusGroup[]>;

  putIndicatorPoints(points: IndicatorPoint[]): Promise<void>;
  listIndicatorPoints(indicator?: string): Promise<IndicatorPoint[]>;

  putAnnualReport(report: AnnualReport): Promise<void>;
  getAnnualReport(year: number): Promise<AnnualReport | undefined>;

  /** Keeps the latest conversation reference for a person, for proactive messages. */
  saveConversation(record: ConversationRecord): Promise<void>;
  getConversation(personId: string): Promise<ConversationRecord | undefined>;
  /** Every stored conversation reference, for a campaign's recipients. */
  listConversations(): Promise<ConversationRecord[]>;

  /** Inserts or replaces a campaign's summary by id; with `audit`, written with it. */
  putCampaignSummary(summary: CampaignSummary, audit?: AuditEntry): Promise<void>;
  /** Campaign summaries, newest first. */
  listCampaignSummaries(): Promise<CampaignSummary[]>;

  /**
   * A setting the app keeps beside the records it describes (e.g. the directory's delta link of
   * the last roster sync), so a store restored or moved never pairs with another store's state.
   */
  getSetting(key: string): Promise<string | undefined>;
  /** Inserts or replaces a setting. */
  putSetting(key: string, value: string): Promise<void>;

  /** Appends to the audit log; there is no call that edits or removes an entry. */
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Audit entries, newest first (at most `limit`, default 500). */
  listAudit(filter?: AuditFilter): Promise<AuditEntry[]>;
}
