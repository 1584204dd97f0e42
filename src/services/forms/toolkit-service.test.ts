import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../../tests/support/temp-dir';
import { MILWAUKEE_2020_2021, ValidationError, type Person } from '../../domain';
import { SqliteStore } from '../../store/sqlite/sqlite-store';
import { planSeed } from '../demo/demo-city';
import { ToolkitService, type SaveStepInput } from './toolkit-service';

const person = (id: string, departmentId: string): Person => ({
  id,
  aadObjectId: `00000000-0000-4000-8000-${id.replace(/\D/g, '').padStart(12, '0')}`,
  displayName: id,
  upn: `${id}@example.org`,
  departmentId,
  tier: 'senior_manager',
  jobTitle: 'Lead',
});

const LEAD = person('MHD-0001', 'MHD');
const OTHER_LEAD = person('MHD-0002', 'MHD');
const OFFICER = person('DOA-0001', 'DOA');

describe('ToolkitService', () => {
  let dir: string;
  let store: SqliteStore;
  let now: Date;
  let service: ToolkitService;
  let seq = 0;

  beforeEach(async () => {
    dir = tempDir();
    store = new SqliteStore(path.join(dir, 'reap.sqlite'));
    await store.putPlan(planSeed());
    await store.upsertPeople([LEAD, OTHER_LEAD, OFFICER]);
    now = new Date('2021-06-15T15:00:00.000Z');
    service = new ToolkitService(store, { now: () => now }, MILWAUKEE_2020_2021);
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const tick = () => {
    now = new Date(now.getTime() + 60_000);
  };
  const newId = () => `analysis-${(seq += 1)}`;
  const press = (input: Partial<SaveStepInput> & Pick<SaveStepInput, 'analysisId'>) =>
    service.saveStep({
      actor: LEAD,
      departmentId: 'MHD',
      version: 0,
      step: 'proposal',
      move: 'next',
      answers: {},
      ...input,
    });
  const STEP1 = { title: 'Permit fee schedule', kind: 'existing', proposal: 'Fairer fees.' };
  const audit = async (id: string) =>
    (await store.listAudit({ recordType: 'toolkit-analysis', recordId: id })).map((e) => e.id);

  /** An analysis with every step answered, left on step 6 at version 6. */
  async function complete(id: string) {
    await press({ analysisId: id, answers: STEP1 });
    const texts = ['Data.', 'Engaged.', 'Analysis.', 'Plan.'] as const;
    const steps = ['data', 'engagement', 'analysis', 'implementation'] as const;
    for (const [i, step] of steps.entries()) {
      await press({ analysisId: id, version: i + 1, step, answers: { [step]: texts[i] } });
    }
    await press({
      analysisId: id,
      version: 5,
      step: 'accountability',
      move: 'save',
      answers: { accountability: 'Quarterly report.' },
    });
  }

  it('creates the analysis on the first save of step 1 and moves to step 2', async () => {
    const id = newId();
    const outcome = await press({ analysisId: id, answers: STEP1 });
    expect(outcome).toMatchObject({ kind: 'saved', written: true });
    expect(await store.getAnalysis(id)).toMatchObject({
      title: 'Permit fee schedule',
      kind: 'existing',
      steps: { proposal: 'Fairer fees.' },
      status: 'draft',
      step: 'data',
      version: 1,
      authorId: LEAD.id,
    });
    expect(await audit(id)).toEqual([`toolkit.create:${id}`]);
  });

  it('saves only the step pressed, keeping every earlier answer', async () => {
    const id = newId();
    await press({ analysisId: id, answers: STEP1 });
    tick();
    await press({
      analysisId: id,
      version: 1,
      step: 'data',
      move: 'save',
      answers: { data: 'By race and district.', title: 'Ignored', proposal: 'Ignored' },
    });
    expect(await store.getAnalysis(id)).toMatchObject({
      title: 'Permit fee schedule',
      steps: { proposal: 'Fairer fees.', data: 'By race and district.' },
      step: 'data',
      version: 2,
    });
    expect(await audit(id)).toEqual([`toolkit.save:${id}:2`, `toolkit.create:${id}`]);
  });

  it('answers a retried press as saved without writing a second version', async () => {
    const id = newId();
    await press({ analysisId: id, answers: STEP1 });
    tick();
    expect(await press({ analysisId: id, answers: STEP1 })).toMatchObject({
      kind: 'saved',
      written: false,
    });
    const data = { analysisId: id, version: 1, step: 'data' as const, answers: { data: 'D' } };
    await press(data);
    tick();
    expect(await press(data)).toMatchObject({ kind: 'saved', written: false });
    expect((await store.getAnalysis(id))?.version).toBe(2);
    expect(await audit(id)).toHaveLength(2);
  });

  it("refuses a stale card's save as a conflict, keeping the other person's change", async () => {
    const id = newId();
    await press({ analysisId: id, answers: STEP1 });
    await press({ analysisId: id, version: 1, step: 'data', move: 'save', answers: { data: 'A' } });
    const outcome = await press({
      analysisId: id,
      version: 1,
      step: 'data',
      move: 'save',
      actor: OTHER_LEAD,
      answers: { data: 'B' },
    });
    expect(outcome).toMatchObject({ kind: 'conflict', analysis: { steps: { data: 'A' } } });
    expect((await store.getAnalysis(id))?.version).toBe(2);
  });

  it('checks each field against its column and the plan’s Council file format', async () => {
    const id = newId();
    const refused = async (answers: Record<string, string>, field: string, rule: string) => {
      const error = await press({ analysisId: id, answers: { ...STEP1, ...answers } }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ field, rule });
    };
    await refused({ title: 'x'.repeat(256) }, 'title', 'max');
    await refused({ title: '  ' }, 'title', 'required');
    await refused({ kind: 'old' }, 'kind', 'one-of');
    await refused({ councilFileNumber: '20-0123' }, 'councilFileNumber', 'format');
    await refused({ proposal: 'p'.repeat(6_001) }, 'proposal', 'max');
    expect(await store.getAnalysis(id)).toBeUndefined();
    await press({ analysisId: id, answers: { ...STEP1, councilFileNumber: ' 200123 ' } });
    expect((await store.getAnalysis(id))?.councilFileNumber).toBe('200123');
  });

  it('refuses steps that together overflow the SharePoint column they share', async () => {
    const id = newId();
    // Control characters take six characters each in JSON.
    const heavy = '\u0001'.repeat(4_000);
    await press({ analysisId: id, answers: { ...STEP1, proposal: heavy } });
    await press({ analysisId: id, version: 1, step: 'data', answers: { data: heavy } });
    await expect(
      press({ analysisId: id, version: 2, step: 'engagement', answers: { engagement: heavy } }),
    ).rejects.toMatchObject({ field: 'engagement', rule: 'max' });
  });

  it('refuses a submit with the pressed step empty, storing nothing', async () => {
    const id = newId();
    await complete(id);
    await expect(
      press({
        analysisId: id,
        version: 6,
        step: 'accountability',
        move: 'submit',
        answers: { accountability: ' ' },
      }),
    ).rejects.toMatchObject({ field: 'accountability', rule: 'required' });
    expect((await store.getAnalysis(id))?.version).toBe(6);
  });

  it('sends a submit with an earlier step empty to that step, keeping the answers given', async () => {
    const id = newId();
    await press({ analysisId: id, answers: STEP1 });
    const outcome = await press({
      analysisId: id,
      version: 1,
      step: 'data',
      move: 'save',
      answers: { data: 'D' },
    });
    expect(outcome.kind).toBe('saved');
    // Jump to step 6 with steps 3–5 empty (an old card, or a forged one).
    const submit = await press({
      analysisId: id,
      version: 2,
      step: 'accountability',
      move: 'submit',
      answers: { accountability: 'Report.' },
    });
    expect(submit).toMatchObject({
      kind: 'incomplete',
      written: true,
      analysis: { step: 'engagement', status: 'draft', steps: { accountability: 'Report.' } },
      error: { field: 'engagement', rule: 'required' },
    });
  });

  it('submits a complete analysis once, naming who submitted it and when', async () => {
    const id = newId();
    await complete(id);
    tick();
    const submit = {
      analysisId: id,
      version: 6,
      step: 'accountability' as const,
      move: 'submit' as const,
      answers: { accountability: 'Quarterly report.', resultingChange: 'Fee waiver.' },
    };
    expect(await press(submit)).toMatchObject({
      kind: 'submitted',
      written: true,
      analysis: {
        status: 'submitted',
        submittedBy: LEAD.id,
        submittedAt: now.toISOString(),
        resultingChange: 'Fee waiver.',
        version: 7,
      },
    });
    tick();
    expect(await press(submit)).toMatchObject({ kind: 'submitted', written: false });
    expect(await press({ ...submit, move: 'save', version: 7 })).toMatchObject({
      kind: 'locked',
    });
    expect(await audit(id)).toContain(`toolkit.submit:${id}:7`);
    expect((await store.getAnalysis(id))?.version).toBe(7);
  });

  it('returns with a required comment, accepts after a resubmit, and refuses a stale review', async () => {
    const id = newId();
    await complete(id);
    await press({
      analysisId: id,
      version: 6,
      step: 'accountability',
      move: 'submit',
      answers: { accountability: 'Quarterly report.' },
    });
    const review = { actor: OFFICER, departmentId: 'MHD', analysisId: id, version: 7 };
    await expect(
      service.review({ ...review, decision: 'return', comment: '  ' }),
    ).rejects.toMatchObject({ field: 'comment', rule: 'required' });
    const returned = await service.review({ ...review, decision: 'return', comment: 'More data.' });
    expect(returned).toMatchObject({
      kind: 'reviewed',
      written: true,
      analysis: { status: 'returned', reviewComment: 'More data.', reviewedBy: OFFICER.id },
    });
    // The officer's return is not a save: the list still names who last wrote it.
    if (returned.kind !== 'reviewed') throw new Error('not reviewed');
    expect(await service.lastSavedBy(returned.analysis)).not.toBe(OFFICER.id);
    tick();
    expect(await service.review({ ...review, decision: 'return', comment: 'More data.' })).toEqual(
      expect.objectContaining({ kind: 'reviewed', written: false }),
    );
    expect(await service.review({ ...review, decision: 'accept', comment: '' })).toMatchObject({
      kind: 'stale',
    });

    // Still editable while returned; then submitted again and accepted.
    await press({
      analysisId: id,
      version: 8,
      step: 'data',
      move: 'save',
      answers: { data: 'More data.' },
    });
    await press({
      analysisId: id,
      version: 9,
      step: 'accountability',
      move: 'submit',
      answers: { accountability: 'Quarterly report.' },
    });
    const accepted = await service.review({
      ...review,
      version: 10,
      decision: 'accept',
      comment: '',
    });
    expect(accepted.analysis).toMatchObject({ status: 'accepted', version: 11 });
    expect(accepted.analysis.reviewComment).toBeUndefined();
    expect(await audit(id)).toEqual(
      expect.arrayContaining([`toolkit.return:${id}:8`, `toolkit.accept:${id}:11`]),
    );
  });

  it("refuses another department's analysis as not found", async () => {
    const id = newId();
    await press({ analysisId: id, answers: STEP1 });
    await expect(
      press({
        analysisId: id,
        departmentId: 'DPW',
        version: 1,
        step: 'data',
        answers: { data: 'x' },
      }),
    ).rejects.toMatchObject({ name: 'NotFound' });
    await expect(service.analysisOf('DPW', id)).rejects.toMatchObject({ name: 'NotFound' });
  });
});
