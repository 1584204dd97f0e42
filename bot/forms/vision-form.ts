import type { Attachment } from 'botbuilder';
import { z } from 'zod';
import { toIsoDate, ValidationError, type VisionStatement } from '../../src/domain';
import { NOTE_MAX, recordId } from '../../src/server/input/limits';
import { VisionService, type VisionField } from '../../src/services/forms/vision-service';
import {
  renderVisionCard,
  visionCardModel,
  type RecorderNames,
  type VisionValues,
} from '../cards/vision-card';
import { renderVisionResultCard, visionResultCardModel } from '../cards/vision-result-card';
import {
  formVerb,
  messagesFor,
  NOTHING_WAS_SAVED,
  type FormDefinition,
  type FormMessages,
  type FormScope,
} from './form-kit';

/** The `verb` of the vision card's button (`bot/cards/vision.json`). */
export const ADOPT_VISION_VERB = 'adoptVision';

const FIELDS: readonly VisionField[] = ['text', 'adoptedOn'];

/**
 * The vision card's data: the department, the id the card was rendered with, the statement and
 * its adoption date. Shape only. The statement may run past its column's 63,999 characters here
 * so that the service, not this check, refuses it beside the field.
 */
const adoptData = z.strictObject({
  departmentId: recordId(),
  visionId: recordId(),
  text: z
    .string()
    .max(2 * NOTE_MAX)
    .optional(),
  adoptedOn: z.string().max(32).optional(),
});

const service = (scope: FormScope) =>
  new VisionService(scope.deps.store, scope.deps.clock, scope.deps.plan);

/** The names of who recorded each version (and of the asker), for the cards. */
async function recorderNames(
  scope: FormScope,
  versions: readonly VisionStatement[],
): Promise<RecorderNames> {
  const names = new Map<string, string>([[scope.person.id, scope.person.displayName]]);
  for (const id of new Set(versions.map((v) => v.recordedBy))) {
    if (names.has(id)) continue;
    const person = await scope.deps.store.getPerson(id);
    if (person) names.set(id, person.displayName);
  }
  return names;
}

/** The vision form of the scope's department, with what was entered and messages, if any. */
async function visionFormCard(
  scope: FormScope,
  options: { visionId?: string; values?: VisionValues } & FormMessages<VisionField> = {},
): Promise<Attachment> {
  const versions = await service(scope).versions(scope.department.id);
  return renderVisionCard(
    visionCardModel({
      department: scope.department,
      versions,
      recorders: await recorderNames(scope, versions),
      plan: scope.deps.plan,
      today: toIsoDate(scope.deps.clock.now()),
      ...options,
    }),
  );
}

/**
 * The vision statement form: the vision as adopted, its earlier versions, and a new version
 * (text and adoption date). The card carries the id the new version is stored under, so Teams
 * resending the press stores it once.
 */
export const visionForm: FormDefinition = {
  name: 'vision',
  command: 'vision',
  title: 'Vision statement',
  description: "Adopt your department's racial equity vision statement; earlier versions are kept.",
  action: 'vision.adopt',
  open: (scope) => visionFormCard(scope),
  verbs: [
    formVerb({
      verb: ADOPT_VISION_VERB,
      data: adoptData,
      action: 'vision.adopt',
      async answer(scope, input) {
        const values = { text: input.text ?? '', adoptedOn: input.adoptedOn ?? '' };
        try {
          const outcome = await service(scope).adopt({
            actor: scope.person,
            department: scope.department,
            visionId: input.visionId,
            ...values,
          });
          return renderVisionResultCard(
            visionResultCardModel({
              outcome,
              department: scope.department,
              recorders: await recorderNames(scope, outcome.versions),
            }),
          );
        } catch (error) {
          // A card whose id names another department's vision gets a fresh id.
          const otherVision = error instanceof ValidationError && error.field === 'visionId';
          return visionFormCard(scope, {
            ...(otherVision ? {} : { visionId: input.visionId }),
            values,
            ...messagesFor(error, FIELDS, {}, { suffix: NOTHING_WAS_SAVED }),
          });
        }
      },
    }),
  ],
};
