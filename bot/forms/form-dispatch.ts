import { MessageFactory, type Attachment, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { ValidationError } from '../../src/domain';
import { decide, type Decision, type PersonActor } from '../../src/domain/authorization';
import { recordId } from '../../src/server/input/limits';
import { parseInput } from '../../src/server/input/parse-input';
import type { BotDeps } from '../bot-deps';
import { formsMenuCardModel, renderFormsMenuCard } from '../cards/forms-menu-card';
import { renderNoticeCard } from '../cards/notice-card';
import { findDepartment } from '../commands/attendance';
import { isSubmitOf, replaceSubmittedCard } from '../invokes/submit-fallback';
import { isPersonalConversation, notOnRosterText, refusalText, whoIsAsking } from '../roster';
import {
  FORM_NAMES,
  type FormDefinition,
  type FormName,
  type FormScope,
  type FormVerb,
} from './form-kit';

/** The verb of the menu's buttons: open one form for one department. */
export const OPEN_FORM_VERB = 'openForm';

const openFormData = z.strictObject({
  form: z.enum(FORM_NAMES),
  departmentId: z.union([z.literal(''), recordId()]).optional(),
});

/** Who may use the forms: a verified person on the roster. */
type Member = { actor: PersonActor; person: NonNullable<FormScope['person']> };

/**
 * Routes the lead forms: the commands that open them, the menu, and every button of their cards.
 * Each press is answered the same way whichever form it belongs to: who asks comes from the
 * activity; the card's data is parsed strictly; the department it names is authorised for the
 * verb's action; only then does the form's handler run.
 */
export class FormDispatch {
  private readonly verbs = new Map<string, FormVerb>();
  private readonly byName = new Map<FormName, FormDefinition>();

  constructor(private readonly forms: readonly FormDefinition[]) {
    for (const form of forms) {
      this.byName.set(form.name, form);
      for (const verb of form.verbs) {
        if (this.verbs.has(verb.verb) || verb.verb === OPEN_FORM_VERB) {
          throw new Error(`two form buttons share the verb ${verb.verb}`);
        }
        this.verbs.set(verb.verb, verb);
      }
    }
  }

  /** The forms, in menu order. */
  get definitions(): readonly FormDefinition[] {
    return this.forms;
  }

  /** True for a verb of a form's button (or the menu's). */
  knows(verb: unknown): boolean {
    return typeof verb === 'string' && (verb === OPEN_FORM_VERB || this.verbs.has(verb));
  }

  /** True when a message is the `Action.Submit` fallback of a form's button. */
  isSubmit(value: unknown): boolean {
    const verb = (value as { verb?: unknown } | null)?.verb;
    return typeof verb === 'string' && this.knows(verb) && isSubmitOf(verb, value);
  }

  /** An `Action.Execute` press: the card Teams shows in its place. */
  async answer(
    context: TurnContext,
    verb: string,
    data: unknown,
    deps: BotDeps,
  ): Promise<Attachment> {
    const asker = await whoIsAsking(context.activity, deps);
    if (asker.actor.kind !== 'person' || !asker.person) {
      return renderNoticeCard({
        title: 'Not on the roster',
        text: `${notOnRosterText(context.activity)} Nothing was saved.`,
      });
    }
    const member: Member = { actor: asker.actor, person: asker.person };
    if (verb === OPEN_FORM_VERB) {
      let input: z.output<typeof openFormData>;
      try {
        input = parseInput(openFormData, data, 'data');
      } catch (error) {
        return unreadable(error);
      }
      const departmentId = input.departmentId === '' ? undefined : input.departmentId;
      return this.open(context, member, deps, input.form, departmentId);
    }
    const formVerb = this.verbs.get(verb);
    if (!formVerb) return unreadable(new ValidationError('verb', 'one-of', 'an unknown button'));
    let input: { departmentId: string };
    try {
      input = parseInput(formVerb.data, data, 'data');
    } catch (error) {
      return unreadable(error);
    }
    const department = await findDepartment(deps, input.departmentId);
    if (!department || department.id !== input.departmentId) {
      return renderNoticeCard({
        title: 'Nothing saved',
        text: `There is no department ${input.departmentId}. Type **forms** for a new card.`,
      });
    }
    const decision = decide(member.actor, formVerb.action, { departmentId: department.id });
    if (!decision.allowed) return refusalCard(decision, context);
    return formVerb.answer({ context, ...member, department, deps }, input);
  }

  /** The `Action.Submit` fallback: the same answer, in place of the card when Teams says which. */
  async answerSubmit(context: TurnContext, deps: BotDeps): Promise<void> {
    const { verb, ...data } = context.activity.value as { verb: string };
    const card = await this.answer(context, verb, data, deps);
    await replaceSubmittedCard(context, card, 'Racial equity forms');
  }

  /**
   * A typed command: `forms` (the menu) or a form's word, optionally with a department id for the
   * officer (`toolkit MHD`). Only in a 1:1 chat: forms list a department's people and drafts.
   */
  async command(
    context: TurnContext,
    deps: BotDeps,
    form: FormName | undefined,
    named?: string,
  ): Promise<void> {
    const asker = await whoIsAsking(context.activity, deps);
    if (asker.actor.kind !== 'person' || !asker.person) {
      await context.sendActivity(notOnRosterText(context.activity));
      return;
    }
    if (!isPersonalConversation(context.activity)) {
      await context.sendActivity(
        "The forms show your department's records and drafts, so I open them only in our 1:1 chat: open a chat with me and type **forms**.",
      );
      return;
    }
    const member: Member = { actor: asker.actor, person: asker.person };
    const allowed = decide(member.actor, 'forms.open');
    if (!allowed.allowed) {
      await context.sendActivity(refusalText(allowed, context.activity));
      return;
    }
    let departmentId: string | undefined;
    if (named !== undefined) {
      const department = await findDepartment(deps, named);
      if (!department) {
        await context.sendActivity(
          `There is no department ${named.slice(0, 20)}. Type **forms** and pick it from the list.`,
        );
        return;
      }
      departmentId = department.id;
    }
    const card = await this.open(context, member, deps, form, departmentId);
    const reply = MessageFactory.attachment(card);
    reply.summary = form
      ? (this.byName.get(form)?.title ?? 'Racial equity forms')
      : 'Racial equity forms';
    await context.sendActivity(reply);
  }

  /**
   * A form (or the menu, without `form`) for a department: the asker's own, or the one named. The
   * officer, who has none, gets the menu with a department choice.
   */
  private async open(
    context: TurnContext,
    member: Member,
    deps: BotDeps,
    form: FormName | undefined,
    departmentId: string | undefined,
  ): Promise<Attachment> {
    const isOfficer = member.actor.role === 'officer';
    const wanted = departmentId ?? (isOfficer ? undefined : member.person.departmentId);
    const definition = form ? this.byName.get(form) : undefined;
    const action = definition?.action ?? 'forms.open';
    const mayOpen = decide(member.actor, action, wanted ? { departmentId: wanted } : undefined);
    if (!mayOpen.allowed) return refusalCard(mayOpen, context);
    const departments = await deps.store.listDepartments();
    const department = wanted ? departments.find((d) => d.id === wanted) : undefined;
    if (!department || !definition) {
      return renderFormsMenuCard(
        formsMenuCardModel({
          forms: this.forms.map((f) => ({
            name: f.name,
            command: f.command,
            title: f.title,
            description: f.description,
          })),
          ...(department && !isOfficer ? { department } : {}),
          departments,
          ...(department ? { departmentId: department.id } : {}),
          ...(form && !department ? { error: 'Pick the department first.' } : {}),
        }),
      );
    }
    return definition.open({ context, ...member, department, deps });
  }
}

function refusalCard(decision: Extract<Decision, { allowed: false }>, context: TurnContext) {
  const offRoster = decision.reason === 'not-on-roster' || decision.reason === 'unauthenticated';
  return renderNoticeCard({
    title: offRoster ? 'Not on the roster' : 'Not allowed',
    text: `${refusalText(decision, context.activity)} Nothing was saved.`,
  });
}

/** A card whose data reap cannot read (an old card, a tampered client). */
function unreadable(error: unknown): Attachment {
  if (!(error instanceof ValidationError)) throw error;
  return renderNoticeCard({
    title: 'Nothing saved',
    text: `This card sent something reap does not accept (${error.message}), so nothing was saved. Type **forms** for a new card.`,
  });
}
