import { MessageFactory, type Attachment, type TurnContext } from 'botbuilder';
import { toIsoDate, type Department } from '../../src/domain';
import { decide } from '../../src/domain/authorization';
import type { BotDeps } from '../bot-deps';
import {
  attendanceCardModel,
  renderAttendanceCard,
  type AttendanceField,
  type AttendanceValues,
} from '../cards/attendance-card';
import {
  attendanceDepartmentCardModel,
  renderAttendanceDepartmentCard,
} from '../cards/attendance-department-card';
import { isPersonalConversation, refusalText, type Asker } from '../roster';

/** The department a command or a card names, matched on its id without regard to case. */
export async function findDepartment(
  deps: Pick<BotDeps, 'store'>,
  departmentId: string,
): Promise<Department | undefined> {
  const wanted = departmentId.toLowerCase();
  return (await deps.store.listDepartments()).find((d) => d.id.toLowerCase() === wanted);
}

/** The attendance form of `department` as it stands, with what was entered and messages, if any. */
export async function attendanceFormCard(
  department: Department,
  deps: Pick<BotDeps, 'store' | 'clock'>,
  options: {
    values?: AttendanceValues;
    errors?: Partial<Record<AttendanceField, string>>;
    notice?: string;
  } = {},
): Promise<Attachment> {
  const [people, trainings] = await Promise.all([
    deps.store.listPeople({ departmentId: department.id }),
    deps.store.listTrainings(),
  ]);
  return renderAttendanceCard(
    attendanceCardModel({
      department,
      people,
      trainings,
      today: toIsoDate(deps.clock.now()),
      ...options,
    }),
  );
}

/** The officer's first card: which department's session to record. */
export async function attendanceDepartmentCard(
  deps: Pick<BotDeps, 'store'>,
  error?: string,
): Promise<Attachment> {
  return renderAttendanceDepartmentCard(
    attendanceDepartmentCardModel(await deps.store.listDepartments(), error),
  );
}

/**
 * `attendance` (or `attendance MPD`): the form to record who attended an in-person session. A lead
 * or Ambassador gets their own department's; the Equity Officer picks the department first (or
 * names it). Only in a 1:1 chat: the form lists the department's people.
 * @param named the department id the command named, if any (any case).
 */
export async function sendAttendanceCard(
  context: TurnContext,
  asker: Asker,
  deps: Pick<BotDeps, 'store' | 'clock'>,
  named?: string,
): Promise<void> {
  const { actor } = asker;
  const allowed = decide(actor, 'attendance.record');
  if (!allowed.allowed) {
    await context.sendActivity(refusalText(allowed, context.activity));
    return;
  }
  if (!isPersonalConversation(context.activity)) {
    await context.sendActivity(
      "The attendance card lists your department's people, so I show it only in our 1:1 chat: " +
        'open a chat with me and type **attendance**.',
    );
    return;
  }
  const isOfficer = actor.kind === 'person' && actor.role === 'officer';
  const wanted = named ?? (isOfficer ? undefined : asker.person?.departmentId);
  let card: Attachment;
  if (wanted === undefined) {
    card = await attendanceDepartmentCard(deps);
  } else {
    const department = await findDepartment(deps, wanted);
    const decision = decide(actor, 'attendance.record', {
      departmentId: department?.id ?? wanted,
    });
    if (!decision.allowed) {
      await context.sendActivity(refusalText(decision, context.activity));
      return;
    }
    card = department
      ? await attendanceFormCard(department, deps)
      : await attendanceDepartmentCard(deps, `There is no department ${wanted.slice(0, 20)}.`);
  }
  const reply = MessageFactory.attachment(card);
  reply.summary = 'Record attendance';
  await context.sendActivity(reply);
}
