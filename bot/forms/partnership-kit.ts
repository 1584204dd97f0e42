import type { Attachment } from 'botbuilder';
import { z } from 'zod';
import { toIsoDate } from '../../src/domain';
import { PartnershipService } from '../../src/services/forms/partnership-service';
import type { PartnershipCardBase } from '../cards/meeting-card';
import { messagesFor, nothingSavedNotice, type FormMessages, type FormScope } from './form-kit';

/** People reached, from an Input.Number: it may arrive as a number or as the text typed. */
export const peopleReachedData = () => z.union([z.string().max(32), z.number()]).optional();

/** The partnership service of the scope's city. */
export const partnershipService = (scope: FormScope) =>
  new PartnershipService(scope.deps.store, scope.deps.clock, scope.deps.plan);

/** A partnership card of the scope's department, built from its standing as stored now. */
export async function partnershipCard(
  scope: FormScope,
  render: (base: PartnershipCardBase) => Attachment,
): Promise<Attachment> {
  const { deps, department } = scope;
  const standing = await partnershipService(scope).standing(department.id);
  return render({ department, plan: deps.plan, standing, today: toIsoDate(deps.clock.now()) });
}

/**
 * What a log button saved: `Logged …`, or, when Teams resent the press, that it is recorded.
 * @param what the record, e.g. `the meeting of Jun 12, 2021 with …`.
 * @param reached the people an event reached, said after what was logged.
 */
export function loggedText(what: string, created: boolean, reached?: number): string {
  if (created) {
    const people =
      reached === undefined ? '' : `: ${reached.toLocaleString('en-US')} people reached`;
    return `Logged ${what}${people}.`;
  }
  return `${what.charAt(0).toUpperCase()}${what.slice(1)} is already recorded; nothing new was saved.`;
}

/**
 * A log button's answer: the form afresh, saying what `log` saved; when the service refuses, the
 * form again as entered, each message beside its field, or above the form as it is, else
 * `nothingSavedNotice()` there.
 */
export async function logAndAnswer<F extends string>(answer: {
  fields: readonly F[];
  /** Logs the record; says what was saved. */
  log: () => Promise<string>;
  /** The form afresh, saying what was saved. */
  saved: (saved: string) => Promise<Attachment>;
  /** The form again with what was entered and its record id, and the messages. */
  refused: (messages: FormMessages<F> & { notice: string }) => Promise<Attachment>;
}): Promise<Attachment> {
  let saved: string;
  try {
    saved = await answer.log();
  } catch (error) {
    const { errors, notice } = messagesFor(error, answer.fields);
    return answer.refused({
      ...(errors ? { errors } : {}),
      notice: notice ?? nothingSavedNotice(),
    });
  }
  return answer.saved(saved);
}
