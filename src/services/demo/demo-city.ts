import {
  DEPARTMENTS,
  GOALS,
  MILESTONES,
  STRATEGIES,
  TRAININGS,
  WAVES,
  requirementsFor,
  type Completion,
  type DepartmentMember,
  type ImpactStatement,
  type IsoDate,
  type Milestone,
  type PartnershipMeeting,
  type Person,
  type Tier,
  type ToolkitAnalysis,
  type VisionStatement,
} from '../../domain';
import type { PlanSeed, PlanStore } from '../../store/plan-store';
import { FIRST_NAMES, JOB_TITLES, LAST_NAMES } from './names';
import { generateDemoAccountability } from './demo-accountability';
import { random } from './seeded-random';

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A demo person's Entra object id: a fixed GUID per position, so fixtures can name people. */
export function demoObjectId(index: number): string {
  return `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

/**
 * The people fixtures, the Agents Playground and the local identity picker sign in as. Their ids
 * and object ids never change between runs.
 */
export const DEMO_PERSONAS = {
  officer: { id: 'DOA-0001', displayName: 'Avery Coleman', role: 'officer' },
  lead: { id: 'MHD-0001', displayName: 'Renee Washington', role: 'lead' },
  employee: { id: 'MPL-0120', displayName: 'Jordan Rivera', role: 'employee' },
} as const;

export type DemoCity = PlanSeed & {
  people: Person[];
  members: DepartmentMember[];
  completions: Completion[];
  visions: VisionStatement[];
  analyses: ToolkitAnalysis[];
  impactStatements: ImpactStatement[];
  meetings: PartnershipMeeting[];
  milestonesDone: Milestone[];
};

/** The plan's fixed shape: what every store holds before anyone does anything. */
export function planSeed(): PlanSeed {
  return {
    goals: GOALS,
    strategies: STRATEGIES,
    milestones: MILESTONES,
    trainings: TRAININGS,
    waves: WAVES,
    departments: DEPARTMENTS.map(({ id, name }) => ({ id, name })),
  };
}

/** How far each department got: varied so the citywide view has leaders and laggards. */
type Pace = { relt: 'formed' | 'one' | 'no-senior' | 'none'; vision: boolean; training: number };

const PACE: Record<string, Pace> = {
  DOA: { relt: 'formed', vision: true, training: 0.95 },
  DER: { relt: 'formed', vision: true, training: 0.9 },
  MHD: { relt: 'formed', vision: true, training: 0.85 },
  MPD: { relt: 'formed', vision: false, training: 0.55 },
  MFD: { relt: 'one', vision: false, training: 0.45 },
  DPW: { relt: 'no-senior', vision: false, training: 0.5 },
  MWW: { relt: 'formed', vision: true, training: 0.7 },
  DCD: { relt: 'formed', vision: true, training: 0.8 },
  DNS: { relt: 'formed', vision: false, training: 0.65 },
  MPL: { relt: 'formed', vision: true, training: 0.75 },
  CCCC: { relt: 'formed', vision: true, training: 0.6 },
  CATT: { relt: 'one', vision: false, training: 0.5 },
  COMP: { relt: 'formed', vision: false, training: 0.7 },
  TRES: { relt: 'none', vision: false, training: 0.3 },
  MAYR: { relt: 'formed', vision: true, training: 1 },
  FPC: { relt: 'formed', vision: true, training: 0.85 },
  ELEC: { relt: 'formed', vision: false, training: 0.6 },
  ASMT: { relt: 'none', vision: false, training: 0.35 },
  MCRT: { relt: 'formed', vision: true, training: 0.7 },
  PORT: { relt: 'formed', vision: false, training: 0.55 },
  ERS: { relt: 'one', vision: false, training: 0.4 },
};

/** Completion likelihood by tier relative to a department's pace: senior managers went first. */
const TIER_FACTOR: Record<Tier, number> = {
  senior_manager: 1,
  frontline_manager: 0.85,
  employee: 0.6,
};

/**
 * Generates the demo city: about 6,500 synthetic employees over the city's departments with
 * tiers, leads and Ambassadors, some trainings done, a few toolkit analyses, impact statements,
 * vision statements and partnership meetings. Pure: the same seed gives the same city.
 */
export function generateDemoCity(seed = 2020): DemoCity {
  const rnd = random(seed);
  // Names and titles come from a stream of their own, so changing how much of the plan the demo
  // city has done never renames its people (fixtures such as the playground's users name them).
  const naming = random(seed + 1);
  const plan = planSeed();
  const people: Person[] = [];
  const members: DepartmentMember[] = [];
  const completions: Completion[] = [];
  const visions: VisionStatement[] = [];
  const analyses: ToolkitAnalysis[] = [];
  const impactStatements: ImpactStatement[] = [];
  const meetings: PartnershipMeeting[] = [];
  const usedUpns = new Set<string>();
  const personas = new Map<string, string>(
    Object.values(DEMO_PERSONAS).map((p) => [p.id, p.displayName]),
  );
  let index = 0;

  for (const dept of DEPARTMENTS) {
    const pace = PACE[dept.id] ?? { relt: 'none', vision: false, training: 0.5 };
    const seniors = Math.max(2, Math.round(dept.headcount * 0.03));
    const frontline = Math.max(2, Math.round(dept.headcount * 0.12));
    const staff: Person[] = [];
    for (let n = 1; n <= dept.headcount; n += 1) {
      index += 1;
      const tier: Tier =
        n <= seniors
          ? 'senior_manager'
          : n <= seniors + frontline
            ? 'frontline_manager'
            : 'employee';
      const id = `${dept.id}-${String(n).padStart(4, '0')}`;
      const displayName =
        personas.get(id) ?? `${pick(naming, FIRST_NAMES)} ${pick(naming, LAST_NAMES)}`;
      const base = displayName
        .toLowerCase()
        .replace(/[^a-z ]/g, '')
        .replace(/ +/g, '.');
      let upn = `${base}@milwaukee.gov`;
      for (let k = 2; usedUpns.has(upn); k += 1) upn = `${base}${k}@milwaukee.gov`;
      usedUpns.add(upn);
      const jobTitle =
        id === DEMO_PERSONAS.officer.id ? 'Equity Officer' : pick(naming, JOB_TITLES[tier]);
      staff.push({
        id,
        aadObjectId: demoObjectId(index),
        displayName,
        upn,
        departmentId: dept.id,
        tier,
        jobTitle,
      });
    }
    people.push(...staff);

    // Leads: a senior leader and a frontline manager, or what the department's pace says.
    const senior = staff[0] as Person;
    const manager = staff[seniors] as Person;
    const employee = staff[seniors + frontline] as Person;
    const leads =
      pace.relt === 'formed'
        ? [senior, manager]
        : pace.relt === 'one'
          ? [senior]
          : pace.relt === 'no-senior'
            ? [manager, employee]
            : [];
    for (const lead of leads) {
      members.push({ departmentId: dept.id, personId: lead.id, role: 'lead', since: '2020-07-01' });
    }
    if (leads.length > 0) {
      const count = Math.max(1, Math.round(dept.headcount * 0.015 * pace.training));
      for (let k = 0; k < count; k += 1) {
        const p = staff[seniors + frontline + 1 + k];
        if (p && p.id !== DEMO_PERSONAS.employee.id) {
          members.push({
            departmentId: dept.id,
            personId: p.id,
            role: 'ambassador',
            since: '2020-09-15',
          });
        }
      }
    }

    // Trainings: each person completed each requirement with a chance set by pace and tier.
    const leadIds = new Set(leads.map((l) => l.id));
    for (const person of staff) {
      if (person.id === DEMO_PERSONAS.employee.id) continue; // the persona has trainings to do
      for (const { training, wave } of requirementsFor(
        person,
        leadIds.has(person.id),
        plan.trainings,
        plan.waves,
      )) {
        if (rnd() >= pace.training * TIER_FACTOR[person.tier]) continue;
        const completedOn = addDays(wave.opensOn, Math.floor(rnd() * 150));
        completions.push({
          id: `demo-${person.id}-${training.id}`,
          personId: person.id,
          trainingId: training.id,
          waveId: wave.id,
          completedOn,
          recordedAt: `${completedOn}T16:00:00.000Z`,
          source: 'demo',
        });
      }
    }

    if (pace.vision) {
      const adoptedOn = addDays('2020-10-01', Math.floor(rnd() * 300));
      visions.push({
        id: `demo-vision-${dept.id}`,
        departmentId: dept.id,
        text: `The ${dept.name} will deliver its services so that race no longer predicts who benefits, and will examine every policy and budget decision for its effect on communities of color.`,
        adoptedOn,
        version: 1,
        recordedBy: senior.id,
        recordedAt: `${adoptedOn}T15:00:00.000Z`,
      });
    }

    // Toolkit analyses: departments further along analysed more, some of existing programs.
    // The first analysis is of a new policy, the second of an existing one; drafts are common.
    const analysisCount =
      pace.training >= 0.7 ? 2 + Math.floor(rnd() * 3) : Math.floor(rnd() * 3 * pace.training);
    for (let k = 0; k < analysisCount; k += 1) {
      const created = addDays('2020-11-01', Math.floor(rnd() * 380));
      const kind = k % 2 === 1 ? 'existing' : 'new';
      const status = rnd() < pace.training * 0.8 ? 'accepted' : rnd() < 0.5 ? 'submitted' : 'draft';
      analyses.push({
        id: `demo-toolkit-${dept.id}-${k + 1}`,
        departmentId: dept.id,
        title: `${kind === 'new' ? 'Proposed' : 'Existing'} ${pick(rnd, [
          'hiring process',
          'permit fee schedule',
          'community grant program',
          'service request routing',
          'contracting policy',
          'language access plan',
        ])} (${dept.id})`,
        kind,
        steps: {
          proposal: 'Desired result: services reach every neighborhood equitably.',
          data: 'Service data disaggregated by race and aldermanic district, 2018–2020.',
          engagement: 'Listening sessions with residents and community organisations.',
          analysis: 'Residents of the north side are burdened by longer waits.',
          implementation: 'Phased roll-out over two budget cycles.',
          accountability: 'Quarterly report to the Common Council.',
        },
        status,
        // A draft stopped before its last step; a submitted one went through all six.
        step: status === 'draft' ? 'implementation' : 'accountability',
        authorId: leads[0]?.id ?? senior.id,
        createdAt: `${created}T14:00:00.000Z`,
        updatedAt: `${created}T14:00:00.000Z`,
        submittedAt: status === 'draft' ? undefined : `${addDays(created, 14)}T14:00:00.000Z`,
        version: 1,
        ...(status === 'accepted'
          ? { resultingChange: 'Budget reallocated to extend evening service hours.' }
          : {}),
      });
    }

    const misCount = leads.length === 2 ? Math.floor(rnd() * 4) : 0;
    for (let k = 0; k < misCount; k += 1) {
      impactStatements.push({
        id: `demo-mis-${dept.id}-${k + 1}`,
        departmentId: dept.id,
        councilFileNumber: String(200100 + Math.floor(rnd() * 1800)),
        title: `Ordinance affecting ${dept.name} services`,
        guidedBy: leads.map((l) => l.id),
        status: pick(rnd, ['in_progress', 'filed', 'adopted'] as const),
        guidedOn: addDays('2020-09-01', Math.floor(rnd() * 450)),
      });
    }

    // DOA's team kept a quarterly cadence with County OAAA and foundations; others met sometimes.
    const meetingEvery = dept.id === 'DOA' ? 80 : pace.relt === 'formed' ? 150 : 0;
    if (meetingEvery > 0) {
      for (let day = 30; day < 730; day += meetingEvery) {
        meetings.push({
          id: `demo-meeting-${dept.id}-${day}`,
          departmentId: dept.id,
          heldOn: addDays('2020-01-01', day),
          partners: 'Milwaukee County OAAA; local foundations',
          notes: 'Shared training options and benchmarks.',
        });
      }
    }
  }

  return {
    ...plan,
    people,
    members,
    completions,
    visions,
    analyses,
    impactStatements,
    meetings,
    milestonesDone: [
      {
        id: 'M-equity-officer',
        strategyId: 'S1.4',
        title: MILESTONES[0]?.title ?? '',
        doneOn: '2021-01-15',
      },
    ],
  };
}

/** Writes the plan and the demo city into an empty store. */
export async function seedDemoCity(store: PlanStore, seed = 2020): Promise<DemoCity> {
  const city = generateDemoCity(seed);
  await store.putPlan(city);
  await store.upsertPeople(city.people);
  for (const dept of city.departments) {
    const own = city.members.filter((m) => m.departmentId === dept.id);
    for (const role of ['lead', 'ambassador'] as const) {
      const ids = own.filter((m) => m.role === role).map((m) => m.personId);
      if (ids.length > 0) await store.setMembers(dept.id, role, ids, '2020-07-01');
    }
  }
  await store.recordCompletions(city.completions);
  for (const v of city.visions) await store.addVision(v);
  for (const a of city.analyses) await store.createAnalysis(a);
  for (const s of city.impactStatements) await store.putImpactStatement(s);
  for (const m of city.meetings) await store.addPartnershipMeeting(m);
  for (const m of city.milestonesDone) await store.putMilestone(m);
  const accountability = generateDemoAccountability(city.departments, city.people, seed);
  await store.putIndicatorPoints(accountability.indicatorPoints);
  await store.putSurveyResults(accountability.surveyResults);
  for (const g of accountability.focusGroups) await store.addFocusGroup(g);
  return city;
}
