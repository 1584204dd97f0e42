import { DEPARTMENTS, TRAININGS, type Department, type Person } from '../../src/domain';
import type { AttendanceOutcome, AttendanceRefusal } from '../../src/services/attendance-service';
import {
  cardActions,
  cardProblems,
  cardText,
  unboundExpressions,
} from '../../tests/bot/validate-card';
import { RECORD_ATTENDANCE_VERB } from '../invokes/record-attendance';
import { attendanceCardModel, attendanceTemplate, MAX_PICKER_PEOPLE } from './attendance-card';
import {
  attendanceDepartmentCardModel,
  attendanceDepartmentTemplate,
} from './attendance-department-card';
import {
  attendanceResultCardModel,
  attendanceResultTemplate,
  MAX_REFUSALS_LISTED,
} from './attendance-result-card';
import { expandCard } from './render-card';

/** Teams refuses a bot message larger than about 28 KB. */
const TEAMS_MESSAGE_BYTES = 28 * 1024;

const department: Department = { id: 'MHD', name: 'Milwaukee Health Department' };

function staff(count: number, prefix = 'MHD'): Person[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `${prefix}-${String(i + 1).padStart(4, '0')}`;
    return {
      id,
      aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      displayName: `Alexandria Montgomery-Washington ${i}`,
      upn: `${id}@milwaukee.gov`,
      departmentId: prefix,
      tier: 'employee',
      jobTitle: 'Clerk',
    };
  });
}

function checked(template: object, model: object) {
  const { card, warnings } = expandCard(template, model);
  expect(warnings).toEqual([]);
  expect(unboundExpressions(card)).toEqual([]);
  expect(cardProblems(card)).toEqual([]);
  return card;
}

describe('attendance card', () => {
  it('offers the trainings, a date no later than today, a filtered picker and typed numbers', () => {
    const card = checked(
      attendanceTemplate,
      attendanceCardModel({
        department,
        people: staff(3),
        trainings: TRAININGS,
        today: '2021-06-15',
      }),
    );
    const body = (card as { body: Array<Record<string, unknown>> }).body;
    const input = (id: string) => body.find((e) => e.id === id);
    expect(input('trainingId')).toMatchObject({
      type: 'Input.ChoiceSet',
      isRequired: true,
      choices: TRAININGS.map((t) => ({ title: t.title, value: t.id })),
    });
    expect(input('completedOn')).toMatchObject({ type: 'Input.Date', max: '2021-06-15' });
    expect(input('people')).toMatchObject({
      type: 'Input.ChoiceSet',
      isMultiSelect: true,
      style: 'filtered',
    });
    expect((input('people')?.choices as unknown[]).length).toBe(3);
    expect(input('employeeNumbers')).toMatchObject({ type: 'Input.Text', isMultiline: true });
    expect(cardText(card)).toContain('Milwaukee Health Department · 3 people');

    const [execute] = cardActions(card);
    expect(execute).toMatchObject({
      type: 'Action.Execute',
      verb: RECORD_ATTENDANCE_VERB,
      data: { step: 'record', departmentId: 'MHD' },
      fallback: {
        type: 'Action.Submit',
        data: { verb: RECORD_ATTENDANCE_VERB, step: 'record', departmentId: 'MHD' },
      },
    });
  });

  it('counts and offers only the people still on the staff', () => {
    const [first, ...others] = staff(3);
    const model = attendanceCardModel({
      department,
      people: [{ ...first!, active: false, leftOn: '2021-03-31' }, ...others],
      trainings: TRAININGS,
      today: '2021-06-15',
    });
    expect(model.people.map((c) => c.id)).not.toContain(first?.id);
    expect(model.people).toHaveLength(2);
    expect(model.summary).toContain('· 2 people');
  });

  it('keeps the card under the size Teams accepts, whatever the names', () => {
    const render = (people: Person[]) => {
      const card = checked(
        attendanceTemplate,
        attendanceCardModel({ department, people, trainings: TRAININGS, today: '2021-06-15' }),
      );
      const ids = (card as { body: Array<{ id?: string }> }).body.map((e) => e.id);
      return { bytes: Buffer.byteLength(JSON.stringify(card)), picker: ids.includes('people') };
    };
    const short = staff(MAX_PICKER_PEOPLE).map((p, i) => ({ ...p, displayName: `Ann Lee ${i}` }));
    expect(render(short)).toEqual({ bytes: expect.any(Number), picker: true });
    expect(render(short).bytes).toBeLessThan(TEAMS_MESSAGE_BYTES - 2048);
    // Long names: the same count would not fit, so the card asks for numbers instead.
    expect(render(staff(MAX_PICKER_PEOPLE))).toEqual({ bytes: expect.any(Number), picker: false });
    expect(render(staff(MAX_PICKER_PEOPLE + 1, 'MPD')).picker).toBe(false);
  });

  it('asks a large department for employee numbers only', () => {
    const card = checked(
      attendanceTemplate,
      attendanceCardModel({
        department: { id: 'MPD', name: 'Milwaukee Police Department' },
        people: staff(2400, 'MPD'),
        trainings: TRAININGS,
        today: '2021-06-15',
      }),
    );
    const ids = (card as { body: Array<{ id?: string }> }).body.map((e) => e.id);
    expect(ids).not.toContain('people');
    expect(ids).toContain('employeeNumbers');
    expect(cardText(card)).toContain('2,400 people: too many to list');
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(8 * 1024);
  });

  it('keeps what was entered and shows a message beside the wrong field', () => {
    const card = checked(
      attendanceTemplate,
      attendanceCardModel({
        department,
        people: staff(3),
        trainings: TRAININGS,
        today: '2021-06-15',
        values: {
          trainingId: 'anti-racism',
          completedOn: '2031-01-01',
          people: 'MHD-0001,MHD-0002',
          employeeNumbers: 'MHD-0003',
        },
        errors: { completedOn: 'Jan 1, 2031 is in the future.' },
      }),
    );
    const body = (card as { body: Array<Record<string, unknown>> }).body;
    const at = body.findIndex((e) => e.id === 'completedOn');
    expect(body[at]?.value).toBe('2031-01-01');
    expect(body[at + 1]).toMatchObject({
      text: 'Jan 1, 2031 is in the future.',
      color: 'attention',
    });
    expect(body.find((e) => e.id === 'people')?.value).toBe('MHD-0001,MHD-0002');
    expect(body.find((e) => e.id === 'trainingId')?.value).toBe('anti-racism');
  });
});

