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
import { Add16Regular, Delete16Regular, Save16Regular } from '@fluentui/react-icons';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { DepartmentsResponse, SurveyImportReport } from '../../api/api-types';
import { fieldProblems, NO_PROBLEMS, type FieldProblems } from '../../api/field-problems';
import { formatCount } from '../../text/plan-text';
import { problemText } from '../LoadProblem/problem-text';
import { usePageLayoutStyles } from '../PageLayout/page-layout.styles';
import { useSurveyEntryStyles } from './SurveyEntry.styles';
import {
  entryFieldOf,
  rowField,
  surveyEntryRequest,
  type EntryRow,
  type SurveyEntryForm,
} from './survey-entry-request';

export type SurveyEntryProps = {
  api: ApiClient;
  /** The departments to choose from, by name. */
  departments: DepartmentsResponse['departments'];
  /** The year the form starts on: the newest the survey holds, if any. */
  defaultYear?: number;
  /** Called after the results were stored, so the page reads them again. */
  onStored: () => void;
};

type Outcome =
  | { status: 'idle' }
  | { status: 'sending' }
  | { status: 'stored'; stored: number; replaced: number; question: string }
  | { status: 'refused'; problems: FieldProblems };

let nextKey = 0;
const emptyRow = (): EntryRow => ({ key: nextKey++, group: '', respondents: '', value: '' });

/**
 * Enters one department's (or the city's) survey results for one question and year by hand
 * (`POST /api/survey/results`): a row per group with its respondents and result. The server
 * checks everything; what it refuses is shown beside the field it names, and nothing is stored.
 */
