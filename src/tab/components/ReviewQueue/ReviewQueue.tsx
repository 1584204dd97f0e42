import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Spinner,
  Textarea,
  mergeClasses,
} from '@fluentui/react-components';
import {
  ArrowClockwise16Regular,
  ArrowUndo16Regular,
  Checkmark16Regular,
} from '@fluentui/react-icons';
import { useRef, useState } from 'react';
import { ApiError, type ApiClient } from '../../api/api-client';
import type { CitywideProgress, ToolkitAnalysisView } from '../../api/api-types';
import { formatCount, formatPlanDate } from '../../text/plan-text';
import { toolkitText } from '../../text/progress-text';
import { KIND_TEXT, TOOLKIT_STEP_TEXT } from '../../text/toolkit-text';
import { CsvExport } from '../CsvExport/CsvExport';
import { csvFileName } from '../CsvExport/csv-table';
import { LoadProblem } from '../LoadProblem/LoadProblem';
import { usePageLayoutStyles } from '../PageLayout/page-layout.styles';
import { useReviewQueueStyles } from './ReviewQueue.styles';
import { reviewQueueCsv } from './review-csv';
import { useReviewQueue } from './useReviewQueue';

export type ReviewQueueProps = {
  api: ApiClient;
  /** An analysis was accepted or returned: the figures elsewhere have moved. */
  onReviewed?: () => void;
};

type Notice = { intent: 'success' | 'warning' | 'error'; text: string };

/** A department's toolkit figures in one sentence, as the scorecard counts them. */
function departmentFigures(progress: CitywideProgress | undefined, departmentId: string): string {
  const d = progress?.departments.find((x) => x.departmentId === departmentId);
  if (!d) return '';
  const t = toolkitText(d.toolkit);
  return `${d.name}: ${t.accepted}${t.pending ? `; ${t.pending}` : ''}; rule ${
    d.toolkit.meetsRule ? 'met' : 'not met'
  }.`;
}

/**
 * The Equity Officer's review queue: every toolkit analysis submitted for review, oldest first,
 * each opening to its six steps, to accept or to return with a comment. After a review the queue
 * and the department's figures are read again.
 */
