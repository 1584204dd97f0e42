import { toolkitForm } from './toolkit-form';
import { reltForm } from './relt-form';
import { ambassadorsForm } from './ambassadors-form';
import { visionForm } from './vision-form';
import { impactStatementForm } from './impact-statement-form';
import { strategyStatusForm } from './strategy-status-form';
import { meetingForm } from './meeting-form';
import { outreachForm } from './outreach-form';
import { FormDispatch } from './form-dispatch';
import type { FormDefinition } from './form-kit';

/** Every lead form, in the order of the `forms` menu. */
export const FORMS: readonly FormDefinition[] = [
  toolkitForm,
  reltForm,
  ambassadorsForm,
  visionForm,
  impactStatementForm,
  strategyStatusForm,
  meetingForm,
  outreachForm,
];

/** The dispatch of every form's commands and buttons. */
export function formDispatch(): FormDispatch {
  return new FormDispatch(FORMS);
}
