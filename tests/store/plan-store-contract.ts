import {
  Conflict,
  type AuditEntry,
  type Completion,
  type ImpactStatement,
  type OutreachEvent,
  type PartnershipMeeting,
  type Person,
  type StrategyStatus,
  type ToolkitAnalysis,
} from '../../src/domain';
import { generateDemoCity, planSeed } from '../../src/services/demo/demo-city';
import type { PlanStore } from '../../src/store/plan-store';

const person = (id: string, departmentId = 'DOA', tier: Person['tier'] = 'employee'): Person => ({
  id,
  aadObjectId: `00000000-0000-4000-9000-${id.padStart(12, '0')}`,
  displayName: `Person ${id}`,
  upn: `p${id}@milwaukee.gov`,
  departmentId,
  tier,
  jobTitle: 'Analyst',
});

const completion = (
  personId: string,
  trainingId: string,
  id = `${personId}-${trainingId}`,
): Completion => ({
  id,
  personId,
  trainingId,
  waveId: `${trainingId}-w3`,
  completedOn: '2021-06-01',
  recordedAt: '2021-06-01T12:00:00.000Z',
  source: 'bot',
});

const analysis = (id: string): ToolkitAnalysis => ({
  id,
  departmentId: 'DOA',
  title: 'Permit fee schedule',
  kind: 'existing',
  councilFileNumber: '201234',
  steps: { proposal: 'Fair fees', data: 'Fees by district' },
  status: 'draft',
  step: 'data',
  authorId: '1',
  createdAt: '2021-02-01T00:00:00.000Z',
  updatedAt: '2021-02-01T00:00:00.000Z',
  version: 1,
});

const statement = (id: string): ImpactStatement => ({
  id,
  departmentId: 'DOA',
  councilFileNumber: '200111',
  title: 'Permit fee ordinance',
  guidedBy: ['Ada Lovelace', 'A resident'],
  status: 'filed',
  guidedOn: '2021-01-01',
});

const strategyStatus = (id: string, strategyId = 'S1.1'): StrategyStatus => ({
  id,
  strategyId,
  departmentId: 'DOA',
  quarter: '2021-Q1',
  status: 'on_track',
  note: 'Two trainings held',
  reportedOn: '2021-03-30',
  reportedBy: '1',
});

const meeting = (id: string): PartnershipMeeting => ({
  id,
  departmentId: 'DOA',
  heldOn: '2021-01-01',
  partners: 'County OAAA',
  notes: '',
});

const outreach = (id: string): OutreachEvent => ({
  id,
  departmentId: 'DOA',
  heldOn: '2021-02-01',
  title: 'Service hub fair',
  peopleReached: 120,
});

/** An audit entry of `action` on one record; its id is derived from both, as callers do. */
const auditOf = (
  action: string,
  recordType: string,
  recordId: string,
  change: Pick<AuditEntry, 'before' | 'after'> = {},
): AuditEntry => ({
  id: `${action}:${recordId}`,
  at: '2021-04-01T10:00:00.000Z',
  actorId: '1',
  action,
  recordType,
  recordId,
  ...change,
});

/**
 * The behaviour every PlanStore must show; each implementation runs this suite against a fresh
 * store from `open`.
 */