export function SurveyEntry({ api, departments, defaultYear, onStored }: SurveyEntryProps) {
  const styles = useSurveyEntryStyles();
  const layout = usePageLayoutStyles();
  const headingId = useId();
  const [form, setForm] = useState<SurveyEntryForm>(() => ({
    year: defaultYear === undefined ? '' : String(defaultYear),
    departmentId: '',
    question: '',
    rows: [emptyRow(), emptyRow()],
  }));
  const [outcome, setOutcome] = useState<Outcome>({ status: 'idle' });
  // The survey may load after the form: its newest year fills a year not typed yet.
  useEffect(() => {
    if (defaultYear !== undefined) {
      setForm((f) => (f.year ? f : { ...f, year: String(defaultYear) }));
    }
  }, [defaultYear]);
  const lastGroup = useRef<HTMLInputElement>(null);
  const sending = outcome.status === 'sending';
  const problems = outcome.status === 'refused' ? outcome.problems : NO_PROBLEMS;
  const problem = (field: string) => problems.byField.get(field);

  const change = (patch: Partial<SurveyEntryForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    if (outcome.status === 'stored') setOutcome({ status: 'idle' });
  };
  const changeRow = (key: number, patch: Partial<EntryRow>) =>
    change({ rows: form.rows.map((r) => (r.key === key ? { ...r, ...patch } : r)) });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { body, rowKeys } = surveyEntryRequest(form);
    setOutcome({ status: 'sending' });
    try {
      const report = await api.post<SurveyImportReport>('/api/survey/results', body);
      if (!report.ok) throw new Error('The server stored nothing and gave no reason.');
      setOutcome({
        status: 'stored',
        stored: report.stored,
        replaced: report.replaced,
        question: body.question,
      });
      // The question and year stay for the next department; the groups start again.
      setForm((f) => ({ ...f, rows: [emptyRow(), emptyRow()] }));
      onStored();
    } catch (error) {
      setOutcome({
        status: 'refused',
        problems: fieldProblems(error, (field, line) => entryFieldOf(field, rowKeys, line)),
      });
    }
  };

  return (
    <section className={layout.panel} aria-labelledby={headingId} data-testid="survey-entry">
      <h2 id={headingId} className={layout.sectionTitle}>
        Enter results by hand
      </h2>
      <p className={layout.intro}>
        One department&rsquo;s results (or the city&rsquo;s, for a question not asked by department)
        for one question: for each group, how many answered and the result. Results already stored
        for the same group are replaced.
      </p>
      <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
        <div className={styles.line}>
          <Field
            label="Year"
            required
            className={styles.year}
            validationMessage={problem('year')}
            data-testid="survey-entry-year-field"
          >
            <Input
              inputMode="numeric"
              value={form.year}
              onChange={(_e, d) => change({ year: d.value })}
              data-testid="survey-entry-year"
            />
          </Field>
          <Field
            label="Department"
            className={styles.department}
            validationMessage={problem('departmentId')}
            data-testid="survey-entry-department-field"
          >
            <Select
              value={form.departmentId}
              onChange={(_e, d) => change({ departmentId: d.value })}
              data-testid="survey-entry-department"
            >
              <option value="">Citywide (no department)</option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Field
          label="Question"
          required
          validationMessage={problem('question')}
          data-testid="survey-entry-question-field"
        >
          <Input
            value={form.question}
            onChange={(_e, d) => change({ question: d.value })}
            data-testid="survey-entry-question"
          />
        </Field>
        <fieldset
          className={styles.groups}
          aria-describedby={problem('results') ? `${headingId}-groups-problem` : undefined}
        >
          <legend className={styles.legend}>Groups</legend>
          {form.rows.map((row, i) => (
            <div key={row.key} className={styles.row} data-testid={`survey-entry-row-${i}`}>
              {(
                [
                  ['group', `Group ${i + 1}`, 'text'],
                  ['respondents', `Respondents, group ${i + 1}`, 'numeric'],
                  ['value', `Result, group ${i + 1}`, 'decimal'],
                ] as const
              ).map(([column, label, inputMode]) => (
                <Field
                  key={column}
                  label={label}
                  required
                  className={styles[column]}
                  validationMessage={problem(rowField(row.key, column))}
                  data-testid={`survey-entry-${column}-field`}
                >
                  <Input
                    ref={column === 'group' && i === form.rows.length - 1 ? lastGroup : undefined}
                    inputMode={inputMode}
                    value={row[column]}
                    onChange={(_e, d) => changeRow(row.key, { [column]: d.value })}
                    data-testid={`survey-entry-${column}`}
                  />
                </Field>
              ))}
              <Button
                className={styles.remove}
                appearance="subtle"
                icon={<Delete16Regular />}
                aria-label={`Remove group ${i + 1}`}
                disabled={form.rows.length === 1}
                onClick={() => change({ rows: form.rows.filter((r) => r.key !== row.key) })}
              />
            </div>
          ))}
          {problem('results') && (
            <p id={`${headingId}-groups-problem`} className={styles.problem} role="alert">
              {problem('results')}
            </p>
          )}
        </fieldset>
        <div className={styles.line}>
          <Button
            icon={<Add16Regular />}
            disabled={form.rows.length >= 50}
            onClick={() => {
              change({ rows: [...form.rows, emptyRow()] });
              // The new row's group is where the person types next.
              requestAnimationFrame(() => lastGroup.current?.focus());
            }}
            data-testid="survey-entry-add"
          >
            Add a group
          </Button>
          <Button
            type="submit"
            appearance="primary"
            icon={sending ? <Spinner size="extra-tiny" /> : <Save16Regular />}
            disabled={sending}
            data-testid="survey-entry-submit"
          >
            Store the results
          </Button>
        </div>
      </form>
      <EntryOutcome outcome={outcome} />
    </section>
  );
}

function EntryOutcome({ outcome }: { outcome: Outcome }) {
  if (outcome.status === 'stored') {
    const replaced = outcome.replaced
      ? ` (${formatCount(outcome.replaced)} replacing stored ones)`
      : '';
    return (
      <MessageBar intent="success" role="status" data-testid="survey-entry-done">
        <MessageBarBody>
          <MessageBarTitle>Stored</MessageBarTitle>
          {formatCount(outcome.stored)} results{replaced} for &ldquo;{outcome.question}&rdquo;.
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (outcome.status !== 'refused') return null;
  const { problems } = outcome;
  if (problems.other !== undefined) {
    const { title, message, nextStep } = problemText(problems.other, 'survey entry');
    return (
      <MessageBar intent="error" layout="multiline" role="alert" data-testid="survey-entry-problem">
        <MessageBarBody>
          <MessageBarTitle>{title}</MessageBarTitle>
          {message} Nothing was stored. {nextStep}
        </MessageBarBody>
      </MessageBar>
    );
  }
  const count = problems.byField.size;
  return (
    <MessageBar intent="error" layout="multiline" role="alert" data-testid="survey-entry-refused">
      <MessageBarBody>
        <MessageBarTitle>Nothing was stored</MessageBarTitle>
        {count === 1 ? 'One field needs' : `${formatCount(count)} fields need`} correcting: see
        beside {count === 1 ? 'it' : 'them'}.
      </MessageBarBody>
    </MessageBar>
  );
}
