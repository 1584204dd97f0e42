import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { ArrowClockwise16Regular } from '@fluentui/react-icons';
import { ApiError } from '../../api/api-client';
import { problemText } from './problem-text';

export type LoadProblemProps = {
  /** What failed to load. */
  error: unknown;
  /** What the page was loading, in words: "citywide progress". */
  what: string;
  onRetry?: () => void;
};

/**
 * A clear, polite error: what went wrong, and what to do next, with a retry button. A page the
 * person's role does not open (403) is not an error: it is said plainly, and trying again would
 * not help, so there is no button.
 */
export function LoadProblem({ error, what, onRetry }: LoadProblemProps) {
  const { title, message, nextStep } = problemText(error, what);
  const refused = error instanceof ApiError && error.status === 403;
  return (
    <MessageBar
      intent={refused ? 'info' : 'error'}
      layout="multiline"
      role={refused ? 'status' : 'alert'}
      data-testid={refused ? 'access-refused' : 'load-problem'}
    >
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {message} {nextStep}
      </MessageBarBody>
      {onRetry && !refused && (
        <MessageBarActions>
          <Button icon={<ArrowClockwise16Regular />} onClick={onRetry}>
            Try again
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
