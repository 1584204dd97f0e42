import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  completionAudit,
  Conflict,
  type AuditEntry,
  type CampaignSummary,
  NotFound,
  type AnnualReport,
  type ChecklistItem,
  type Completion,
  type ConversationRecord,
  type Department,
  type DepartmentMember,
  type DepartmentRoleKind,
  type FocusGroup,
  type Goal,
  type ImpactStatement,
  type IndicatorPoint,
  type Milestone,
  type OutreachEvent,
  type PartnershipMeeting,
  type Person,
  type Strategy,
  type StrategyStatus,
  type SurveyResult,
  type ToolkitAnalysis,
  type Training,
  type VisionStatement,
  type Wave,
} from '../../domain';
import type {
  AnalysisFilter,
  AuditFilter,
  CompletionFilter,
  DepartmentFilter,
  PlanSeed,
  PlanStore,
  RecordOutcome,
} from '../plan-store';
import { sameRecord } from '../same-record';
import { migrate } from './migrations';

type Row = Record<string, unknown>;

/** SQLite answers NULL for an absent optional field; the records leave it out. */
function clean<T>(row: unknown): T {
  const out: Row = {};
  for (const [k, v] of Object.entries(row as Row)) if (v !== null) out[k] = v;
  return out as T;
}

const PERSON_COLUMNS =
  'id, aad_object_id AS aadObjectId, display_name AS displayName, upn, department_id AS departmentId, tier, job_title AS jobTitle, active, left_on AS leftOn';
const COMPLETION_COLUMNS =
  'c.id, c.person_id AS personId, c.training_id AS trainingId, c.wave_id AS waveId, c.completed_on AS completedOn, c.recorded_at AS recordedAt, c.source, c.recorded_by AS recordedBy';
const ANALYSIS_COLUMNS =
  'id, department_id AS departmentId, title, kind, council_file_number AS councilFileNumber, steps, groups_benefited AS groupsBenefited, groups_burdened AS groupsBurdened, resulting_change AS resultingChange, status, step, author_id AS authorId, submitted_by AS submittedBy, review_comment AS reviewComment, reviewed_by AS reviewedBy, reviewed_at AS reviewedAt, created_at AS createdAt, updated_at AS updatedAt, submitted_at AS submittedAt, version';
const VISION_COLUMNS =
  'id, department_id AS departmentId, text, adopted_on AS adoptedOn, version, recorded_by AS recordedBy, recorded_at AS recordedAt';
const IMPACT_STATEMENT_COLUMNS =
  'id, department_id AS departmentId, council_file_number AS councilFileNumber, title, guided_by AS guidedBy, status, guided_on AS guidedOn, recorded_by AS recordedBy, recorded_at AS recordedAt';

/** `active` is NULL (absent: active), 1 or 0. */
function toPerson(row: unknown): Person {
  const p = clean<Omit<Person, 'active'> & { active?: number }>(row);
  const { active, ...rest } = p;
  return active === undefined ? rest : { ...rest, active: active === 1 };
}

function toAnalysis(row: unknown): ToolkitAnalysis {
  const a = clean<Omit<ToolkitAnalysis, 'steps'> & { steps: string }>(row);
  return { ...a, steps: JSON.parse(a.steps) as ToolkitAnalysis['steps'] };
}

function toImpactStatement(row: unknown): ImpactStatement {
  const s = clean<Omit<ImpactStatement, 'guidedBy'> & { guidedBy: string }>(row);
  return { ...s, guidedBy: JSON.parse(s.guidedBy) as string[] };
}

/** A `WHERE department_id = ?` clause when the filter names a department. */
function byDepartment(filter: DepartmentFilter | undefined, column = 'department_id') {
  return filter?.departmentId
    ? { where: ` WHERE ${column} = ?`, args: [filter.departmentId] }
    : { where: '', args: [] as string[] };
}

/**
 * The embedded store: one SQLite file under DATA_DIR, migrated on open, WAL-journalled so readers
 * never wait for the writer.
 */
export class SqliteStore implements PlanStore {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;

