import { MILWAUKEE_2020_2021 } from '../../domain';
import { generateDemoAccountability, DEMO_SOURCE } from './demo-accountability';
import { generateDemoCity } from './demo-city';

describe('the demo city’s indicators, survey and focus groups', () => {
  const city = generateDemoCity();
  const demo = generateDemoAccountability(city.departments, city.people);

  it('is the same for the same seed and labels every indicator figure as synthetic', () => {
    expect(generateDemoAccountability(city.departments, city.people)).toEqual(demo);
    expect(demo.indicatorPoints.length).toBeGreaterThan(20);
    expect(new Set(demo.indicatorPoints.map((p) => p.source))).toEqual(new Set([DEMO_SOURCE]));
    expect(demo.indicatorPoints.every((p) => p.indicator.endsWith('(demo)'))).toBe(true);
  });

  it('has one survey aggregate per department, question and group, never an answer', () => {
    const ids = demo.surveyResults.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const departments = new Set(city.departments.map((d) => d.id));
    for (const r of demo.surveyResults) {
      expect(departments.has(r.departmentId ?? '')).toBe(true);
      expect(r.respondents).toBeGreaterThan(0);
      expect(r.value).toBeGreaterThanOrEqual(0);
      expect(r.value).toBeLessThanOrEqual(100);
    }
  });

  it('has groups under the suppression threshold in small departments, as a real city would', () => {
    const threshold = MILWAUKEE_2020_2021.thresholds.suppressionMin;
    const small = demo.surveyResults.filter((r) => r.respondents < threshold);
    const large = demo.surveyResults.filter((r) => r.respondents >= threshold);
    expect(small.length).toBeGreaterThan(0);
    expect(large.length).toBeGreaterThan(small.length);
  });

  it('logs focus groups with their size and, for two, a department of the plan', () => {
    expect(demo.focusGroups).toHaveLength(3);
    const departments = new Set(city.departments.map((d) => d.id));
    for (const g of demo.focusGroups) {
      if (g.departmentId) expect(departments.has(g.departmentId)).toBe(true);
      expect(g.participants).toBeGreaterThan(0);
    }
  });
});