export function ReviewQueue({ api, onReviewed }: ReviewQueueProps) {
  const styles = useReviewQueueStyles();
  const layout = usePageLayoutStyles();
  const { state, reload } = useReviewQueue(api);
  const [notice, setNotice] = useState<Notice>();
  const noticeRef = useRef<HTMLDivElement>(null);
  const analyses = state.analyses;

  const reviewed = async (analysis: ToolkitAnalysisView, decision: 'accept' | 'return') => {
    const progress = await reload();
    onReviewed?.();
    const done = decision === 'accept' ? 'Accepted' : 'Returned';
    const figures = departmentFigures(progress, analysis.departmentId);
    setNotice({
      intent: 'success',
      text: `${done} "${analysis.title}" of ${analysis.departmentName}${
        decision === 'return' ? '; the lead is told in chat, with your comment' : ''
      }. ${figures}`,
    });
    // The item is gone from the list: the outcome takes the focus, so it is heard.
    requestAnimationFrame(() => noticeRef.current?.focus());
  };
  const stale = async (message: string) => {
    await reload();
    setNotice({ intent: 'warning', text: `${message} The queue has been read again.` });
    requestAnimationFrame(() => noticeRef.current?.focus());
  };

  return (
    <section
      className={mergeClasses(layout.root, layout.compact)}
      aria-labelledby="review-heading"
      data-testid="review-queue"
    >
      <header className={layout.headerBar}>
        <div>
          <h1 id="review-heading" className={layout.title}>
            Toolkit analyses to review
          </h1>
          <p className={layout.intro}>
            Each analysis a department submitted, oldest first. Open one to read its six steps, then
            accept it (it then counts for the plan) or return it to the department with a comment
            saying what to change.
          </p>
        </div>
        <div className={styles.actions}>
          <CsvExport
            what="the review queue"
            fileName={csvFileName('review-queue', new Date().toISOString().slice(0, 10))}
            table={() => reviewQueueCsv(analyses ?? [])}
            disabled={!analyses || analyses.length === 0}
            data-testid="review-csv"
          />
          <Button
            icon={
              state.status === 'loading' ? (
                <Spinner size="extra-tiny" />
              ) : (
                <ArrowClockwise16Regular />
              )
            }
            disabled={state.status === 'loading'}
            onClick={() => void reload()}
          >
            {state.status === 'loading' && analyses ? 'Refreshing…' : 'Refresh'}
          </Button>
        </div>
      </header>

      <div ref={noticeRef} tabIndex={-1} role="status" data-testid="review-notice">
        {notice && (
          <MessageBar intent={notice.intent} layout="multiline">
            <MessageBarBody>{notice.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>

      {state.status === 'failed' && (
        <LoadProblem error={state.error} what="review queue" onRetry={() => void reload()} />
      )}
      {!analyses ? (
        state.status === 'loading' && (
          <Spinner className={styles.loading} label="Loading the review queue…" />
        )
      ) : analyses.length === 0 ? (
        <p className={styles.empty} data-testid="review-empty">
          Nothing is waiting for review.
        </p>
      ) : (
        <>
          <p className={layout.intro} data-testid="review-count">
            {formatCount(analyses.length)} {analyses.length === 1 ? 'analysis' : 'analyses'}{' '}
            waiting.
          </p>
          <Accordion multiple collapsible className={styles.list}>
            {analyses.map((a) => (
              <AnalysisItem
                key={`${a.id}@${a.version}`}
                api={api}
                analysis={a}
                figures={departmentFigures(state.progress, a.departmentId)}
                onReviewed={reviewed}
                onStale={stale}
              />
            ))}
          </Accordion>
        </>
      )}
    </section>
  );
}

type AnalysisItemProps = {
  api: ApiClient;
  analysis: ToolkitAnalysisView;
  figures: string;
  onReviewed: (analysis: ToolkitAnalysisView, decision: 'accept' | 'return') => Promise<void>;
  onStale: (message: string) => Promise<void>;
};

function AnalysisItem({ api, analysis: a, figures, onReviewed, onStale }: AnalysisItemProps) {
  const styles = useReviewQueueStyles();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<'accept' | 'return'>();
  const [commentError, setCommentError] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const commentRef = useRef<HTMLTextAreaElement>(null);

  const submit = async (decision: 'accept' | 'return') => {
    setProblem(undefined);
    setCommentError(undefined);
    if (decision === 'return' && comment.trim() === '') {
      setCommentError('Say what the department should change: a comment is required to return it.');
      commentRef.current?.focus();
      return;
    }
    setBusy(decision);
    try {
      await api.reviewAnalysis(a.id, {
        decision,
        version: a.version,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      await onReviewed(a, decision);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.details.field === 'comment') {
        setCommentError(error.message);
        commentRef.current?.focus();
      } else if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        await onStale(error.message);
      } else {
        setProblem(error instanceof Error ? error.message : String(error));
      }
    } finally {
      setBusy(undefined);
    }
  };

  const submitted = a.submittedAt ? formatPlanDate(a.submittedAt.slice(0, 10)) : undefined;
  return (
    <AccordionItem value={a.id} className={styles.item} data-testid={`review-item-${a.id}`}>
      <AccordionHeader size="large" expandIconPosition="start">
        <span className={styles.headerText}>
          <span className={styles.itemTitle}>{a.title}</span>
          <span className={styles.itemMeta}>
            {a.departmentName} · {KIND_TEXT[a.kind]}
            {submitted ? ` · submitted ${submitted}` : ''}
            {a.authorName ? ` by ${a.authorName}` : ''}
          </span>
        </span>
      </AccordionHeader>
      <AccordionPanel className={styles.panel}>
        <dl className={styles.facts}>
          <dt className={styles.factName}>Department</dt>
          <dd className={styles.factValue}>
            {a.departmentName} ({a.departmentId})
          </dd>
          <dt className={styles.factName}>Its toolkit figures</dt>
          <dd className={styles.factValue} data-testid="review-figures">
            {figures || '—'}
          </dd>
          <dt className={styles.factName}>Kind</dt>
          <dd className={styles.factValue}>{KIND_TEXT[a.kind]}</dd>
          {a.councilFileNumber && (
            <>
              <dt className={styles.factName}>Council file</dt>
              <dd className={styles.factValue}>{a.councilFileNumber}</dd>
            </>
          )}
          {a.groupsBenefited && (
            <>
              <dt className={styles.factName}>Who benefits</dt>
              <dd className={styles.factValue}>{a.groupsBenefited}</dd>
            </>
          )}
          {a.groupsBurdened && (
            <>
              <dt className={styles.factName}>Who is burdened</dt>
              <dd className={styles.factValue}>{a.groupsBurdened}</dd>
            </>
          )}
          {a.resultingChange && (
            <>
              <dt className={styles.factName}>Resulting change</dt>
              <dd className={styles.factValue}>{a.resultingChange}</dd>
            </>
          )}
        </dl>
        <ol
          className={styles.steps}
          aria-label="The toolkit's six steps"
          data-testid="review-steps"
        >
          {TOOLKIT_STEP_TEXT.map((s) => (
            <li key={s.step}>
              <h3 className={styles.stepTitle}>{s.title}</h3>
              <p className={styles.question}>{s.question}</p>
              {a.steps[s.step] ? (
                <p className={styles.answer}>{a.steps[s.step]}</p>
              ) : (
                <p className={styles.missing}>Not answered.</p>
              )}
            </li>
          ))}
        </ol>
        <div className={styles.review}>
          <Field
            label="Comment for the department"
            hint="Required to return it; sent to the lead in chat."
            validationState={commentError ? 'error' : 'none'}
            validationMessage={commentError}
          >
            <Textarea
              ref={commentRef}
              value={comment}
              onChange={(_e, d) => setComment(d.value)}
              resize="vertical"
              maxLength={6000}
              data-testid="review-comment"
            />
          </Field>
          {problem && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>{problem} Try again.</MessageBarBody>
            </MessageBar>
          )}
          <div className={styles.buttons}>
            <Button
              appearance="primary"
              icon={busy === 'accept' ? <Spinner size="extra-tiny" /> : <Checkmark16Regular />}
              disabled={busy !== undefined}
              onClick={() => void submit('accept')}
              data-testid="review-accept"
            >
              Accept
            </Button>
            <Button
              icon={busy === 'return' ? <Spinner size="extra-tiny" /> : <ArrowUndo16Regular />}
              disabled={busy !== undefined}
              onClick={() => void submit('return')}
              data-testid="review-return"
            >
              Return with comment
            </Button>
          </div>
        </div>
      </AccordionPanel>
    </AccordionItem>
  );
}