  /** @param file path of the database file; its folder is created when missing. */
  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
  }

  private all<T>(sql: string, ...args: unknown[]): T[] {
    return this.db
      .prepare(sql)
      .all(...args)
      .map((r) => clean<T>(r));
  }

  private one<T>(sql: string, ...args: unknown[]): T | undefined {
    const row = this.db.prepare(sql).get(...args);
    return row === undefined ? undefined : clean<T>(row);
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async isEmpty(): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM departments LIMIT 1').get() === undefined;
  }

  async putPlan(seed: PlanSeed): Promise<void> {
    const db = this.db;
    db.transaction(() => {
      const dep = db.prepare('INSERT OR REPLACE INTO departments (id, name) VALUES (?, ?)');
      for (const d of seed.departments) dep.run(d.id, d.name);
      const goal = db.prepare('INSERT OR REPLACE INTO goals (id, title) VALUES (?, ?)');
      for (const g of seed.goals) goal.run(g.id, g.title);
      const strat = db.prepare(
        'INSERT OR REPLACE INTO strategies (id, goal_id, area, text, responsible_department_ids) VALUES (?, ?, ?, ?, ?)',
      );
      for (const s of seed.strategies) {
        strat.run(s.id, s.goalId, s.area, s.text, JSON.stringify(s.responsibleDepartmentIds));
      }
      const training = db.prepare(
        'INSERT OR REPLACE INTO trainings (id, title, course_url, required_for_leads) VALUES (?, ?, ?, ?)',
      );
      for (const t of seed.trainings) {
        training.run(t.id, t.title, t.courseUrl, t.requiredForLeads ? 1 : 0);
      }
      for (const w of seed.waves) this.writeWave(w);
      for (const m of seed.milestones) this.writeMilestone(m);
    })();
  }

  async listGoals(): Promise<Goal[]> {
    return this.all<Goal>('SELECT id, title FROM goals ORDER BY id');
  }

  async listStrategies(): Promise<Strategy[]> {
    return this.all<
      Omit<Strategy, 'responsibleDepartmentIds'> & { responsibleDepartmentIds: string }
    >(
      'SELECT id, goal_id AS goalId, area, text, responsible_department_ids AS responsibleDepartmentIds FROM strategies ORDER BY goal_id, id',
    ).map((s) => ({
      ...s,
      responsibleDepartmentIds: JSON.parse(s.responsibleDepartmentIds) as string[],
    }));
  }

  async listDepartments(): Promise<Department[]> {
    return this.all<Department>('SELECT id, name FROM departments ORDER BY name');
  }

  async listTrainings(): Promise<Training[]> {
    return this.all<Omit<Training, 'requiredForLeads'> & { requiredForLeads: number }>(
      'SELECT id, title, course_url AS courseUrl, required_for_leads AS requiredForLeads FROM trainings ORDER BY rowid',
    ).map((t) => ({ ...t, requiredForLeads: t.requiredForLeads === 1 }));
  }

  private static readonly WAVE_COLUMNS =
    'id, training_id AS trainingId, sequence, tier, opens_on AS opensOn, due_on AS dueOn, override_reason AS overrideReason';

  async listWaves(): Promise<Wave[]> {
    return this.all<Wave>(
      `SELECT ${SqliteStore.WAVE_COLUMNS} FROM waves ORDER BY training_id, sequence`,
    );
  }

  async getWave(id: string): Promise<Wave | undefined> {
    return this.one<Wave>(`SELECT ${SqliteStore.WAVE_COLUMNS} FROM waves WHERE id = ?`, id);
  }

  private writeWave(w: Wave): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO waves (id, training_id, sequence, tier, opens_on, due_on, override_reason) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(w.id, w.trainingId, w.sequence, w.tier, w.opensOn, w.dueOn, w.overrideReason ?? null);
  }

  async putWave(wave: Wave, audit?: AuditEntry): Promise<void> {
    this.db.transaction(() => {
      this.writeWave(wave);
      if (audit) this.insertAudit(audit);
    })();
  }

  async listMilestones(): Promise<Milestone[]> {
    return this.all<Milestone>(
      'SELECT id, strategy_id AS strategyId, title, done_on AS doneOn FROM milestones ORDER BY id',
    );
  }

  private writeMilestone(m: Milestone): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO milestones (id, strategy_id, title, done_on) VALUES (?, ?, ?, ?)',
      )
      .run(m.id, m.strategyId, m.title, m.doneOn ?? null);
  }

  async putMilestone(milestone: Milestone): Promise<void> {
    this.writeMilestone(milestone);
  }

  async upsertPeople(people: Person[]): Promise<void> {
    const stmt = this.db.prepare(
      'INSERT OR REPLACE INTO people (id, aad_object_id, display_name, upn, department_id, tier, job_title, active, left_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const p of people) {
        stmt.run(
          p.id,
          p.aadObjectId.toLowerCase(),
          p.displayName,
          p.upn,
          p.departmentId,
          p.tier,
          p.jobTitle,
          p.active === undefined ? null : p.active ? 1 : 0,
          p.leftOn ?? null,
        );
      }
    })();
  }

  async listPeople(filter?: DepartmentFilter): Promise<Person[]> {
    const f = byDepartment(filter);
    return this.db
      .prepare(`SELECT ${PERSON_COLUMNS} FROM people${f.where} ORDER BY id`)
      .all(...f.args)
      .map(toPerson);
  }

  async getPerson(id: string): Promise<Person | undefined> {
    const row = this.db.prepare(`SELECT ${PERSON_COLUMNS} FROM people WHERE id = ?`).get(id);
    return row === undefined ? undefined : toPerson(row);
  }

  async findPersonByAadObjectId(aadObjectId: string): Promise<Person | undefined> {
    const row = this.db
      .prepare(`SELECT ${PERSON_COLUMNS} FROM people WHERE aad_object_id = ?`)
      .get(aadObjectId.toLowerCase());
    return row === undefined ? undefined : toPerson(row);
  }

  async listMembers(filter?: DepartmentFilter): Promise<DepartmentMember[]> {
    const f = byDepartment(filter);
    return this.all<DepartmentMember>(
      `SELECT department_id AS departmentId, person_id AS personId, role, since FROM department_members${f.where} ORDER BY department_id, role, person_id`,
      ...f.args,
    );
  }

  async setMembers(
    departmentId: string,
    role: DepartmentRoleKind,
    personIds: string[],
    since: string,
    audit?: AuditEntry,
  ): Promise<void> {
    const db = this.db;
    db.transaction(() => {
      const kept = new Map(
        this.all<{ personId: string; since: string }>(
          'SELECT person_id AS personId, since FROM department_members WHERE department_id = ? AND role = ?',
          departmentId,
          role,
        ).map((r) => [r.personId, r.since]),
      );
      const wanted = new Set(personIds);
      if (wanted.size === kept.size && [...wanted].every((id) => kept.has(id))) return;
      db.prepare('DELETE FROM department_members WHERE department_id = ? AND role = ?').run(
        departmentId,
        role,
      );
      const insert = db.prepare(
        'INSERT INTO department_members (department_id, person_id, role, since) VALUES (?, ?, ?, ?)',
      );
      for (const id of wanted) insert.run(departmentId, id, role, kept.get(id) ?? since);
      if (audit) this.insertAudit(audit);
    })();
  }

  /** Inserts `c` unless the person has completed the training; with its audit entry if new. */
  private insertCompletion(c: Completion): boolean {
    const info = this.db
      .prepare(
        'INSERT OR IGNORE INTO completions (id, person_id, training_id, wave_id, completed_on, recorded_at, source, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        c.id,
        c.personId,
        c.trainingId,
        c.waveId,
        c.completedOn,
        c.recordedAt,
        c.source,
        c.recordedBy ?? null,
      );
    if (info.changes !== 1) return false;
    const audit = completionAudit(c);
    if (audit) this.insertAudit(audit);
    return true;
  }

  async recordCompletion(completion: Completion): Promise<RecordOutcome> {
    // The completion and its audit entry commit together or not at all.
    return this.db.transaction(() => {
      const created = this.insertCompletion(completion);
      const stored = this.one<Completion>(
        `SELECT ${COMPLETION_COLUMNS} FROM completions c WHERE c.person_id = ? AND c.training_id = ?`,
        completion.personId,
        completion.trainingId,
      );
      if (!stored) throw new NotFound('completion', completion.id);
      return { completion: stored, created };
    })();
  }

  async recordCompletions(completions: Completion[]): Promise<number> {
    let created = 0;
    this.db.transaction(() => {
      for (const c of completions) if (this.insertCompletion(c)) created += 1;
    })();
    return created;
  }

  async listCompletions(filter?: CompletionFilter): Promise<Completion[]> {
    const clauses: string[] = [];
    const args: string[] = [];
    if (filter?.personId) {
      clauses.push('c.person_id = ?');
      args.push(filter.personId);
    }
    if (filter?.trainingId) {
      clauses.push('c.training_id = ?');
      args.push(filter.trainingId);
    }
    let from = 'completions c';
    if (filter?.departmentId) {
      from += ' JOIN people p ON p.id = c.person_id';
      clauses.push('p.department_id = ?');
      args.push(filter.departmentId);
    }
    const where = clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '';
    return this.all<Completion>(`SELECT ${COMPLETION_COLUMNS} FROM ${from}${where}`, ...args);
  }

  async addVision(
    vision: Omit<VisionStatement, 'version'>,
    audit?: AuditEntry,
  ): Promise<VisionStatement> {
    return this.db.transaction(() => {
      const known = this.one<VisionStatement>(
        `SELECT ${VISION_COLUMNS} FROM vision_statements WHERE id = ?`,
        vision.id,
      );
      if (known) return known;
      const row = this.db
        .prepare(
          'SELECT COALESCE(MAX(version), 0) AS v FROM vision_statements WHERE department_id = ?',
        )
        .get(vision.departmentId) as { v: number };
      const stored: VisionStatement = { ...vision, version: row.v + 1 };
      this.db
        .prepare(
          'INSERT INTO vision_statements (id, department_id, text, adopted_on, version, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          stored.id,
          stored.departmentId,
          stored.text,
          stored.adoptedOn,
          stored.version,
          stored.recordedBy,
          stored.recordedAt,
        );
      if (audit) this.insertAudit({ ...audit, after: stored });
      return stored;
    })();
  }

  async listVisions(filter?: DepartmentFilter): Promise<VisionStatement[]> {
    const f = byDepartment(filter);
    return this.all<VisionStatement>(
      `SELECT ${VISION_COLUMNS} FROM vision_statements${f.where} ORDER BY department_id, version`,
      ...f.args,
    );
  }

  private writeAnalysis(a: ToolkitAnalysis, verb: 'INSERT' | 'REPLACE'): void {
    this.db
      .prepare(
        `${verb === 'INSERT' ? 'INSERT' : 'INSERT OR REPLACE'} INTO toolkit_analyses (id, department_id, title, kind, council_file_number, steps, groups_benefited, groups_burdened, resulting_change, status, step, author_id, submitted_by, review_comment, reviewed_by, reviewed_at, created_at, updated_at, submitted_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        a.id,
        a.departmentId,
        a.title,
        a.kind,
        a.councilFileNumber ?? null,
        JSON.stringify(a.steps),
        a.groupsBenefited ?? null,
        a.groupsBurdened ?? null,
        a.resultingChange ?? null,
        a.status,
        a.step,
        a.authorId,
        a.submittedBy ?? null,
        a.reviewComment ?? null,
        a.reviewedBy ?? null,
        a.reviewedAt ?? null,
        a.createdAt,
        a.updatedAt,
        a.submittedAt ?? null,
        a.version,
      );
  }

  private readAnalysis(id: string): ToolkitAnalysis | undefined {
    const row = this.db
      .prepare(`SELECT ${ANALYSIS_COLUMNS} FROM toolkit_analyses WHERE id = ?`)
      .get(id);
    return row === undefined ? undefined : toAnalysis(row);
  }

  async createAnalysis(analysis: ToolkitAnalysis, audit?: AuditEntry): Promise<ToolkitAnalysis> {
    return this.db.transaction(() => {
      const known = this.readAnalysis(analysis.id);
      // The same analysis stored already is this create retried: nothing changes.
      if (known && sameRecord(known, analysis)) return known;
      if (known) throw new Conflict(`Toolkit analysis ${analysis.id} exists already.`);
      this.writeAnalysis(analysis, 'INSERT');
      if (audit) this.insertAudit(audit);
      return analysis;
    })();
  }

  async updateAnalysis(analysis: ToolkitAnalysis, audit?: AuditEntry): Promise<ToolkitAnalysis> {
    return this.db.transaction(() => {
      const stored = this.readAnalysis(analysis.id);
      if (!stored) throw new NotFound('toolkit analysis', analysis.id);
      const next = { ...analysis, version: analysis.version + 1 };
      if (stored.version !== analysis.version) {
        // This very save, retried after it was stored: nothing changes.
        if (sameRecord(stored, next)) return stored;
        throw new Conflict(
          `Toolkit analysis ${analysis.id} was changed by someone else (version ${stored.version}, you had ${analysis.version}); reload it and apply your changes again.`,
        );
      }
      this.writeAnalysis(next, 'REPLACE');
      if (audit) this.insertAudit({ ...audit, after: next });
      return next;
    })();
  }

  async getAnalysis(id: string): Promise<ToolkitAnalysis | undefined> {
    return this.readAnalysis(id);
  }

  async listAnalyses(filter?: AnalysisFilter): Promise<ToolkitAnalysis[]> {
    const clauses: string[] = [];
    const args: string[] = [];
    if (filter?.departmentId) {
      clauses.push('department_id = ?');
      args.push(filter.departmentId);
    }
    if (filter?.status) {
      clauses.push('status = ?');
      args.push(filter.status);
    }
    const where = clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '';
    return this.db
      .prepare(`SELECT ${ANALYSIS_COLUMNS} FROM toolkit_analyses${where} ORDER BY created_at`)
      .all(...args)
      .map(toAnalysis);
  }

  async putImpactStatement(s: ImpactStatement, audit?: AuditEntry): Promise<void> {
    this.db.transaction(() => {
      const row = this.db
        .prepare(`SELECT ${IMPACT_STATEMENT_COLUMNS} FROM impact_statements WHERE id = ?`)
        .get(s.id);
      if (row !== undefined && sameRecord(toImpactStatement(row), s)) return;
      this.db
        .prepare(
          'INSERT OR REPLACE INTO impact_statements (id, department_id, council_file_number, title, guided_by, status, guided_on, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          s.id,
          s.departmentId,
          s.councilFileNumber,
          s.title,
          JSON.stringify(s.guidedBy),
          s.status,
          s.guidedOn,
          s.recordedBy ?? null,
          s.recordedAt ?? null,
        );
      if (audit) this.insertAudit(audit);
    })();
  }

  async listImpactStatements(filter?: DepartmentFilter): Promise<ImpactStatement[]> {
    const f = byDepartment(filter);
    return this.db
      .prepare(
        `SELECT ${IMPACT_STATEMENT_COLUMNS} FROM impact_statements${f.where} ORDER BY guided_on`,
      )
      .all(...f.args)
      .map(toImpactStatement);
  }

  /** Inserts `s` unless its id is stored; true when it was new. */
  private insertStrategyStatus(s: StrategyStatus): boolean {
    const info = this.db
      .prepare(
        'INSERT INTO strategy_statuses (id, strategy_id, department_id, quarter, status, note, reported_on, reported_by, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
      )
      .run(
        s.id,
        s.strategyId,
        s.departmentId,
        s.quarter,
        s.status,
        s.note,
        s.reportedOn,
        s.reportedBy,
        s.reportedAt ?? null,
      );
    return info.changes === 1;
  }

  async addStrategyStatus(s: StrategyStatus): Promise<void> {
    this.insertStrategyStatus(s);
  }

  async addStrategyStatuses(statuses: StrategyStatus[], audit?: AuditEntry): Promise<number> {
    return this.db.transaction(() => {
      let created = 0;
      for (const s of statuses) if (this.insertStrategyStatus(s)) created += 1;
      if (created > 0 && audit) this.insertAudit(audit);
      return created;
    })();
  }

  async listStrategyStatuses(filter?: DepartmentFilter): Promise<StrategyStatus[]> {
    const f = byDepartment(filter);
    return this.all<StrategyStatus>(
      `SELECT id, strategy_id AS strategyId, department_id AS departmentId, quarter, status, note, reported_on AS reportedOn, reported_by AS reportedBy, reported_at AS reportedAt FROM strategy_statuses${f.where} ORDER BY reported_on`,
      ...f.args,
    );
  }

  async addPartnershipMeeting(m: PartnershipMeeting, audit?: AuditEntry): Promise<boolean> {
    return this.db.transaction(() => {
      const info = this.db
        .prepare(
          'INSERT INTO partnership_meetings (id, department_id, held_on, partners, people_reached, notes, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
        )
        .run(
          m.id,
          m.departmentId,
          m.heldOn,
          m.partners,
          m.peopleReached ?? null,
          m.notes,
          m.recordedBy ?? null,
          m.recordedAt ?? null,
        );
      if (info.changes !== 1) return false;
      if (audit) this.insertAudit(audit);
      return true;
    })();
  }

  async listPartnershipMeetings(filter?: DepartmentFilter): Promise<PartnershipMeeting[]> {
    const f = byDepartment(filter);
    return this.all<PartnershipMeeting>(
      `SELECT id, department_id AS departmentId, held_on AS heldOn, partners, people_reached AS peopleReached, notes, recorded_by AS recordedBy, recorded_at AS recordedAt FROM partnership_meetings${f.where} ORDER BY held_on`,
      ...f.args,
    );
  }

  async addOutreachEvent(e: OutreachEvent, audit?: AuditEntry): Promise<boolean> {
    return this.db.transaction(() => {
      const info = this.db
        .prepare(
          'INSERT INTO outreach_events (id, department_id, held_on, title, partners, people_reached, notes, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
        )
        .run(
          e.id,
          e.departmentId,
          e.heldOn,
          e.title,
          e.partners ?? null,
          e.peopleReached,
          e.notes ?? null,
          e.recordedBy ?? null,
          e.recordedAt ?? null,
        );
      if (info.changes !== 1) return false;
      if (audit) this.insertAudit(audit);
      return true;
    })();
  }

  async listOutreachEvents(filter?: DepartmentFilter): Promise<OutreachEvent[]> {
    const f = byDepartment(filter);
    return this.all<OutreachEvent>(
      `SELECT id, department_id AS departmentId, held_on AS heldOn, title, partners, people_reached AS peopleReached, notes, recorded_by AS recordedBy, recorded_at AS recordedAt FROM outreach_events${f.where} ORDER BY held_on`,
      ...f.args,
    );
  }

  async putChecklistItem(item: ChecklistItem): Promise<void> {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO checklist_items (department_id, item_key, done_on) VALUES (?, ?, ?)',
      )
      .run(item.departmentId, item.itemKey, item.doneOn ?? null);
  }

  async listChecklistItems(filter?: DepartmentFilter): Promise<ChecklistItem[]> {
    const f = byDepartment(filter);
    return this.all<ChecklistItem>(
      `SELECT department_id AS departmentId, item_key AS itemKey, done_on AS doneOn FROM checklist_items${f.where} ORDER BY department_id, item_key`,
      ...f.args,
    );
  }

  async putSurveyResults(results: SurveyResult[]): Promise<void> {
    const stmt = this.db.prepare(
      'INSERT OR REPLACE INTO survey_results (id, year, department_id, question, grp, respondents, value) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const r of results) {
        stmt.run(r.id, r.year, r.departmentId ?? null, r.question, r.group, r.respondents, r.value);
      }
    })();
  }

  async listSurveyResults(): Promise<SurveyResult[]> {
    return this.all<SurveyResult>(
      'SELECT id, year, department_id AS departmentId, question, grp AS "group", respondents, value FROM survey_results ORDER BY year, question, department_id, grp',
    );
  }

  async addFocusGroup(g: FocusGroup): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO focus_groups (id, held_on, topic, participants, department_id, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
      )
      .run(
        g.id,
        g.heldOn,
        g.topic,
        g.participants,
        g.departmentId ?? null,
        g.recordedBy ?? null,
        g.recordedAt ?? null,
      );
  }

  async listFocusGroups(): Promise<FocusGroup[]> {
    return this.all<FocusGroup>(
      'SELECT id, held_on AS heldOn, topic, participants, department_id AS departmentId, recorded_by AS recordedBy, recorded_at AS recordedAt FROM focus_groups ORDER BY held_on, id',
    );
  }

  async putIndicatorPoints(points: IndicatorPoint[]): Promise<void> {
    const stmt = this.db.prepare(
      'INSERT OR REPLACE INTO indicator_points (indicator, grp, place, year, value, source) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const p of points) stmt.run(p.indicator, p.group, p.place, p.year, p.value, p.source);
    })();
  }

  async listIndicatorPoints(indicator?: string): Promise<IndicatorPoint[]> {
    const where = indicator ? ' WHERE indicator = ?' : '';
    return this.all<IndicatorPoint>(
      `SELECT indicator, grp AS "group", place, year, value, source FROM indicator_points${where} ORDER BY indicator, place, grp, year`,
      ...(indicator ? [indicator] : []),
    );
  }

  async putAnnualReport(report: AnnualReport): Promise<void> {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO annual_reports (year, generated_at, content) VALUES (?, ?, ?)',
      )
      .run(report.year, report.generatedAt, JSON.stringify(report.content));
  }

  async getAnnualReport(year: number): Promise<AnnualReport | undefined> {
    const row = this.one<{ year: number; generatedAt: string; content: string }>(
      'SELECT year, generated_at AS generatedAt, content FROM annual_reports WHERE year = ?',
      year,
    );
    return row ? { ...row, content: JSON.parse(row.content) as unknown } : undefined;
  }

  async saveConversation(record: ConversationRecord): Promise<void> {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO conversations (person_id, reference, updated_at) VALUES (?, ?, ?)',
      )
      .run(record.personId, JSON.stringify(record.reference), record.updatedAt);
  }

  async getConversation(personId: string): Promise<ConversationRecord | undefined> {
    const row = this.one<{ personId: string; reference: string; updatedAt: string }>(
      'SELECT person_id AS personId, reference, updated_at AS updatedAt FROM conversations WHERE person_id = ?',
      personId,
    );
    return row ? { ...row, reference: JSON.parse(row.reference) as unknown } : undefined;
  }

  async listConversations(): Promise<ConversationRecord[]> {
    return this.all<{ personId: string; reference: string; updatedAt: string }>(
      'SELECT person_id AS personId, reference, updated_at AS updatedAt FROM conversations',
    ).map((row) => ({ ...row, reference: JSON.parse(row.reference) as unknown }));
  }

  async putCampaignSummary(summary: CampaignSummary, audit?: AuditEntry): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare(
          'INSERT OR REPLACE INTO campaign_summaries (id, started_at, content) VALUES (?, ?, ?)',
        )
        .run(summary.id, summary.startedAt, JSON.stringify(summary));
      if (audit) this.insertAudit(audit);
    })();
  }

  async listCampaignSummaries(): Promise<CampaignSummary[]> {
    return this.all<{ content: string }>(
      'SELECT content FROM campaign_summaries ORDER BY started_at DESC, id',
    ).map((row) => JSON.parse(row.content) as CampaignSummary);
  }

  async getSetting(key: string): Promise<string | undefined> {
    return this.one<{ value: string }>('SELECT value FROM settings WHERE key = ?', key)?.value;
  }

  async putSetting(key: string, value: string): Promise<void> {
    this.db
      .prepare('INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES (?, ?, ?)')
      .run(key, value, new Date().toISOString());
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.insertAudit(entry);
  }

  /** Appends `entry`; an entry with the same id is already there and stays as it is. */
  private insertAudit(entry: AuditEntry): void {
    this.db
      .prepare(
        'INSERT OR IGNORE INTO audit_log (id, at, actor_id, action, record_type, record_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        entry.id,
        entry.at,
        entry.actorId,
        entry.action,
        entry.recordType,
        entry.recordId,
        entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === undefined ? null : JSON.stringify(entry.after),
      );
  }

  async listAudit(filter?: AuditFilter): Promise<AuditEntry[]> {
    const clauses: string[] = [];
    const args: Array<string | number> = [];
    if (filter?.recordType) {
      clauses.push('record_type = ?');
      args.push(filter.recordType);
    }
    if (filter?.recordId) {
      clauses.push('record_id = ?');
      args.push(filter.recordId);
    }
    const where = clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '';
    args.push(filter?.limit ?? 500);
    return this.all<AuditEntry & { before?: string; after?: string }>(
      `SELECT id, at, actor_id AS actorId, action, record_type AS recordType, record_id AS recordId, before, after FROM audit_log${where} ORDER BY seq DESC LIMIT ?`,
      ...args,
    ).map((e) => ({
      ...e,
      before: e.before === undefined ? undefined : (JSON.parse(e.before) as unknown),
      after: e.after === undefined ? undefined : (JSON.parse(e.after) as unknown),
    }));
  }
}
