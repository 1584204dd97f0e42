import { MILWAUKEE_2020_2021 } from '../plan/settings';
import type { Person, Tier } from '../types';
import { evaluateRelt } from './relt-composition';

const person = (id: string, tier: Tier, departmentId = 'DOA'): Person => ({
  id,
  aadObjectId: `aad-${id}`,
  displayName: `Person ${id}`,
  upn: `${id}@example.gov`,
  departmentId,
  tier,
  jobTitle: 'x',
});

describe('evaluateRelt', () => {
  const settings = MILWAUKEE_2020_2021;

  it('accepts two members of the department, one a senior leader', () => {
    const r = evaluateRelt(
      'DOA',
      [person('a', 'senior_manager'), person('b', 'employee')],
      settings,
    );
    expect(r).toEqual({ status: 'formed', problems: [] });
  });

  it('refuses a team of two leads none of whom is a senior leader', () => {
    const r = evaluateRelt(
      'DOA',
      [person('a', 'frontline_manager'), person('b', 'employee')],
      settings,
    );
    expect(r.status).toBe('invalid');
    expect(r.problems.join(' ')).toMatch(/senior leader/);
  });

  it('reports one designated lead as incomplete', () => {
    const r = evaluateRelt('DOA', [person('a', 'senior_manager')], settings);
    expect(r.status).toBe('incomplete');
    expect(r.problems).toEqual(['1 of 2 RELT members designated.']);
  });

  it('reports no leads as incomplete', () => {
    expect(evaluateRelt('DOA', [], settings).status).toBe('incomplete');
  });

  it('refuses three members', () => {
    const three = [person('a', 'senior_manager'), person('b', 'employee'), person('c', 'employee')];
    expect(evaluateRelt('DOA', three, settings).problems.join(' ')).toMatch(/exactly 2/);
  });

  it('refuses a member of another department', () => {
    const r = evaluateRelt(
      'DOA',
      [person('a', 'senior_manager'), person('b', 'employee', 'DPW')],
      settings,
    );
    expect(r.status).toBe('invalid');
    expect(r.problems[0]).toMatch(/not in this department/);
  });

  it('refuses the same person twice', () => {
    const a = person('a', 'senior_manager');
    expect(evaluateRelt('DOA', [a, a], settings).status).toBe('invalid');
  });

  it('follows configured thresholds and terms', () => {
    const other = {
      ...settings,
      terms: { ...settings.terms, leadershipTeamShort: 'REI team' },
      thresholds: { ...settings.thresholds, leadsPerDepartment: 3, minSeniorLeads: 2 },
    };
    const r = evaluateRelt(
      'DOA',
      [person('a', 'senior_manager'), person('b', 'employee'), person('c', 'employee')],
      other,
    );
    expect(r.status).toBe('invalid');
    expect(r.problems[0]).toMatch(/At least 2 of the REI team/);
  });
});
