import { MILWAUKEE_2020_2021 as settings } from '../plan/settings';
import type { PartnershipMeeting, ToolkitAnalysis, VisionStatement } from '../types';
import { partnershipCadence } from './partnership-cadence';
import { suppressSmallGroup } from './small-group-suppression';
import { toolkitCoverage } from './toolkit-coverage';
import { currentVision, visionAdopted } from './vision-adopted';

const analysis = (
  kind: 'new' | 'existing',
  status: ToolkitAnalysis['status'],
  day = '2021-03-01',
): ToolkitAnalysis => ({
  id: `${kind}-${status}-${day}`,
  departmentId: 'DOA',
  title: 't',
  kind,
  steps: {},
  status,
  step: status === 'draft' ? 'data' : 'accountability',
  authorId: 'a',
  createdAt: `${day}T00:00:00Z`,
  updatedAt: `${day}T00:00:00Z`,
  submittedAt: status === 'draft' ? undefined : `${day}T00:00:00Z`,
  version: 1,
});

describe('toolkitCoverage', () => {
  it('meets the rule with a new and an existing analysis accepted in the period', () => {
    const c = toolkitCoverage(
      [analysis('new', 'accepted'), analysis('existing', 'accepted')],
      settings,
    );
    expect(c).toEqual({
      newAnalysed: 1,
      existingAnalysed: 1,
      awaitingReview: 0,
      returned: 0,
      drafts: 0,
      meetsRule: true,
    });
  });

  it('counts a submitted analysis only once the officer accepts it', () => {
    const c = toolkitCoverage(
      [analysis('new', 'accepted'), analysis('existing', 'submitted')],
      settings,
    );
    expect(c).toMatchObject({ existingAnalysed: 0, awaitingReview: 1, meetsRule: false });
  });

  it('does not count a draft or a returned analysis of an existing program', () => {
    const c = toolkitCoverage(
      [
        analysis('new', 'accepted'),
        analysis('existing', 'draft'),
        analysis('existing', 'returned'),
      ],
      settings,
    );
    expect(c.meetsRule).toBe(false);
    expect(c.drafts).toBe(1);
    expect(c.returned).toBe(1);
  });

  it('does not count an analysis outside the plan period', () => {
    const c = toolkitCoverage(
      [analysis('new', 'accepted'), analysis('existing', 'accepted', '2022-02-01')],
      settings,
    );
    expect(c.meetsRule).toBe(false);
  });
});

describe('vision statements', () => {
  const v = (version: number, adoptedOn: string): VisionStatement => ({
    id: `v${version}`,
    departmentId: 'DOA',
    text: 't',
    adoptedOn,
    version,
    recordedBy: 'x',
    recordedAt: `${adoptedOn}T00:00:00Z`,
  });

  it('is adopted once an adoption date has come, and the newest version is in force', () => {
    expect(visionAdopted([], '2021-01-01')).toBe(false);
    expect(visionAdopted([v(1, '2021-02-01')], '2021-01-01')).toBe(false);
    expect(currentVision([v(1, '2020-05-01'), v(2, '2021-02-01')], '2021-03-01')?.version).toBe(2);
  });
});

describe('partnershipCadence', () => {
  const m = (heldOn: string): PartnershipMeeting => ({
    id: heldOn,
    departmentId: 'DOA',
    heldOn,
    partners: 'p',
    notes: '',
  });

  it('is kept with a meeting every quarter', () => {
    const meetings = ['2020-03-01', '2020-06-01', '2020-09-01', '2020-12-01'].map(m);
    const r = partnershipCadence(meetings, settings, '2021-02-15');
    expect(r.kept).toBe(true);
    expect(r.lastHeldOn).toBe('2020-12-01');
  });

  it('is not kept after a gap longer than a quarter', () => {
    const r = partnershipCadence(['2020-03-01', '2020-09-01'].map(m), settings, '2020-10-01');
    expect(r.kept).toBe(false);
    expect(r.longestGapDays).toBe(184);
  });

  it('counts the silence since the last meeting up to today', () => {
    const r = partnershipCadence([m('2020-03-01')], settings, '2020-08-01');
    expect(r.kept).toBe(false);
  });

  it('says when the next meeting is due and whether it is overdue now', () => {
    const meetings = ['2020-03-01', '2020-09-01'].map(m);
    expect(partnershipCadence(meetings, settings, '2020-10-01')).toMatchObject({
      dueBy: '2020-12-02',
      overdue: false,
    });
    expect(partnershipCadence(meetings, settings, '2020-12-03').overdue).toBe(true);
    expect(partnershipCadence([], settings, '2020-04-03')).toMatchObject({
      dueBy: '2020-04-02',
      overdue: true,
    });
    // Once the plan period is over, nothing is overdue any more.
    expect(partnershipCadence(meetings, settings, '2022-06-01').overdue).toBe(false);
  });
});

describe('suppressSmallGroup', () => {
  it('hides figures of groups below the threshold', () => {
    expect(suppressSmallGroup(9, 0.4, 10)).toBeNull();
    expect(suppressSmallGroup(10, 0.4, 10)).toBe(0.4);
  });
});
