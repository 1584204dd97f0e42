import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { ArrowClockwise16Regular } from '@fluentui/react-icons';
import { problemText } from './problem-text';

export type LoadProblemProps = {
  /** What failed to load. */
  error: unknown;
  /** What the page was loading, in words: "citywide progress". */
  what: string;
  onRetry?: () => void;
};

/** A clear, polite error: what went wrong, and what to do next, with a retry button. */
export function LoadProblem({ error, what, onRetry }: LoadProblemProps) {
  const { title, message, nextStep } = problemText(error, what);
  return (
    <MessageBar intent="error" layout="multiline" role="alert" data-testid="load-problem">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {message} {nextStep}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button icon={<ArrowClockwise16Regular />} onClick={onRetry}>
            Try again
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
