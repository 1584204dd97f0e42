import { evaluateRelt, MILWAUKEE_2020_2021, toolkitCoverage, type Person } from '../../domain';
import { DEMO_OFFICER_OBJECT_ID } from '../../config/config';
import { DEMO_PERSONAS, generateDemoCity } from './demo-city';

describe('generateDemoCity', () => {
  const city = generateDemoCity();
  const byId = new Map(city.people.map((p) => [p.id, p]));

  it('spreads about 6,500 employees over the twenty-odd departments with all three tiers', () => {
    expect(city.people.length).toBeGreaterThan(6000);
    expect(city.people.length).toBeLessThan(7000);
    expect(city.departments.length).toBeGreaterThanOrEqual(20);
    for (const d of city.departments) {
      const tiers = new Set(city.people.filter((p) => p.departmentId === d.id).map((p) => p.tier));
      expect(tiers).toEqual(new Set(['senior_manager', 'frontline_manager', 'employee']));
    }
    expect(new Set(city.people.map((p) => p.aadObjectId)).size).toBe(city.people.length);
    expect(new Set(city.people.map((p) => p.upn)).size).toBe(city.people.length);
  });

  it('is the same city for the same seed', () => {
    expect(generateDemoCity().people.slice(0, 50)).toEqual(city.people.slice(0, 50));
  });

  it('has formed, incomplete and invalid leadership teams', () => {
    const statuses = city.departments.map((d) => {
      const leads = city.members
        .filter((m) => m.departmentId === d.id && m.role === 'lead')
        .map((m) => byId.get(m.personId) as Person);
      return evaluateRelt(d.id, leads, MILWAUKEE_2020_2021).status;
    });
    expect(new Set(statuses)).toEqual(new Set(['formed', 'incomplete', 'invalid']));
  });

  it('has some trainings done, some toolkit analyses, and the personas fixtures rely on', () => {
    expect(city.completions.length).toBeGreaterThan(5000);
    expect(city.analyses.length).toBeGreaterThan(5);
    expect(byId.get(DEMO_PERSONAS.officer.id)).toMatchObject({
      departmentId: 'DOA',
      jobTitle: 'Equity Officer',
      aadObjectId: DEMO_OFFICER_OBJECT_ID,
    });
    expect(byId.get(DEMO_PERSONAS.employee.id)?.tier).toBe('employee');
    expect(city.completions.some((c) => c.personId === DEMO_PERSONAS.employee.id)).toBe(false);
    expect(city.members).toContainEqual(
      expect.objectContaining({ personId: DEMO_PERSONAS.lead.id, role: 'lead' }),
    );
  });

  it('has departments that meet the toolkit rule and departments that do not', () => {
    const met = city.departments.map(
      (d) =>
        toolkitCoverage(
          city.analyses.filter((a) => a.departmentId === d.id),
          MILWAUKEE_2020_2021,
        ).meetsRule,
    );
    expect(met.filter(Boolean).length).toBeGreaterThan(2);
    expect(met.filter((m) => !m).length).toBeGreaterThan(2);
  });

  it('never records a completion before its wave opened', () => {
    const opens = new Map(city.waves.map((w) => [w.id, w.opensOn]));
    expect(city.completions.every((c) => c.completedOn >= (opens.get(c.waveId) ?? ''))).toBe(true);
  });
});
