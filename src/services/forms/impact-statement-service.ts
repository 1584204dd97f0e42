import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  councilFileNumberRule,
  isCouncilFileNumber,
  isIsoDate,
  toIsoDate,
  ValidationError,
  type AuditEntry,
  type ImpactStatement,
  type ImpactStatementStatus,
  type IsoDate,
  type Person,
  type PlanSettings,
} from '../../domain';
import { TEXT_MAX } from '../../server/input/limits';
import { parseInput } from '../../server/input/parse-input';
import type { PlanStore } from '../../store/plan-store';
import type { Clock } from '../clock';

/** The statuses a lead can give a statement, in the order the card offers them. */
export const IMPACT_STATEMENT_STATUSES = [
  'in_progress',
  'filed',
  'adopted',
] as const satisfies readonly ImpactStatementStatus[];

/** What the form sends, as typed: every field a string, checked here. */
export type ImpactStatementInput = {
  /**
   * The statement the card is for: a UUID made when a new form was rendered (so a resent submit
   * stores one statement), or the stored id when the card edits one.
   */
  statementId: string;
  /** Made when the card was rendered: names this press in the audit log. */
  cardId: string;
  councilFileNumber: string;
  title: string;
  /** Names separated by commas or semicolons. */
  guidedBy: string;
  status: string;
  guidedOn: string;
};

/**
 * What recording did: a new statement, an update of the department's statement with that file
 * number (`before` is what it replaced), or nothing because it is stored as given (a resend).
 */
export type ImpactStatementOutcome = {
  kind: 'created' | 'updated' | 'unchanged';
  statement: ImpactStatement;
  before?: ImpactStatement;
};

/** The fields a lead fills, i.e. what `unchanged` compares. */
type StatementFields = Pick<
  ImpactStatement,
  'councilFileNumber' | 'title' | 'guidedBy' | 'status' | 'guidedOn'
>;

const DAY = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
});
const day = (date: IsoDate) => DAY.format(new Date(`${date}T00:00:00Z`));

/** Names as a lead types them: `Renee Washington; Ana Ruiz, J. Lee`, repeats once. */
export function namesOf(value: string): string[] {
  const names = value
    .split(/[,;]/)
    .map((n) => n.trim())
    .filter((n) => n !== '');
  return [...new Set(names)];
}

/**
 * The form's field rules, each message fit to stand beside its field. Fields are checked in card
 * order, and the first wrong one is reported.
 */
function fieldsSchema(plan: PlanSettings, today: IsoDate) {
  const term = plan.terms.impactStatement;
  const start = plan.period.start;
  return z.object({
    councilFileNumber: z
      .string()
      .trim()
      .min(1, { message: `Type the Common Council file number of the ${term}.` })
      .max(TEXT_MAX, { message: councilFileNumberRule(plan) })
      .refine((v) => isCouncilFileNumber(v, plan), {
        message: `${councilFileNumberRule(plan)} Check the number in the Council's file.`,
      }),
    title: z
      .string()
      .trim()
      .min(1, { message: 'Type the title of the Council file.' })
      .max(TEXT_MAX, { message: `Shorten the title to ${TEXT_MAX} characters or fewer.` })
      .regex(/^[^\r\n]*$/, { message: 'Write the title on one line.' }),
    guidedBy: z
      .string()
      .trim()
      .max(TEXT_MAX, {
        message: `Shorten the names to ${TEXT_MAX} characters or fewer in all (initials will do).`,
      })
      .regex(/^[^\r\n]*$/, { message: 'Write the names on one line, separated by commas.' })
      .transform(namesOf)
      .refine((names) => names.length > 0, {
        message: 'Type who guided it: names separated by commas.',
      }),
    status: z.enum(IMPACT_STATEMENT_STATUSES, {
      message: 'Pick the status: in progress, filed or adopted.',
    }),
    guidedOn: z
      .string()
      .trim()
      .min(1, { message: 'Pick the date the team guided it.' })
      .refine(isIsoDate, { message: 'Pick the date in the date picker (YYYY-MM-DD).' })
      .refine((d) => !isIsoDate(d) || d <= today, {
        message: `That date is in the future; pick today (${day(today)}) or earlier.`,
      })
      .refine((d) => !isIsoDate(d) || d >= start, {
        message: `That date is before the plan began (${day(start)}); pick ${day(start)} or later.`,
      }),
  });
}

