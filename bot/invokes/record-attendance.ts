import { type AdaptiveCardInvokeResponse, type Attachment, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { ValidationError } from '../../src/domain';
import { decide, type Decision } from '../../src/domain/authorization';
import { NOTE_MAX, recordId } from '../../src/server/input/limits';
import { parseInput } from '../../src/server/input/parse-input';
import { AttendanceService } from '../../src/services/attendance-service';
import { isSubmitOf, replaceSubmittedCard } from './submit-fallback';
import type { BotDeps } from '../bot-deps';
import type { AttendanceField } from '../cards/attendance-card';
import {
  attendanceResultCardModel,
  renderAttendanceResultCard,
} from '../cards/attendance-result-card';
import { renderNoticeCard } from '../cards/notice-card';
import {
  attendanceDepartmentCard,
  attendanceFormCard,
  findDepartment,
} from '../commands/attendance';
import { notOnRosterText, refusalText, whoIsAsking, type Asker } from '../roster';
import { ADAPTIVE_CARD_CONTENT_TYPE } from './complete-training';

/** The `verb` of the attendance cards' buttons (`bot/cards/attendance*.json`). */
export const RECORD_ATTENDANCE_VERB = 'recordAttendance';

/** Empty, or a record id: an input the person left empty gets a message beside it. */
const optionalId = () => z.union([z.literal(''), recordId()]).optional();

/** The officer's department card: the department picked. */
const departmentStep = z.strictObject({
  step: z.literal('department'),
  departmentId: optionalId(),
});

/**
 * The attendance form: the department (from the card, re-authorised on every submit), the
 * training, the date, the picker's employee numbers (joined with commas) and the typed ones.
 * Who records comes from the activity, never from here; an unknown field is refused.
 */
const recordStep = z.strictObject({
  step: z.literal('record'),
  departmentId: recordId(),
  trainingId: optionalId(),
  completedOn: z.string().max(32, { message: 'must be a date (YYYY-MM-DD)' }).optional(),
  people: z.string().max(NOTE_MAX).optional(),
  employeeNumbers: z.string().max(NOTE_MAX).optional(),
});

/** What the `Action.Execute` buttons send. */
export const recordAttendanceData = z.discriminatedUnion('step', [departmentStep, recordStep]);

/** What the `Action.Submit` fallbacks send: the verb beside the same data. */
export const recordAttendanceSubmitData = z.discriminatedUnion('step', [
  departmentStep.extend({ verb: z.literal(RECORD_ATTENDANCE_VERB) }),
  recordStep.extend({ verb: z.literal(RECORD_ATTENDANCE_VERB) }),
]);

type AttendanceData = z.output<typeof recordAttendanceData>;

/** Which field of the form a service refusal stands beside. */
const FIELD_OF: Record<string, AttendanceField> = {
  trainingId: 'trainingId',
  completedOn: 'completedOn',
  personIds: 'people',
};

/** Employee numbers from the picker (comma-joined) and the typed field (commas, spaces, lines). */
export function employeeNumbersOf(picked: string, typed: string): string[] {
  return [...picked.split(','), ...typed.split(/[\s,;]+/)]
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function refusalCard(decision: Extract<Decision, { allowed: false }>, context: TurnContext) {
  const offRoster = decision.reason === 'not-on-roster' || decision.reason === 'unauthenticated';
  return renderNoticeCard({
    title: offRoster ? 'Not on the roster' : 'Not allowed',
    text: `${refusalText(decision, context.activity)} Nothing was recorded.`,
  });
}

/**
 * A press of an attendance card's button, answered with the card that replaces it: the form of
 * the department the officer picked, the form again with a message beside a wrong field (nothing
 * stored), or the result of recording everyone the form names in one store call. Teams resends an
 * invoke it got no answer to within about 15 s: a repeat finds the completions stored and says
 * "already recorded".
 */
export async function recordAttendance(
  context: TurnContext,
  asker: Asker,
  data: unknown,
  deps: Pick<BotDeps, 'store' | 'clock'>,
  schema: z.ZodType<AttendanceData> = recordAttendanceData,
): Promise<Attachment> {
  const { actor, person } = asker;
  const mayRecord = decide(actor, 'attendance.record');
  if (!mayRecord.allowed) return refusalCard(mayRecord, context);
  if (!person) {
    return renderNoticeCard({
      title: 'Not on the roster',
      text: `${notOnRosterText(context.activity)} Nothing was recorded.`,
    });
  }
  let input: AttendanceData;
  try {
    input = parseInput(schema, data, 'data');
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return renderNoticeCard({
      title: 'Nothing recorded',
      text: `This card sent something reap does not accept (${error.message}), so nothing was recorded. Type **attendance** for a new card.`,
    });
  }
  const departmentId = input.departmentId ?? '';
  if (departmentId === '') return attendanceDepartmentCard(deps, 'Pick the department.');
  const decision = decide(actor, 'attendance.record', { departmentId });
  if (!decision.allowed) return refusalCard(decision, context);
  const department = await findDepartment(deps, departmentId);
  if (!department || department.id !== departmentId) {
    return attendanceDepartmentCard(deps, `There is no department ${departmentId}.`);
  }
  if (input.step === 'department') return attendanceFormCard(department, deps);

  const values = {
    trainingId: input.trainingId ?? '',
    completedOn: input.completedOn ?? '',
    people: input.people ?? '',
    employeeNumbers: input.employeeNumbers ?? '',
  };
  const service = new AttendanceService(deps.store, deps.clock);
  try {
    const outcome = await service.recordAttendance({
      actor: person,
      departmentId: department.id,
      trainingId: values.trainingId,
      completedOn: values.completedOn,
      personIds: employeeNumbersOf(values.people, values.employeeNumbers),
    });
    return renderAttendanceResultCard(
      attendanceResultCardModel({
        outcome,
        department,
        forOfficer: actor.kind === 'person' && actor.role === 'officer',
      }),
    );
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const field = FIELD_OF[error.field];
    return attendanceFormCard(department, deps, {
      values,
      ...(field
        ? { errors: { [field]: `${error.message} Nothing was recorded.` } }
        : { notice: `${error.message} Nothing was recorded.` }),
    });
  }
}

/** The `adaptiveCard/action` answer: the card Teams shows in place of the one pressed. */
export async function answerRecordAttendanceInvoke(
  context: TurnContext,
  data: unknown,
  deps: BotDeps,
): Promise<AdaptiveCardInvokeResponse> {
  const asker = await whoIsAsking(context.activity, deps);
  const card = await recordAttendance(context, asker, data, deps);
  return {
    statusCode: 200,
    type: ADAPTIVE_CARD_CONTENT_TYPE,
    value: card.content as Record<string, unknown>,
  };
}

/**
 * The `Action.Submit` fallback, from clients without Universal Actions: the press arrives as a
 * message whose `value` is the button's data and the inputs. The card is updated in place when the
 * message says which card it came from, and sent anew otherwise.
 */
export async function answerRecordAttendanceSubmit(
  context: TurnContext,
  asker: Asker,
  deps: BotDeps,
): Promise<void> {
  const card = await recordAttendance(
    context,
    asker,
    context.activity.value,
    deps,
    recordAttendanceSubmitData.transform(({ verb: _verb, ...data }) => data),
  );
  await replaceSubmittedCard(context, card, 'Record attendance');
}

/** True when a message is the `Action.Submit` fallback of an attendance card's button. */
export function isRecordAttendanceSubmit(value: unknown): boolean {
  return isSubmitOf(RECORD_ATTENDANCE_VERB, value);
}
