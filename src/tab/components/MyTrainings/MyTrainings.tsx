import {
  Button,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  Spinner,
} from '@fluentui/react-components';
import { CheckmarkCircle16Regular } from '@fluentui/react-icons';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, type ApiClient } from '../../api/api-client';
import type { MyTrainingView } from '../../api/api-types';
import { waveName } from '../../text/campaign-text';
import { formatPlanDate } from '../../text/plan-text';
import { StatusBadge, type StatusKind } from '../StatusBadge/StatusBadge';
import { useMyTrainingsStyles } from './MyTrainings.styles';

export type MyTrainingsProps = {
  api: ApiClient;
  trainings: MyTrainingView[];
  /** The server's today: the completion date offered first, and the latest the picker offers. */
  today: string;
  /** A training was confirmed: the page loads the plan again. */
  onConfirmed: () => void;
};

/** A training's standing in words, with the badge's look. */
export function trainingStatus(t: MyTrainingView): { status: StatusKind; text: string } {
  if (t.completedOn)
    return { status: 'met', text: `Completed on ${formatPlanDate(t.completedOn)}` };
  switch (t.state) {
    case 'not_open':
      return { status: 'neutral', text: `Opens ${formatPlanDate(t.opensOn)}` };
    case 'overdue':
      return { status: 'problem', text: 'Past due' };
    case 'closed':
      return { status: 'neutral', text: 'Closed' };
    case 'open':
      return { status: 'attention', text: 'To do' };
  }
}

/** Whether the person can confirm it now: not done, and its wave has opened. */
const confirmable = (t: MyTrainingView) => !t.completedOn && t.state !== 'not_open';

type Notice = { tone: 'success' | 'info'; text: string };

/**
 * The person's required trainings, each with its wave, due date and standing, and for those open
 * a confirm form: the day it was completed (today unless changed). The server checks the date;
 * what it refuses is said beside the field.
 */
export function MyTrainings({ api, trainings, today, onConfirmed }: MyTrainingsProps) {
  const styles = useMyTrainingsStyles();
  const [notice, setNotice] = useState<Notice>();
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The confirmed training's form is gone: focus goes to what happened, not to the page's top.
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  if (trainings.length === 0) {
    return <p data-testid="my-trainings-none">No training is required of you at the moment.</p>;
  }
  return (
    <>
      {notice && (
        <MessageBar
          ref={noticeRef}
          tabIndex={-1}
          intent={notice.tone}
          role="status"
          data-testid="my-trainings-notice"
        >
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      <ul className={styles.list} data-testid="my-trainings">
        {trainings.map((t) => (
          <TrainingItem
            key={t.trainingId}
            api={api}
            training={t}
            today={today}
            onConfirmed={(text, created) => {
              setNotice({ tone: created ? 'success' : 'info', text });
              onConfirmed();
            }}
          />
        ))}
      </ul>
    </>
  );
}

type TrainingItemProps = {
  api: ApiClient;
  training: MyTrainingView;
  today: string;
  onConfirmed: (text: string, created: boolean) => void;
};

/** What the server refused: the date (beside its field), or the confirmation as a whole. */
type Problem = { field?: 'completedOn'; message: string };

function problemOf(error: unknown): Problem {
  if (error instanceof ApiError) {
    if (error.status === 400 && error.details.field === 'completedOn') {
      return { field: 'completedOn', message: error.message };
    }
    if (error.status === 0) return { message: `${error.message} Nothing was recorded.` };
    return { message: error.message };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

function TrainingItem({ api, training: t, today, onConfirmed }: TrainingItemProps) {
  const styles = useMyTrainingsStyles();
  const [completedOn, setCompletedOn] = useState(today);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const dateRef = useRef<HTMLInputElement>(null);
  const { status, text } = trainingStatus(t);
  const headingId = `training-${t.trainingId}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setProblem(undefined);
    try {
      const { completion, created } = await api.completeTraining(t.trainingId, completedOn);
      const day = formatPlanDate(completion.completedOn);
      onConfirmed(
        created
          ? `Recorded: ${t.title}, completed on ${day}. Thank you.`
          : `${t.title} was already recorded as completed on ${day}.`,
        created,
      );
    } catch (error) {
      const found = problemOf(error);
      setProblem(found);
      if (found.field === 'completedOn') dateRef.current?.focus();
    } finally {
      setSaving(false);
    }
  };

  return (
    <li className={styles.item} data-testid={`my-training-${t.trainingId}`}>
      <div className={styles.about}>
        <h3 id={headingId} className={styles.title}>
          {t.title}
        </h3>
        <dl className={styles.facts}>
          <dt className={styles.term}>Wave</dt>
          <dd className={styles.value} data-testid="wave">
            {waveName(t)}
          </dd>
          <dt className={styles.term}>Due</dt>
          <dd className={styles.value} data-testid="due">
            {formatPlanDate(t.dueOn)}
          </dd>
          <dt className={styles.term}>Status</dt>
          <dd className={styles.value} data-testid="status">
            <StatusBadge status={status}>{text}</StatusBadge>
          </dd>
        </dl>
        <Link
          className={styles.courseLink}
          href={t.courseUrl}
          target="_blank"
          rel="noreferrer"
          aria-label={`Open the course: ${t.title}`}
        >
          Open the course
        </Link>
      </div>
      {confirmable(t) && (
        <form
          className={styles.form}
          aria-labelledby={headingId}
          onSubmit={(e) => void submit(e)}
          noValidate
        >
          {problem && !problem.field && (
            <MessageBar className={styles.problem} intent="error" layout="multiline" role="alert">
              <MessageBarBody>{problem.message}</MessageBarBody>
            </MessageBar>
          )}
          <Field
            className={styles.dateField}
            label="Completed on"
            hint="The day you took it; not later than today."
            validationMessage={problem?.field === 'completedOn' ? problem.message : undefined}
          >
            <Input
              ref={dateRef}
              type="date"
              max={today}
              value={completedOn}
              onChange={(_e, data) => setCompletedOn(data.value)}
            />
          </Field>
          <Button
            type="submit"
            appearance="primary"
            disabledFocusable={saving}
            icon={saving ? <Spinner size="extra-tiny" /> : <CheckmarkCircle16Regular />}
          >
            {saving ? 'Recording…' : 'Confirm completion'}
          </Button>
        </form>
      )}
    </li>
  );
}
