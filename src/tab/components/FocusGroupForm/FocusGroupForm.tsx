import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
} from '@fluentui/react-components';
import { Save16Regular } from '@fluentui/react-icons';
import { useId, useState, type FormEvent } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { DepartmentsResponse, FocusGroupView } from '../../api/api-types';
import {
  fieldProblems,
  NO_PROBLEMS,
  typedNumber,
  type FieldProblems,
} from '../../api/field-problems';
import { formatPlanDate } from '../../text/plan-text';
import { problemText } from '../LoadProblem/problem-text';
import { usePageLayoutStyles } from '../PageLayout/page-layout.styles';
import { useFocusGroupFormStyles } from './FocusGroupForm.styles';

export type FocusGroupFormProps = {
  api: ApiClient;
  /** The departments to choose from, by name. */
  departments: DepartmentsResponse['departments'];
  /** Called after the focus group was logged, so the list reads it again. */
  onLogged: () => void;
};

/** The fields of `POST /api/survey/focus-groups`, as the form names them. */
const FIELDS = ['heldOn', 'topic', 'participants', 'departmentId'] as const;
type FocusGroupField = (typeof FIELDS)[number];
type FocusGroupFormValues = Record<FocusGroupField, string>;

type Outcome =
  | { status: 'idle' }
  | { status: 'sending' }
  | { status: 'logged'; group: Pick<FocusGroupView, 'heldOn' | 'topic'> }
  | { status: 'refused'; problems: FieldProblems };

const EMPTY: FocusGroupFormValues = { heldOn: '', topic: '', participants: '', departmentId: '' };

/**
 * Logs a focus group (`POST /api/survey/focus-groups`): the day it was held, its topic, how many
 * took part and, if it was one department's, which. What the server refuses is shown beside the
 * field it names, and nothing is logged.
 */
export function FocusGroupForm({ api, departments, onLogged }: FocusGroupFormProps) {
  const styles = useFocusGroupFormStyles();
  const layout = usePageLayoutStyles();
  const headingId = useId();
  const [values, setValues] = useState<FocusGroupFormValues>(EMPTY);
  const [outcome, setOutcome] = useState<Outcome>({ status: 'idle' });
  const sending = outcome.status === 'sending';
  const problems = outcome.status === 'refused' ? outcome.problems : NO_PROBLEMS;

  const change = (field: FocusGroupField, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (outcome.status === 'logged') setOutcome({ status: 'idle' });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome({ status: 'sending' });
    try {
      const { focusGroup } = await api.post<{ focusGroup: FocusGroupView }>(
        '/api/survey/focus-groups',
        {
          heldOn: values.heldOn,
          topic: values.topic,
          participants: typedNumber(values.participants),
          ...(values.departmentId ? { departmentId: values.departmentId } : {}),
        },
      );
      setOutcome({ status: 'logged', group: focusGroup });
      setValues(EMPTY);
      onLogged();
    } catch (error) {
      const known = (field: string) => FIELDS.find((f) => f === field);
      setOutcome({ status: 'refused', problems: fieldProblems(error, known) });
    }
  };

  const field = (name: FocusGroupField) => ({
    validationMessage: problems.byField.get(name),
    'data-testid': `focus-group-${name}-field`,
  });
  return (
    <section className={layout.panel} aria-labelledby={headingId} data-testid="focus-group-form">
      <h2 id={headingId} className={layout.sectionTitle}>
        Log a focus group
      </h2>
      <p className={layout.intro}>
        The list below shows the number of people only where it is no small figure.
      </p>
      <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
        <div className={styles.line}>
          <Field label="Held on" required className={styles.heldOn} {...field('heldOn')}>
            <Input
              type="date"
              value={values.heldOn}
              onChange={(_e, d) => change('heldOn', d.value)}
              data-testid="focus-group-held-on"
            />
          </Field>
          <Field
            label="People who took part"
            required
            className={styles.participants}
            {...field('participants')}
          >
            <Input
              inputMode="numeric"
              value={values.participants}
              onChange={(_e, d) => change('participants', d.value)}
              data-testid="focus-group-participants"
            />
          </Field>
        </div>
        <Field label="Topic" required {...field('topic')}>
          <Input
            value={values.topic}
            onChange={(_e, d) => change('topic', d.value)}
            data-testid="focus-group-topic"
          />
        </Field>
        <Field label="Department" className={styles.department} {...field('departmentId')}>
          <Select
            value={values.departmentId}
            onChange={(_e, d) => change('departmentId', d.value)}
            data-testid="focus-group-department"
          >
            <option value="">Citywide (no department)</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </Select>
        </Field>
        <Button
          type="submit"
          appearance="primary"
          className={styles.submit}
          icon={sending ? <Spinner size="extra-tiny" /> : <Save16Regular />}
          disabled={sending}
          data-testid="focus-group-submit"
        >
          Log the focus group
        </Button>
      </form>
      <LogOutcome outcome={outcome} />
    </section>
  );
}

function LogOutcome({ outcome }: { outcome: Outcome }) {
  if (outcome.status === 'logged') {
    return (
      <MessageBar intent="success" role="status" data-testid="focus-group-logged">
        <MessageBarBody>
          <MessageBarTitle>Logged</MessageBarTitle>
          &ldquo;{outcome.group.topic}&rdquo;, {formatPlanDate(outcome.group.heldOn)}.
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (outcome.status !== 'refused') return null;
  const { other } = outcome.problems;
  if (other === undefined) {
    return (
      <MessageBar intent="error" role="alert" data-testid="focus-group-refused">
        <MessageBarBody>
          <MessageBarTitle>Nothing was logged</MessageBarTitle>
          Correct the field marked above.
        </MessageBarBody>
      </MessageBar>
    );
  }
  const { title, message, nextStep } = problemText(other, 'focus group');
  return (
    <MessageBar intent="error" layout="multiline" role="alert" data-testid="focus-group-problem">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {message} Nothing was logged. {nextStep}
      </MessageBarBody>
    </MessageBar>
  );
}