describe('attendance department card', () => {
  it('lists every department, with a message when one was wrong', () => {
    const card = checked(
      attendanceDepartmentTemplate,
      attendanceDepartmentCardModel(DEPARTMENTS, 'There is no department XYZ.'),
    );
    const choice = (card as { body: Array<Record<string, unknown>> }).body.find(
      (e) => e.id === 'departmentId',
    );
    expect((choice?.choices as unknown[]).length).toBe(DEPARTMENTS.length);
    expect(cardText(card)).toContain('There is no department XYZ.');
    expect(cardActions(card)[0]).toMatchObject({
      verb: RECORD_ATTENDANCE_VERB,
      data: { step: 'department' },
    });
  });
});

describe('attendance result card', () => {
  const people = staff(5);
  const training = TRAININGS[1];
  if (!training) throw new Error('no training');
  const refusal = (r: Partial<AttendanceRefusal>): AttendanceRefusal => ({
    employeeNumber: 'X',
    reason: 'unknown-person',
    message: '',
    ...r,
  });

  it('counts and names who was recorded, already recorded and refused, with the reason', () => {
    const outcome: AttendanceOutcome = {
      training,
      completedOn: '2021-06-10',
      recorded: people.slice(0, 2),
      alreadyRecorded: people.slice(2, 3),
      refused: [
        refusal({ employeeNumber: 'MHD-9999' }),
        refusal({ employeeNumber: 'DPW-0001', person: people[3], reason: 'other-department' }),
        refusal({ employeeNumber: 'MHD-0005', person: people[4], reason: 'not-required' }),
        refusal({
          employeeNumber: 'MHD-0005',
          reason: 'not-before-wave',
          waveOpensOn: '2021-05-01',
        }),
      ],
    };
    const card = checked(
      attendanceResultTemplate,
      attendanceResultCardModel({ outcome, department, forOfficer: false }),
    );
    const text = cardText(card);
    expect(text).toContain('Attendance recorded');
    expect(text).toContain(
      'Anti-racism in City government · Jun 10, 2021 · Milwaukee Health Department',
    );
    expect(text).toContain('Recorded: 2');
    expect(text).toContain('Already recorded: 1');
    expect(text).toContain('Not recorded: 4');
    expect(text).toContain('MHD-9999: unknown employee number');
    expect(text).toContain(`${people[3]?.displayName} (MHD-0004): not in your department`);
    expect(text).toContain('training not required of them');
    expect(text).toContain('date before their wave opened (May 1, 2021)');
    expect(cardActions(card)[0]).toMatchObject({
      data: { msteams: { type: 'imBack', value: 'attendance' } },
    });

    const officer = attendanceResultCardModel({ outcome, department, forOfficer: true });
    expect(officer.refused[1]?.reason).toBe('not in Milwaukee Health Department');
    expect(officer.againCommand).toBe('attendance MHD');
  });

  it('lists at most a screenful of refusals and counts the rest', () => {
    const outcome: AttendanceOutcome = {
      training,
      completedOn: '2021-06-10',
      recorded: [],
      alreadyRecorded: [],
      refused: Array.from({ length: 2400 }, (_, i) =>
        refusal({ employeeNumber: `\u0000${'9'.repeat(60)}${i}` }),
      ),
    };
    const model = attendanceResultCardModel({ outcome, department, forOfficer: false });
    const card = checked(attendanceResultTemplate, model);
    expect(model.refused).toHaveLength(MAX_REFUSALS_LISTED);
    expect(model.refused[0]?.who).toMatch(/^\?9{38}…$/);
    expect(cardText(card)).toContain('Nothing new recorded');
    expect(cardText(card)).toContain(
      `and ${(2400 - MAX_REFUSALS_LISTED).toLocaleString('en-US')} more not recorded.`,
    );
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(TEAMS_MESSAGE_BYTES);
  });
});
