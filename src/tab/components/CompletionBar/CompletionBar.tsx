import { ProgressBar } from '@fluentui/react-components';
import { completionText, dueState, formatPlanDate } from '../../text/plan-text';
import { StatusBadge } from '../StatusBadge/StatusBadge';
import { useCompletionBarStyles } from './CompletionBar.styles';

/** One completion figure: how many of those required have completed, by when. */
export type CompletionFigure = {
  completed: number;
  required: number;
  percent: number;
  dueOn: string;
};

export type CompletionBarProps = {
  /** What is counted, as shown, e.g. "Senior managers". */
  label: string;
  /**
   * The bar's name for assistive technology when the label alone is ambiguous, e.g.
   * "Anti-racism in City government, senior managers".
   * @default label
   */
  accessibleName?: string;
  figure: CompletionFigure;
  /** The day the figures were computed, to tell an open wave from a past-due one. */
  today: string;
  /**
   * `regular`: label, bar, figure, due date and status; `compact`: bar and figure on one line, for
   * a table cell whose headers say what is counted (the label is then the bar's name only).
   * @default 'regular'
   */
  layout?: 'regular' | 'compact';
  /** Test id on the element whose text is the figure, e.g. "63% (412 of 654)". */
  figureTestId?: string;
};

/** A labelled progress bar whose figure is also written out, so it is read, not guessed. */
export function CompletionBar({
  label,
  accessibleName = label,
  figure,
  today,
  layout = 'regular',
  figureTestId,
}: CompletionBarProps) {
  const styles = useCompletionBarStyles();
  const text = completionText(figure);
  const state = dueState(figure, today);
  const bar = (
    <ProgressBar
      className={styles.bar}
      value={figure.required === 0 ? 0 : figure.completed}
      max={figure.required === 0 ? 1 : figure.required}
      color={state === 'complete' && figure.required > 0 ? 'success' : 'brand'}
      thickness={layout === 'compact' ? 'medium' : 'large'}
      aria-label={accessibleName}
      aria-valuetext={text}
    />
  );
  if (layout === 'compact') {
    return (
      <div className={styles.compact}>
        {bar}
        <span className={styles.compactFigure} data-testid={figureTestId}>
          {text}
        </span>
      </div>
    );
  }
  return (
    <div className={styles.regular}>
      <div className={styles.regularHead}>
        <span className={styles.label}>{label}</span>
        <span className={styles.figure} data-testid={figureTestId}>
          {text}
        </span>
      </div>
      {bar}
      <div className={styles.regularFoot}>
        <span>Due {formatPlanDate(figure.dueOn)}</span>
        {state === 'complete' ? (
          <StatusBadge status="met" size="small">
            Complete
          </StatusBadge>
        ) : state === 'past_due' ? (
          <StatusBadge status="problem" size="small">
            Past due
          </StatusBadge>
        ) : (
          <StatusBadge status="neutral" size="small">
            Open
          </StatusBadge>
        )}
      </div>
    </div>
  );
}
