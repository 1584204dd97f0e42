import { analysisAsOf, recordsAsOf } from './records-as-of';
import type { Person, ToolkitAnalysis } from '../types';

describe('records as of a day', () => {
  const analysis: ToolkitAnalysis = {
    id: 'a1',
    departmentId: 'MPL',
    title: 'Fines policy',
    kind: 'existing',
    steps: {},
    status: 'accepted',
    step: 'accountability',
    authorId: 'MPL-0001',
    resultingChange: 'Fines ended',
    reviewedBy: 'DOA-0001',
    reviewedAt: '2022-01-10T10:00:00.000Z',
    createdAt: '2021-10-01T10:00:00.000Z',
    updatedAt: '2022-01-10T10:00:00.000Z',
    submittedAt: '2021-12-20T10:00:00.000Z',
    version: 3,
  };

  it('shows an analysis accepted after the day as still waiting for review, and one submitted after it as a draft', () => {
    expect(analysisAsOf(analysis, '2022-01-31')).toBe(analysis);
    expect(analysisAsOf(analysis, '2021-12-31')).toMatchObject({ status: 'submitted' });
    expect(analysisAsOf(analysis, '2021-12-31')).not.toHaveProperty('reviewedBy');
    expect(analysisAsOf(analysis, '2021-11-30')).toMatchObject({ status: 'draft' });
    expect(analysisAsOf(analysis, '2021-11-30')).not.toHaveProperty('submittedAt');
    expect(analysisAsOf(analysis, '2021-09-30')).toBeUndefined();
  });

  it('counts someone who left after the day as staff on the day', () => {
    const person: Person = {
      id: 'MPL-0002',
      aadObjectId: 'x',
      displayName: 'x',
      upn: 'x',
      departmentId: 'MPL',
      tier: 'employee',
      jobTitle: 'Clerk',
      active: false,
      leftOn: '2022-03-01',
    };
    expect(recordsAsOf.people([person], '2021-12-31')[0]).not.toHaveProperty('active');
    expect(recordsAsOf.people([person], '2022-06-30')[0]).toBe(person);
  });
});