export function describePlanStoreContract(name: string, open: () => Promise<PlanStore>): void {
  describe(`${name} (PlanStore contract)`, () => {
    let store: PlanStore;
    beforeEach(async () => {
      store = await open();
      await store.putPlan(planSeed());
    });
    afterEach(async () => {
      await store.close();
    });

    it('round-trips the plan seed', async () => {
      const seed = planSeed();
      expect(await store.listGoals()).toEqual(seed.goals);
      expect(await store.listStrategies()).toHaveLength(seed.strategies.length);
      expect(
        (await store.listStrategies()).find((s) => s.id === 'S1.9')?.responsibleDepartmentIds,
      ).toEqual(['MHD']);
      expect(await store.listTrainings()).toEqual(seed.trainings);
      expect(await store.listWaves()).toHaveLength(seed.waves.length);
      expect(await store.getWave('anti-racism-w2')).toEqual(
        seed.waves.find((w) => w.id === 'anti-racism-w2'),
      );
      expect((await store.listDepartments()).map((d) => d.id).sort()).toEqual(
        seed.departments.map((d) => d.id).sort(),
      );
      expect(await store.isEmpty()).toBe(false);
    });

    it('upserts people and finds them by Entra object id', async () => {
      await store.upsertPeople([person('1'), person('2', 'DPW')]);
      await store.upsertPeople([{ ...person('1'), jobTitle: 'Director', tier: 'senior_manager' }]);
      expect(await store.getPerson('1')).toMatchObject({
        jobTitle: 'Director',
        tier: 'senior_manager',
      });
      expect((await store.findPersonByAadObjectId(person('2').aadObjectId))?.id).toBe('2');
      expect((await store.findPersonByAadObjectId(person('2').aadObjectId.toUpperCase()))?.id).toBe(
        '2',
      );
      expect((await store.listPeople({ departmentId: 'DPW' })).map((p) => p.id)).toEqual(['2']);
      expect(await store.getPerson('nobody')).toBeUndefined();
    });

    it('keeps a person who left with the day they left, and makes them active again', async () => {
      await store.upsertPeople([
        person('1'),
        { ...person('2'), active: false, leftOn: '2021-03-31' },
      ]);
      expect(await store.getPerson('1')).toEqual(person('1'));
      expect(await store.getPerson('2')).toEqual({
        ...person('2'),
        active: false,
        leftOn: '2021-03-31',
      });
      expect(await store.findPersonByAadObjectId(person('2').aadObjectId)).toMatchObject({
        active: false,
      });
      expect((await store.listPeople()).map((p) => [p.id, p.active])).toEqual([
        ['1', undefined],
        ['2', false],
      ]);
      await store.upsertPeople([person('2'), { ...person('1'), active: true }]);
      expect(await store.getPerson('2')).toEqual(person('2'));
      expect(await store.getPerson('1')).toEqual({ ...person('1'), active: true });
    });

    it('keeps settings by key, replacing the value', async () => {
      expect(await store.getSetting('roster.entra')).toBeUndefined();
      const link = `https://graph.microsoft.com/v1.0/users/delta?$deltatoken=${'x'.repeat(2_000)}`;
      await store.putSetting('roster.entra', JSON.stringify({ deltaLink: link }));
      await store.putSetting('other', 'value');
      await store.putSetting('roster.entra', JSON.stringify({ deltaLink: `${link}2` }));
      expect(JSON.parse((await store.getSetting('roster.entra')) ?? '{}')).toEqual({
        deltaLink: `${link}2`,
      });
      expect(await store.getSetting('other')).toBe('value');
    });

    it('replaces a role of a department atomically, keeping the date of those who stay', async () => {
      await store.upsertPeople([person('1'), person('2'), person('3')]);
      await store.setMembers('DOA', 'lead', ['1', '2'], '2020-07-01');
      await store.setMembers('DOA', 'ambassador', ['3'], '2020-07-01');
      await store.setMembers('DOA', 'lead', ['2', '3'], '2021-01-01');
      const members = await store.listMembers({ departmentId: 'DOA' });
      expect(members.filter((m) => m.role === 'lead').map((m) => [m.personId, m.since])).toEqual([
        ['2', '2020-07-01'],
        ['3', '2021-01-01'],
      ]);
      expect(members.filter((m) => m.role === 'ambassador').map((m) => m.personId)).toEqual(['3']);
    });

    it('records a completion once per person and training', async () => {
      await store.upsertPeople([person('1')]);
      const first = await store.recordCompletion(completion('1', 'anti-racism'));
      const again = await store.recordCompletion({
        ...completion('1', 'anti-racism', 'other-id'),
        completedOn: '2021-07-01',
      });
      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.completion.completedOn).toBe('2021-06-01');
      expect(await store.listCompletions({ personId: '1' })).toHaveLength(1);
    });

    it('writes the audit entry of a recorded completion with it, once', async () => {
      await store.upsertPeople([person('1'), person('2')]);
      const mine = { ...completion('1', 'anti-racism'), recordedBy: '1' };
      const first = await store.recordCompletion(mine);
      await store.recordCompletion({ ...mine, id: 'retry' });
      const entries = await store.listAudit({ recordType: 'completion' });
      expect(entries).toEqual([
        expect.objectContaining({
          actorId: '1',
          action: 'completion.create',
          recordId: first.completion.id,
          after: expect.objectContaining({ personId: '1', recordedBy: '1' }) as unknown,
        }),
      ]);
      expect(first.completion.recordedBy).toBe('1');
      // Bulk: only completions someone recorded are audited, each once.
      await store.recordCompletions([
        { ...completion('2', 'anti-racism'), recordedBy: '9' },
        completion('2', 'racial-equity-101'),
        { ...completion('2', 'anti-racism', 'dup'), recordedBy: '9' },
      ]);
      const all = await store.listAudit({ recordType: 'completion' });
      expect(all.map((e) => e.actorId).sort()).toEqual(['1', '9']);
    });

    it('records many completions in one go and filters them by department', async () => {
      await store.upsertPeople([person('1'), person('2', 'DPW')]);
      const created = await store.recordCompletions([
        completion('1', 'anti-racism'),
        completion('2', 'anti-racism'),
        completion('2', 'racial-equity-101'),
        completion('1', 'anti-racism', 'dup'),
      ]);
      expect(created).toBe(3);
      expect(await store.listCompletions({ departmentId: 'DPW' })).toHaveLength(2);
      expect(await store.listCompletions({ trainingId: 'anti-racism' })).toHaveLength(2);
    });

    it('keeps every version of a vision statement', async () => {
      const base = { departmentId: 'DOA', recordedBy: '1', recordedAt: '2021-01-01T00:00:00.000Z' };
      const v1 = await store.addVision({
        ...base,
        id: 'v1',
        text: 'first',
        adoptedOn: '2020-10-01',
      });
      const v2 = await store.addVision({
        ...base,
        id: 'v2',
        text: 'second',
        adoptedOn: '2021-10-01',
      });
      expect([v1.version, v2.version]).toEqual([1, 2]);
      expect((await store.listVisions({ departmentId: 'DOA' })).map((v) => v.text)).toEqual([
        'first',
        'second',
      ]);
    });

    it('updates an analysis only from the version it read', async () => {
      await store.createAnalysis(analysis('a1'));
      const read = (await store.getAnalysis('a1'))!;
      expect(read).toEqual(analysis('a1'));
      const saved = await store.updateAnalysis({
        ...read,
        status: 'submitted',
        submittedAt: '2021-03-01T00:00:00.000Z',
      });
      expect(saved.version).toBe(2);
      await expect(store.updateAnalysis({ ...read, title: 'stale edit' })).rejects.toBeInstanceOf(
        Conflict,
      );
      expect((await store.getAnalysis('a1'))?.title).toBe('Permit fee schedule');
      expect(await store.listAnalyses({ status: 'submitted' })).toHaveLength(1);
      expect(await store.listAnalyses({ departmentId: 'DPW' })).toHaveLength(0);
    });

    it('round-trips every field of the lead forms, leaving unset optional fields absent', async () => {
      const full: ToolkitAnalysis = {
        ...analysis('a-full'),
        status: 'accepted',
        step: 'accountability',
        groupsBenefited: 'Residents of the north side',
        groupsBurdened: 'None found',
        resultingChange: 'Fees waived under an income threshold',
        submittedBy: '2',
        submittedAt: '2021-03-01T00:00:00.000Z',
        reviewComment: 'Thorough',
        reviewedBy: '3',
        reviewedAt: '2021-03-05T00:00:00.000Z',
      };
      await store.createAnalysis(full);
      await store.createAnalysis(analysis('a-bare'));
      expect(await store.getAnalysis('a-full')).toStrictEqual(full);
      expect(await store.getAnalysis('a-bare')).toStrictEqual(analysis('a-bare'));

      const recorded = {
        ...statement('m-full'),
        recordedBy: '1',
        recordedAt: '2021-01-02T09:00:00.000Z',
      };
      await store.putImpactStatement(recorded);
      await store.putImpactStatement({ ...statement('m-bare'), guidedOn: '2021-01-05' });
      expect(await store.listImpactStatements({ departmentId: 'DOA' })).toStrictEqual([
        recorded,
        { ...statement('m-bare'), guidedOn: '2021-01-05' },
      ]);

      const reported = { ...strategyStatus('s-full'), reportedAt: '2021-03-30T15:00:00.000Z' };
      await store.addStrategyStatuses([reported]);
      await store.addStrategyStatus({
        ...strategyStatus('s-bare', 'S1.2'),
        reportedOn: '2021-03-31',
      });
      expect(await store.listStrategyStatuses({ departmentId: 'DOA' })).toStrictEqual([
        reported,
        { ...strategyStatus('s-bare', 'S1.2'), reportedOn: '2021-03-31' },
      ]);

      const met = {
        ...meeting('p-full'),
        peopleReached: 14,
        notes: 'Shared training options',
        recordedBy: '1',
        recordedAt: '2021-01-01T18:00:00.000Z',
      };
      await store.addPartnershipMeeting(met);
      await store.addPartnershipMeeting({ ...meeting('p-bare'), heldOn: '2021-01-02' });
      expect(await store.listPartnershipMeetings({ departmentId: 'DOA' })).toStrictEqual([
        met,
        { ...meeting('p-bare'), heldOn: '2021-01-02' },
      ]);

      const held = {
        ...outreach('o-full'),
        partners: 'OAAA service hub; Urban League',
        notes: 'Sign-ups for the hub newsletter',
        recordedBy: '1',
        recordedAt: '2021-02-01T20:00:00.000Z',
      };
      await store.addOutreachEvent(held);
      await store.addOutreachEvent({ ...outreach('o-bare'), heldOn: '2021-02-02' });
      expect(await store.listOutreachEvents({ departmentId: 'DOA' })).toStrictEqual([
        held,
        { ...outreach('o-bare'), heldOn: '2021-02-02' },
      ]);
    });

    it('adds a vision once per id: a retried submit returns the stored version', async () => {
      const vision = {
        id: 'v1',
        departmentId: 'DOA',
        text: 'first',
        adoptedOn: '2020-10-01',
        recordedBy: '1',
        recordedAt: '2021-01-01T00:00:00.000Z',
      };
      const audit = auditOf('vision.create', 'vision', 'v1', { after: vision });
      const first = await store.addVision(vision, audit);
      const again = await store.addVision({ ...vision, text: 'retried' }, audit);
      expect(first).toEqual({ ...vision, version: 1 });
      expect(again).toEqual(first);
      expect(await store.listVisions({ departmentId: 'DOA' })).toEqual([first]);
      // The entry's `after` is the vision as stored, with its version.
      expect(await store.listAudit({ recordType: 'vision' })).toEqual([{ ...audit, after: first }]);
    });

    it('appends strategy statuses, skipping ids stored already, and counts the new ones', async () => {
      const audit = auditOf('strategy-status.report', 'department-quarter', 'DOA|2021-Q1');
      expect(
        await store.addStrategyStatuses(
          [strategyStatus('s1', 'S1.1'), strategyStatus('s2', 'S1.2')],
          audit,
        ),
      ).toBe(2);
      expect(
        await store.addStrategyStatuses(
          [
            { ...strategyStatus('s2', 'S1.2'), note: 'retried' },
            strategyStatus('s3', 'S1.3'),
            strategyStatus('s3', 'S1.3'),
          ],
          { ...audit, id: 'second-report' },
        ),
      ).toBe(1);
      expect(await store.addStrategyStatuses([strategyStatus('s1', 'S1.1')], audit)).toBe(0);
      await store.addStrategyStatus({ ...strategyStatus('s1', 'S1.1'), status: 'behind' });
      const stored = await store.listStrategyStatuses({ departmentId: 'DOA' });
      expect(stored.map((s) => [s.id, s.status, s.note]).sort()).toEqual([
        ['s1', 'on_track', 'Two trainings held'],
        ['s2', 'on_track', 'Two trainings held'],
        ['s3', 'on_track', 'Two trainings held'],
      ]);
      expect(
        (await store.listAudit({ recordType: 'department-quarter' })).map((e) => e.id),
      ).toEqual(['second-report', audit.id]);
      expect(await store.addStrategyStatuses([])).toBe(0);
    });

    it('records a meeting and an outreach event once per id', async () => {
      expect(await store.addPartnershipMeeting(meeting('p1'))).toBe(true);
      expect(await store.addPartnershipMeeting({ ...meeting('p1'), notes: 'retried' })).toBe(false);
      expect(await store.listPartnershipMeetings()).toEqual([meeting('p1')]);
      expect(await store.addOutreachEvent(outreach('o1'))).toBe(true);
      expect(await store.addOutreachEvent({ ...outreach('o1'), peopleReached: 5 })).toBe(false);
      expect(await store.listOutreachEvents()).toEqual([outreach('o1')]);
    });

    it('writes the audit entry of each lead form with its record, and no second on a repeat', async () => {
      await store.upsertPeople([person('1'), person('2')]);
      const members = auditOf('members.set', 'department', 'DOA', {
        before: { lead: [] },
        after: { lead: ['1', '2'] },
      });
      const created = auditOf('toolkit.create', 'toolkit', 'a1', { after: analysis('a1') });
      const filed = auditOf('impact-statement.save', 'impact-statement', 'm1', {
        after: statement('m1'),
      });
      const met = auditOf('meeting.create', 'meeting', 'p1', { after: meeting('p1') });
      const held = auditOf('outreach.create', 'outreach', 'o1', { after: outreach('o1') });
      for (let round = 0; round < 2; round += 1) {
        await store.setMembers('DOA', 'lead', ['1', '2'], '2021-01-01', members);
        await store.createAnalysis(analysis('a1'), created);
        await store.putImpactStatement(statement('m1'), filed);
        await store.addPartnershipMeeting(meeting('p1'), met);
        await store.addOutreachEvent(outreach('o1'), held);
      }
      for (const entry of [members, created, filed, met, held]) {
        expect(
          await store.listAudit({ recordType: entry.recordType, recordId: entry.recordId }),
        ).toEqual([entry]);
      }
      expect(await store.listAudit()).toHaveLength(5);
    });

    it('saves an analysis with its audit entry, whose after is the saved analysis', async () => {
      await store.createAnalysis(analysis('a1'));
      const read = (await store.getAnalysis('a1'))!;
      const submitted: ToolkitAnalysis = {
        ...read,
        status: 'submitted',
        step: 'accountability',
        submittedBy: '1',
        submittedAt: '2021-03-01T00:00:00.000Z',
      };
      const audit = auditOf('toolkit.submit', 'toolkit', 'a1', { before: read });
      const saved = await store.updateAnalysis(submitted, audit);
      expect(saved).toEqual({ ...submitted, version: 2 });
      expect(await store.listAudit({ recordType: 'toolkit' })).toEqual([
        { ...audit, after: saved },
      ]);
      // The same save, retried once it was stored, is done already: no conflict, no second entry.
      expect(await store.updateAnalysis(submitted, audit)).toEqual(saved);
      expect(await store.listAudit({ recordType: 'toolkit' })).toHaveLength(1);
      // A different save from the version it replaced is someone else's change.
      await expect(
        store.updateAnalysis({ ...read, title: 'stale edit' }, { ...audit, id: 'stale' }),
      ).rejects.toBeInstanceOf(Conflict);
      expect(await store.listAudit({ recordType: 'toolkit' })).toHaveLength(1);
    });

    it('refuses to create an analysis whose id is taken by a different one', async () => {
      const first = await store.createAnalysis(analysis('a1'));
      // The same analysis again is a retried create: it is returned as stored.
      expect(await store.createAnalysis(analysis('a1'))).toEqual(first);
      await expect(
        store.createAnalysis(
          { ...analysis('a1'), title: 'Another analysis' },
          auditOf('toolkit.create', 'toolkit', 'a1'),
        ),
      ).rejects.toBeInstanceOf(Conflict);
      expect((await store.getAnalysis('a1'))?.title).toBe('Permit fee schedule');
      expect(await store.listAudit({ recordType: 'toolkit' })).toEqual([]);
    });

    it('round-trips the other plan records', async () => {
      await store.putImpactStatement({
        id: 'm1',
        departmentId: 'DOA',
        councilFileNumber: '200111',
        title: 't',
        guidedBy: ['1', '2'],
        status: 'filed',
        guidedOn: '2021-01-01',
      });
      expect((await store.listImpactStatements({ departmentId: 'DOA' }))[0]?.guidedBy).toEqual([
        '1',
        '2',
      ]);
      await store.addStrategyStatus({
        id: 's1',
        strategyId: 'S1.1',
        departmentId: 'DOA',
        quarter: '2021-Q1',
        status: 'on_track',
        note: 'n',
        reportedOn: '2021-01-01',
        reportedBy: '1',
      });
      expect(await store.listStrategyStatuses()).toHaveLength(1);
      await store.addPartnershipMeeting({
        id: 'p1',
        departmentId: 'DOA',
        heldOn: '2021-01-01',
        partners: 'County OAAA',
        notes: '',
      });
      expect((await store.listPartnershipMeetings({ departmentId: 'DOA' }))[0]).toEqual({
        id: 'p1',
        departmentId: 'DOA',
        heldOn: '2021-01-01',
        partners: 'County OAAA',
        notes: '',
      });
      await store.addOutreachEvent({
        id: 'o1',
        departmentId: 'DOA',
        heldOn: '2021-02-01',
        title: 'Fair',
        peopleReached: 120,
      });
      expect((await store.listOutreachEvents())[0]?.peopleReached).toBe(120);
      await store.putChecklistItem({
        departmentId: 'DER',
        itemKey: 'job-descriptions',
        doneOn: '2021-05-01',
      });
      expect(await store.listChecklistItems({ departmentId: 'DER' })).toEqual([
        { departmentId: 'DER', itemKey: 'job-descriptions', doneOn: '2021-05-01' },
      ]);
      await store.putSurveyResults([
        { id: 'r1', year: 2021, question: 'q', group: 'Black', respondents: 40, value: 0.6 },
      ]);
      expect((await store.listSurveyResults())[0]?.group).toBe('Black');
      await store.addFocusGroup({
        id: 'f1',
        heldOn: '2021-03-01',
        topic: 'Promotion',
        participants: 12,
      });
      expect(await store.listFocusGroups()).toHaveLength(1);
      await store.putIndicatorPoints([
        {
          indicator: 'infant-mortality',
          group: 'Black',
          place: 'Milwaukee',
          year: 2020,
          value: 14.2,
          source: 'WISH',
        },
      ]);
      expect(await store.listIndicatorPoints('infant-mortality')).toHaveLength(1);
      await store.putAnnualReport({
        year: 2021,
        generatedAt: '2022-01-15T00:00:00.000Z',
        content: { analyses: 3 },
      });
      expect((await store.getAnnualReport(2021))?.content).toEqual({ analyses: 3 });
      await store.putMilestone({
        id: 'M-equity-officer',
        strategyId: 'S1.4',
        title: 'x',
        doneOn: '2021-01-15',
      });
      expect((await store.listMilestones()).find((m) => m.id === 'M-equity-officer')?.doneOn).toBe(
        '2021-01-15',
      );
      await store.saveConversation({
        personId: '1',
        reference: { conversation: { id: 'c1' } },
        updatedAt: '2021-01-01T00:00:00.000Z',
      });
      expect((await store.getConversation('1'))?.reference).toEqual({ conversation: { id: 'c1' } });
    });

    it('keeps survey aggregates by department, focus groups once per id, and indicator points by place', async () => {
      await store.putSurveyResults([
        {
          id: 's-mhd-b',
          year: 2021,
          departmentId: 'MHD',
          question: 'I see a path to promotion',
          group: 'Black',
          respondents: 24,
          value: 41.5,
        },
        {
          id: 's-city-w',
          year: 2021,
          question: 'I see a path to promotion',
          group: 'White',
          respondents: 90,
          value: 63,
        },
      ]);
      // The same id again replaces the figures (a corrected import).
      await store.putSurveyResults([
        {
          id: 's-mhd-b',
          year: 2021,
          departmentId: 'MHD',
          question: 'I see a path to promotion',
          group: 'Black',
          respondents: 25,
          value: 40,
        },
      ]);
      expect(await store.listSurveyResults()).toEqual([
        {
          id: 's-city-w',
          year: 2021,
          question: 'I see a path to promotion',
          group: 'White',
          respondents: 90,
          value: 63,
        },
        {
          id: 's-mhd-b',
          year: 2021,
          departmentId: 'MHD',
          question: 'I see a path to promotion',
          group: 'Black',
          respondents: 25,
          value: 40,
        },
      ]);

      const group = {
        id: 'fg-1',
        heldOn: '2021-04-12',
        topic: 'Barriers to promotion',
        participants: 8,
        departmentId: 'DER',
        recordedBy: 'DOA-0001',
        recordedAt: '2021-04-12T18:00:00.000Z',
      };
      await store.addFocusGroup(group);
      await store.addFocusGroup({ ...group, participants: 99 }); // a retried submit: kept once
      expect(await store.listFocusGroups()).toEqual([group]);

      const point = {
        indicator: 'Infant mortality per 1,000 births',
        group: 'Black',
        place: 'Milwaukee',
        year: 2019,
        value: 14.2,
        source: 'Wisconsin DHS, WISH',
      };
      await store.putIndicatorPoints([
        point,
        { ...point, place: 'Wisconsin', value: 11.1 },
        { ...point, group: 'White', value: 4.3 },
      ]);
      await store.putIndicatorPoints([{ ...point, value: 14.0 }]); // the same point, corrected
      expect(await store.listIndicatorPoints(point.indicator)).toEqual([
        { ...point, value: 14.0 },
        { ...point, group: 'White', value: 4.3 },
        { ...point, place: 'Wisconsin', value: 11.1 },
      ]);
      expect(await store.listIndicatorPoints('no such indicator')).toEqual([]);
    });

    it('lists conversations, keeps campaign summaries and writes a wave with its audit entry', async () => {
      for (const id of ['1', '2']) {
        await store.saveConversation({
          personId: id,
          reference: { conversation: { id: `c${id}` } },
          updatedAt: '2021-01-01T00:00:00.000Z',
        });
      }
      expect((await store.listConversations()).map((c) => c.personId).sort()).toEqual(['1', '2']);

      const counts = {
        queued: 2,
        sending: 0,
        sent: 0,
        blocked: 0,
        not_installed: 1,
        gone: 0,
        failed: 0,
      };
      const summary = {
        id: 'camp-1',
        waveId: 'anti-racism-w3',
        trainingId: 'anti-racism',
        kind: 'wave' as const,
        startedBy: '1',
        startedAt: '2021-05-02T10:00:00.000Z',
        recipients: 3,
        counts,
      };
      const audit = {
        id: 'a-camp-1',
        at: summary.startedAt,
        actorId: '1',
        action: 'campaign.start',
        recordType: 'campaign',
        recordId: 'camp-1',
        after: summary,
      };
      await store.putCampaignSummary(summary, audit);
      const done = {
        ...summary,
        finishedAt: '2021-05-02T10:05:00.000Z',
        counts: { ...counts, queued: 0, sent: 2 },
      };
      await store.putCampaignSummary(done);
      await store.putCampaignSummary({
        ...summary,
        id: 'camp-0',
        startedAt: '2021-04-01T10:00:00.000Z',
      });
      expect(await store.listCampaignSummaries()).toEqual([
        done,
        { ...summary, id: 'camp-0', startedAt: '2021-04-01T10:00:00.000Z' },
      ]);

      const wave = (await store.getWave('anti-racism-w3'))!;
      await store.putWave(
        { ...wave, dueOn: '2022-01-31', overrideReason: 'Council asked' },
        {
          ...audit,
          id: 'a-wave',
          action: 'wave.open',
          recordType: 'wave',
          recordId: wave.id,
        },
      );
      expect((await store.getWave(wave.id))?.overrideReason).toBe('Council asked');
      expect((await store.listAudit()).map((e) => e.action).sort()).toEqual([
        'campaign.start',
        'wave.open',
      ]);
    });

    it('appends to the audit log and lists it newest first', async () => {
      const entry = (id: string, after: unknown) => ({
        id,
        at: '2021-01-01T00:00:00.000Z',
        actorId: '1',
        action: 'completion.create',
        recordType: 'completion',
        recordId: `r-${id}`,
        after,
      });
      await store.appendAudit(entry('e1', { completedOn: '2021-01-01' }));
      await store.appendAudit({ ...entry('e2', null), before: { a: 1 }, recordType: 'toolkit' });
      expect((await store.listAudit()).map((e) => e.id)).toEqual(['e2', 'e1']);
      expect(await store.listAudit({ recordType: 'completion' })).toEqual([
        entry('e1', { completedOn: '2021-01-01' }),
      ]);
      expect(await store.listAudit({ limit: 1 })).toHaveLength(1);
    });

    it('holds the whole demo city', async () => {
      const city = generateDemoCity();
      await store.upsertPeople(city.people);
      expect(await store.recordCompletions(city.completions)).toBe(city.completions.length);
      expect((await store.listPeople()).length).toBe(city.people.length);
    });
  });
}
