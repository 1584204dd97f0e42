import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { SharePointConfig } from '../../config/config';
import {
  completionAudit,
  Conflict,
  NotFound,
  type AnnualReport,
  type AuditEntry,
  type CampaignSummary,
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
import { createGraphClient, type GraphClientOptions } from './graph-client';
import { GraphError, statusOf, toGraphError } from './graph-error';
import { ListMirror, type MirrorItem } from './list-mirror';
import { LISTS, toFields, type ListId } from './schema';
import { SiteLists, type BatchRequest, type GraphItem } from './site-lists';

export type SharePointStoreOptions = GraphClientOptions & {
  /** Changes made by other instances show within this many ms. @default 2000 */
  maxStalenessMs?: number;
  /** A ready client (tests pass one wired to the emulator's token endpoint). */
  client?: Client;
};

type Rec = Record<string, unknown>;

/** Orders as SQLite's `ORDER BY` on text columns does (by code unit), key by key. */
function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

const byDepartment = <T extends { departmentId: string }>(rows: T[], f?: DepartmentFilter) =>
  f?.departmentId ? rows.filter((r) => r.departmentId === f.departmentId) : rows;

/**
 * The production store: SharePoint lists on the city's site, through Microsoft Graph. Reads are
 * served from a read model fed by delta queries; writes go to Graph first (in `$batch` chunks of
 * 20 when there are many) and then into the read model. Every item carries a unique `Key`, so a
 * retried write finds the item it already made instead of adding a second one.
 *
 * SharePoint has no transactions across items: a multi-item write that fails part-way has written
 * some items; running it again completes it, because each item write is idempotent on its key.
 */
export class SharePointStore implements PlanStore {
  readonly kind = 'sharepoint';
  readonly site: SiteLists;
  private readonly mirrors = new Map<ListId, ListMirror<Rec>>();

  constructor(config: SharePointConfig, options: SharePointStoreOptions = {}) {
    const client = options.client ?? createGraphClient(config, undefined, options);
    this.site = new SiteLists(client, config, (options.retryDelaySeconds ?? 1) * 1000);
    for (const def of LISTS) {
      this.mirrors.set(def.id, new ListMirror<Rec>(def, this.site, options.maxStalenessMs ?? 2000));
    }
  }

  private mirror<T>(id: ListId): ListMirror<T> {
    return this.mirrors.get(id) as unknown as ListMirror<T>;
  }

  /** The list's records, read from the read model after a delta sync. */
  private async rows<T>(id: ListId): Promise<T[]> {
    const m = this.mirror<T>(id);
    await m.sync();
    return m.all().map((i) => i.record);
  }

  private async find<T>(id: ListId, key: string): Promise<MirrorItem<T> | undefined> {
    const m = this.mirror<T>(id);
    await m.sync();
    return m.get(key);
  }

  /** Creates one item; if its key exists already (a retry, or another instance), returns that. */
  private async create<T>(
    id: ListId,
    record: T,
  ): Promise<{ item: MirrorItem<T>; created: boolean }> {
    const m = this.mirror<T>(id);
    const key = m.def.keyOf(record as Rec);
    const existing = await this.find<T>(id, key);
    if (existing) return { item: existing, created: false };
    try {
      const item = (await this.site.client
        .api(await this.site.itemsUrl(await m.listId()))
        .post({ fields: toFields(m.def, record as Rec) })) as GraphItem;
      return { item: m.apply(item) as MirrorItem<T>, created: true };
    } catch (error) {
      if (statusOf(error) === 409) {
        await m.sync(true);
        const stored = m.get(key);
        if (stored) return { item: stored, created: false };
      }
      throw toGraphError(error, `creating ${key} in ${m.def.displayName}`);
    }
  }

  /** Writes `record` over the item of the same key (If-Match when `eTag` is given), or creates it. */
  private async put<T>(id: ListId, record: T, eTag?: string): Promise<MirrorItem<T>> {
    const m = this.mirror<T>(id);
    const key = m.def.keyOf(record as Rec);
    const existing = await this.find<T>(id, key);
    if (!existing) return (await this.create(id, record)).item;
    const url = `${await this.site.itemsUrl(await m.listId())}/${existing.itemId}/fields`;
    try {
      const request = this.site.client.api(url);
      if (eTag) request.header('If-Match', eTag);
      const fields = (await request.patch(toFields(m.def, record as Rec))) as Rec;
      return m.apply({ id: existing.itemId, fields: { ...fields } }) as MirrorItem<T>;
    } catch (error) {
      if (statusOf(error) === 412) {
        await m.sync(true);
        throw new Conflict(
          `${key} in ${m.def.displayName} was changed by someone else; reload it and apply your changes again.`,
        );
      }
      throw toGraphError(error, `updating ${key} in ${m.def.displayName}`);
    }
  }

  /**
   * Writes many records through `$batch`: new keys are created, known keys updated (when
   * `update`), in chunks of 20.
   * @returns how many items were created.
   */
  private async putMany<T>(id: ListId, records: T[], update: boolean): Promise<number> {
    if (records.length === 0) return 0;
    const m = this.mirror<T>(id);
    await m.sync();
    const url = await this.site.itemsUrl(await m.listId());
    const requests: BatchRequest[] = [];
    const keys = new Map<string, string>();
    /** The item each PATCH request updates, by request id. */
    const updated = new Map<string, string>();
    const seen = new Set<string>();
    for (const record of records) {
      const key = m.def.keyOf(record as Rec);
      if (seen.has(key)) continue;
      seen.add(key);
      const existing = m.get(key);
      if (existing && !update) continue;
      const requestId = String(requests.length + 1);
      keys.set(requestId, key);
      const fields = toFields(m.def, record as Rec);
      if (existing) updated.set(requestId, existing.itemId);
      requests.push(
        existing
          ? {
              id: requestId,
              method: 'PATCH',
              url: `${url}/${existing.itemId}/fields`,
              body: fields,
            }
          : { id: requestId, method: 'POST', url, body: { fields } },
      );
    }
    const answers = await this.site.batch(requests);
    let created = 0;
    let duplicates = 0;
    const failures: string[] = [];
    for (const request of requests) {
      const answer = answers.get(request.id);
      const body = (answer?.body ?? {}) as Rec;
      if (answer && answer.status >= 200 && answer.status < 300) {
        if (request.method === 'POST') {
          created += 1;
          m.apply(body as unknown as GraphItem);
        } else {
          m.apply({ id: updated.get(request.id) ?? '', fields: body });
        }
      } else if (answer?.status === 409 && request.method === 'POST') {
        duplicates += 1; // stored already, by an earlier try or another instance
      } else {
        failures.push(`${keys.get(request.id)}: ${answer?.status ?? 'no answer'}`);
      }
    }
    if (duplicates > 0) await m.sync(true);
    if (failures.length > 0) {
      throw new GraphError(
        failures.length === requests.length ? 500 : 207,
        'batchFailed',
        null,
        `${failures.length} of ${requests.length} writes to ${m.def.displayName} failed (${failures
          .slice(0, 5)
          .join('; ')}); run the same write again to complete it.`,
      );
    }
    return created;
  }

  private async deleteItem(id: ListId, item: MirrorItem<unknown>): Promise<void> {
    const m = this.mirror(id);
    try {
      await this.site.client
        .api(`${await this.site.itemsUrl(await m.listId())}/${item.itemId}`)
        .delete();
    } catch (error) {
      if (statusOf(error) !== 404) throw toGraphError(error, `deleting ${item.key}`);
    }
    m.remove(item.itemId);
  }

  /** Reads the departments list's metadata from Graph (not a cache): the lists are reachable. */
  async ping(): Promise<void> {
    const listId = await this.mirror('departments').listId();
    try {
      await this.site.client
        .api(`/sites/${await this.site.siteId()}/lists/${listId}`)
        .select('id')
        .get();
    } catch (error) {
      throw toGraphError(error, 'reading the Departments list');
    }
  }

  /** Looks the site up in Graph (not a cache): token, Graph and the app's access to the site. */
  async reachGraph(): Promise<void> {
    await this.site.reachSite();
  }

  async close(): Promise<void> {
    // Nothing to release: Graph is reached over HTTP per request.
  }

  async isEmpty(): Promise<boolean> {
    return (await this.rows('departments')).length === 0;
  }

  async putPlan(seed: PlanSeed): Promise<void> {
    await this.putMany('departments', seed.departments, true);
    await this.putMany('goals', seed.goals, true);
    await this.putMany('strategies', seed.strategies, true);
    await this.putMany('trainings', seed.trainings, true);
    await this.putMany('waves', seed.waves, true);
    await this.putMany('milestones', seed.milestones, true);
  }

  async listGoals(): Promise<Goal[]> {
    return (await this.rows<Goal>('goals')).sort((a, b) => a.id.localeCompare(b.id));
  }

  async listStrategies(): Promise<Strategy[]> {
    return (await this.rows<Strategy>('strategies')).sort(
      (a, b) => a.goalId.localeCompare(b.goalId) || a.id.localeCompare(b.id),
    );
  }

  async listDepartments(): Promise<Department[]> {
    return (await this.rows<Department>('departments')).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
  }

  async listTrainings(): Promise<Training[]> {
    return this.rows<Training>('trainings');
  }

  async listWaves(): Promise<Wave[]> {
    return (await this.rows<Wave>('waves')).sort(
      (a, b) => a.trainingId.localeCompare(b.trainingId) || a.sequence - b.sequence,
    );
  }

  async getWave(id: string): Promise<Wave | undefined> {
    return (await this.find<Wave>('waves', id))?.record;
  }

  async putWave(wave: Wave, audit?: AuditEntry): Promise<void> {
    await this.put('waves', wave);
    await this.writeAudit(audit);
  }

  async listMilestones(): Promise<Milestone[]> {
    return (await this.rows<Milestone>('milestones')).sort((a, b) => a.id.localeCompare(b.id));
  }

  async putMilestone(milestone: Milestone): Promise<void> {
    await this.put('milestones', milestone);
  }

  async upsertPeople(people: Person[]): Promise<void> {
    await this.putMany(
      'people',
      people.map((p) => ({ ...p, aadObjectId: p.aadObjectId.toLowerCase() })),
      true,
    );
  }

  async listPeople(filter?: DepartmentFilter): Promise<Person[]> {
    return byDepartment(await this.rows<Person>('people'), filter).sort((a, b) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
  }

  async getPerson(id: string): Promise<Person | undefined> {
    return (await this.find<Person>('people', id))?.record;
  }

  async findPersonByAadObjectId(aadObjectId: string): Promise<Person | undefined> {
    const wanted = aadObjectId.toLowerCase();
    return (await this.rows<Person>('people')).find((p) => p.aadObjectId === wanted);
  }

  async listMembers(filter?: DepartmentFilter): Promise<DepartmentMember[]> {
    const order = (m: DepartmentMember) => `${m.departmentId}|${m.role}|${m.personId}`;
    return byDepartment(await this.rows<DepartmentMember>('members'), filter).sort((a, b) =>
      order(a) < order(b) ? -1 : 1,
    );
  }

  async setMembers(
    departmentId: string,
    role: DepartmentRoleKind,
    personIds: string[],
    since: string,
    audit?: AuditEntry,
  ): Promise<void> {
    const m = this.mirror<DepartmentMember>('members');
    await m.sync(true);
    const current = m
      .all()
      .filter((i) => i.record.departmentId === departmentId && i.record.role === role);
    const wanted = new Set(personIds);
    const kept = new Set(current.map((i) => i.record.personId));
    const add = [...wanted]
      .filter((id) => !kept.has(id))
      .map((personId) => ({ departmentId, personId, role, since }));
    await this.putMany('members', add, false);
    for (const item of current) {
      if (!wanted.has(item.record.personId)) await this.deleteItem('members', item);
    }
    await this.writeAudit(audit);
  }

  /**
   * Lists have no transactions, so an audit entry is a second item, keyed by its id, written
   * after the record: a crash between the two leaves it missing until the same write is made
   * again (Teams retries the invoke, the person submits again), which writes the missing entry,
   * never a second one.
   */
  private async writeAudit(audit: AuditEntry | undefined): Promise<void> {
    if (audit) await this.create('audit', audit);
  }

  /**
   * Lists have no transactions, so the audit entry follows the completion as a second item keyed
   * by the completion: a crash between the two leaves the entry missing until the same
   * completion is recorded again (Teams retries the invoke, the person clicks again), which
   * finds the completion and writes the missing entry, never a second one.
   */
  async recordCompletion(completion: Completion): Promise<RecordOutcome> {
    const { item, created } = await this.create('completions', completion);
    const audit = completionAudit(item.record);
    if (audit) await this.create('audit', audit);
    return { completion: item.record, created };
  }

  async recordCompletions(completions: Completion[]): Promise<number> {
    const created = await this.putMany('completions', completions, false);
    const m = this.mirror<Completion>('completions');
    const audits = completions
      .map((c) => m.get(m.def.keyOf(c as unknown as Rec))?.record)
      .map((stored) => (stored ? completionAudit(stored) : undefined))
      .filter((entry): entry is AuditEntry => entry !== undefined);
    await this.putMany('audit', audits, false);
    return created;
  }

  async listCompletions(filter?: CompletionFilter): Promise<Completion[]> {
    let rows = await this.rows<Completion>('completions');
    if (filter?.personId) rows = rows.filter((c) => c.personId === filter.personId);
    if (filter?.trainingId) rows = rows.filter((c) => c.trainingId === filter.trainingId);
    if (filter?.departmentId) {
      const staff = new Set((await this.listPeople(filter)).map((p) => p.id));
      rows = rows.filter((c) => staff.has(c.personId));
    }
    return rows;
  }

  async addVision(
    vision: Omit<VisionStatement, 'version'>,
    audit?: AuditEntry,
  ): Promise<VisionStatement> {
    const stored = await this.storeVision(vision);
    if (audit) await this.writeAudit({ ...audit, after: stored });
    return stored;
  }

  /** The vision stored under `vision.id`: the one found, or the department's next version. */
  private async storeVision(vision: Omit<VisionStatement, 'version'>): Promise<VisionStatement> {
    // The key (department, version) is unique: two editors adding at once get two versions.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const versions = await this.listVisions({ departmentId: vision.departmentId });
      const known = versions.find((v) => v.id === vision.id);
      if (known) return known;
      const next: VisionStatement = {
        ...vision,
        version: Math.max(0, ...versions.map((v) => v.version)) + 1,
      };
      const { item, created } = await this.create('visions', next);
      if (created) return item.record;
      if (item.record.id === vision.id) return item.record;
      await this.mirror('visions').sync(true);
    }
    throw new Conflict('The vision statement kept changing while saving; try again.');
  }

  async listVisions(filter?: DepartmentFilter): Promise<VisionStatement[]> {
    return byDepartment(await this.rows<VisionStatement>('visions'), filter).sort(
      (a, b) => a.departmentId.localeCompare(b.departmentId) || a.version - b.version,
    );
  }

  async createAnalysis(analysis: ToolkitAnalysis, audit?: AuditEntry): Promise<ToolkitAnalysis> {
    const { item, created } = await this.create('analyses', analysis);
    // Found equal, it is this create retried (by the caller, or by the pipeline after a lost
    // answer, which Graph refuses with 409): the audit entry may still be missing.
    if (!created && !sameRecord(item.record, analysis)) {
      throw new Conflict(`Toolkit analysis ${analysis.id} exists already.`);
    }
    await this.writeAudit(audit);
    return item.record;
  }

  async updateAnalysis(analysis: ToolkitAnalysis, audit?: AuditEntry): Promise<ToolkitAnalysis> {
    const m = this.mirror<ToolkitAnalysis>('analyses');
    await m.sync(true);
    const stored = m.get(analysis.id);
    if (!stored) throw new NotFound('toolkit analysis', analysis.id);
    const next = { ...analysis, version: analysis.version + 1 };
    let saved: ToolkitAnalysis;
    if (stored.record.version === analysis.version) {
      try {
        saved = (await this.put('analyses', next, stored.eTag)).record;
      } catch (error) {
        // A PATCH applied but answered 504 is sent again and refused (412): the item holds `next`.
        const now = m.get(analysis.id);
        if (!(error instanceof Conflict) || !now || !sameRecord(now.record, next)) throw error;
        saved = now.record;
      }
    } else if (sameRecord(stored.record, next)) {
      saved = stored.record; // this very save, retried after it was stored
    } else {
      throw new Conflict(
        `Toolkit analysis ${analysis.id} was changed by someone else (version ${stored.record.version}, you had ${analysis.version}); reload it and apply your changes again.`,
      );
    }
    if (audit) await this.writeAudit({ ...audit, after: saved });
    return saved;
  }

  async getAnalysis(id: string): Promise<ToolkitAnalysis | undefined> {
    return (await this.find<ToolkitAnalysis>('analyses', id))?.record;
  }

  async listAnalyses(filter?: AnalysisFilter): Promise<ToolkitAnalysis[]> {
    let rows = byDepartment(await this.rows<ToolkitAnalysis>('analyses'), filter);
    if (filter?.status) rows = rows.filter((a) => a.status === filter.status);
    return rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async putImpactStatement(statement: ImpactStatement, audit?: AuditEntry): Promise<void> {
    await this.put('impactStatements', statement);
    await this.writeAudit(audit);
  }

  async listImpactStatements(filter?: DepartmentFilter): Promise<ImpactStatement[]> {
    return byDepartment(await this.rows<ImpactStatement>('impactStatements'), filter).sort((a, b) =>
      a.guidedOn.localeCompare(b.guidedOn),
    );
  }

  async addStrategyStatus(status: StrategyStatus): Promise<void> {
    await this.create('strategyStatuses', status);
  }

  async addStrategyStatuses(statuses: StrategyStatus[], audit?: AuditEntry): Promise<number> {
    const created = await this.putMany('strategyStatuses', statuses, false);
    await this.writeAudit(audit);
    return created;
  }

  async listStrategyStatuses(filter?: DepartmentFilter): Promise<StrategyStatus[]> {
    return byDepartment(await this.rows<StrategyStatus>('strategyStatuses'), filter).sort((a, b) =>
      a.reportedOn.localeCompare(b.reportedOn),
    );
  }

  async addPartnershipMeeting(meeting: PartnershipMeeting, audit?: AuditEntry): Promise<boolean> {
    const { created } = await this.create('partnershipMeetings', meeting);
    await this.writeAudit(audit);
    return created;
  }

  async listPartnershipMeetings(filter?: DepartmentFilter): Promise<PartnershipMeeting[]> {
    return byDepartment(await this.rows<PartnershipMeeting>('partnershipMeetings'), filter).sort(
      (a, b) => a.heldOn.localeCompare(b.heldOn),
    );
  }

  async addOutreachEvent(event: OutreachEvent, audit?: AuditEntry): Promise<boolean> {
    const { created } = await this.create('outreachEvents', event);
    await this.writeAudit(audit);
    return created;
  }

  async listOutreachEvents(filter?: DepartmentFilter): Promise<OutreachEvent[]> {
    return byDepartment(await this.rows<OutreachEvent>('outreachEvents'), filter).sort((a, b) =>
      a.heldOn.localeCompare(b.heldOn),
    );
  }

  async putChecklistItem(item: ChecklistItem): Promise<void> {
    await this.put('checklistItems', item);
  }

  async listChecklistItems(filter?: DepartmentFilter): Promise<ChecklistItem[]> {
    const order = (c: ChecklistItem) => `${c.departmentId}|${c.itemKey}`;
    return byDepartment(await this.rows<ChecklistItem>('checklistItems'), filter).sort((a, b) =>
      order(a) < order(b) ? -1 : 1,
    );
  }

  async putSurveyResults(results: SurveyResult[]): Promise<void> {
    await this.putMany('surveyResults', results, true);
  }

  async listSurveyResults(): Promise<SurveyResult[]> {
    const order = (r: SurveyResult) => [r.question, r.departmentId ?? '', r.group];
    return (await this.rows<SurveyResult>('surveyResults')).sort(
      (a, b) => a.year - b.year || compareKeys(order(a), order(b)),
    );
  }

  async addFocusGroup(group: FocusGroup): Promise<void> {
    await this.create('focusGroups', group);
  }

  async listFocusGroups(): Promise<FocusGroup[]> {
    return (await this.rows<FocusGroup>('focusGroups')).sort((a, b) =>
      compareKeys([a.heldOn, a.id], [b.heldOn, b.id]),
    );
  }

  async putIndicatorPoints(points: IndicatorPoint[]): Promise<void> {
    await this.putMany('indicatorPoints', points, true);
  }

  async listIndicatorPoints(indicator?: string): Promise<IndicatorPoint[]> {
    const rows = await this.rows<IndicatorPoint>('indicatorPoints');
    return (indicator ? rows.filter((p) => p.indicator === indicator) : rows).sort(
      (a, b) =>
        compareKeys([a.indicator, a.place, a.group], [b.indicator, b.place, b.group]) ||
        a.year - b.year,
    );
  }

  /**
   * A compiled report's content is larger than a note column holds (63,999 characters): it is
   * kept gzipped and base64-encoded, a tenth of the size.
   */
  async putAnnualReport(report: AnnualReport): Promise<void> {
    const packed = gzipSync(Buffer.from(JSON.stringify(report.content), 'utf8')).toString('base64');
    await this.put('annualReports', { ...report, content: { gzip: packed } });
  }

  async getAnnualReport(year: number): Promise<AnnualReport | undefined> {
    const stored = (await this.find<AnnualReport>('annualReports', String(year)))?.record;
    const packed = (stored?.content as { gzip?: unknown } | null | undefined)?.gzip;
    if (!stored || typeof packed !== 'string') return stored;
    const content = JSON.parse(
      gunzipSync(Buffer.from(packed, 'base64')).toString('utf8'),
    ) as unknown;
    return { ...stored, content };
  }

  async saveConversation(record: ConversationRecord): Promise<void> {
    await this.put('conversations', record);
  }

  async getConversation(personId: string): Promise<ConversationRecord | undefined> {
    return (await this.find<ConversationRecord>('conversations', personId))?.record;
  }

  async listConversations(): Promise<ConversationRecord[]> {
    return this.rows<ConversationRecord>('conversations');
  }

  async putCampaignSummary(summary: CampaignSummary, audit?: AuditEntry): Promise<void> {
    await this.put('campaigns', summary);
    await this.writeAudit(audit);
  }

  async listCampaignSummaries(): Promise<CampaignSummary[]> {
    return (await this.rows<CampaignSummary>('campaigns')).sort(
      (a, b) => b.startedAt.localeCompare(a.startedAt) || a.id.localeCompare(b.id),
    );
  }

  async getSetting(key: string): Promise<string | undefined> {
    const m = this.mirror<{ key: string; value: string }>('settings');
    // Another instance (or the roster command) may have written it: read the latest.
    await m.sync(true);
    return m.get(key)?.record.value;
  }

  async putSetting(key: string, value: string): Promise<void> {
    await this.put('settings', { key, value, updatedAt: new Date().toISOString() });
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.create('audit', { ...entry, id: entry.id || randomUUID() });
  }

  async listAudit(filter?: AuditFilter): Promise<AuditEntry[]> {
    const m = this.mirror<AuditEntry>('audit');
    await m.sync();
    let rows = m
      .all()
      .reverse()
      .map((i) => i.record);
    if (filter?.recordType) rows = rows.filter((e) => e.recordType === filter.recordType);
    if (filter?.recordId) rows = rows.filter((e) => e.recordId === filter.recordId);
    return rows.slice(0, filter?.limit ?? 500);
  }
}