const sameFields = (a: StatementFields, b: StatementFields) =>
  a.councilFileNumber === b.councilFileNumber &&
  a.title === b.title &&
  a.status === b.status &&
  a.guidedOn === b.guidedOn &&
  a.guidedBy.length === b.guidedBy.length &&
  a.guidedBy.every((n, i) => n === b.guidedBy[i]);

/**
 * The impact statements (the plan's term, e.g. "Minority Impact Statement") a department's team
 * guided, by Common Council file number: one statement per file number in a department, and a
 * file number belongs to one department. Recording a file number the department has already
 * updates that statement; the audit entry keeps what it replaced, which is the statement's
 * history. The caller has authorised the actor (`impact-statement.record` on the department).
 */
export class ImpactStatementService {
  constructor(
    private readonly store: PlanStore,
    private readonly clock: Clock,
    private readonly plan: PlanSettings,
  ) {}

  /** The department's statements, most recently guided first. */
  async list(departmentId: string): Promise<ImpactStatement[]> {
    const statements = await this.store.listImpactStatements({ departmentId });
    return statements.sort(
      (a, b) =>
        b.guidedOn.localeCompare(a.guidedOn) ||
        b.councilFileNumber.localeCompare(a.councilFileNumber),
    );
  }

  /** One of the department's statements, or undefined (also when it is another department's). */
  async find(departmentId: string, statementId: string): Promise<ImpactStatement | undefined> {
    return (await this.store.listImpactStatements({ departmentId })).find(
      (s) => s.id === statementId,
    );
  }

  /**
   * Records a statement the department's team guided, or updates the one it has with that file
   * number (or the one the card edits).
   * @throws ValidationError naming the card's field (nothing stored) when a field breaks its rule,
   * the file number is another department's or another of this department's statements', or
   * (field `statementId`) the card names a statement of another department.
   */
  async record(
    actor: Person,
    departmentId: string,
    input: ImpactStatementInput,
  ): Promise<ImpactStatementOutcome> {
    const now = this.clock.now();
    const fields = parseInput(fieldsSchema(this.plan, toIsoDate(now)), input, 'data');
    const all = await this.store.listImpactStatements();
    const byId = all.find((s) => s.id === input.statementId);
    if (byId && byId.departmentId !== departmentId) {
      throw new ValidationError(
        'statementId',
        'department',
        'This card is for a statement of another department. Type **mis** for a new card.',
      );
    }
    const sameFile = all.filter((s) => s.councilFileNumber === fields.councilFileNumber);
    const elsewhere = sameFile.find((s) => s.departmentId !== departmentId);
    if (elsewhere) {
      throw new ValidationError(
        'councilFileNumber',
        'other-department',
        `File ${fields.councilFileNumber} is recorded by ${elsewhere.departmentId}. Check the number; if both departments guided it, ask the Equity Officer.`,
      );
    }
    const ownFile = sameFile.find((s) => s.departmentId === departmentId);
    if (byId && ownFile && ownFile.id !== byId.id) {
      throw new ValidationError(
        'councilFileNumber',
        'duplicate',
        `Your department has another statement with file ${fields.councilFileNumber}; update that one instead (its Edit button below).`,
      );
    }
    const before = byId ?? ownFile;
    if (before && sameFields(before, fields)) {
      return { kind: 'unchanged', statement: before };
    }
    const statement: ImpactStatement = {
      id: before?.id ?? input.statementId,
      departmentId,
      ...fields,
      recordedBy: actor.id,
      recordedAt: now.toISOString(),
    };
    // A resend of this press (same card, same values) gets the same entry id, which the store
    // keeps once; another press, or other values, is another entry of the statement's history.
    const digest = createHash('sha256')
      .update(JSON.stringify([fields, input.cardId]))
      .digest('hex')
      .slice(0, 16);
    const audit: AuditEntry = {
      id: `impact-statement.record:${statement.id}:${digest}`,
      at: now.toISOString(),
      actorId: actor.id,
      action: 'impact-statement.record',
      recordType: 'impact-statement',
      recordId: statement.id,
      ...(before ? { before } : {}),
      after: statement,
    };
    await this.store.putImpactStatement(statement, audit);
    return before ? { kind: 'updated', statement, before } : { kind: 'created', statement };
  }
}
