import { Button, Spinner } from '@fluentui/react-components';
import { ArrowDownload16Regular } from '@fluentui/react-icons';
import { useState, type ReactNode } from 'react';
import type { ApiClient } from '../../api/api-client';
import { problemText } from '../LoadProblem/problem-text';
import { useFileDownloadStyles } from './FileDownload.styles';
import { saveBlob } from './save-blob';

export type FileDownloadProps = {
  api: ApiClient;
  /** The API path of the file, e.g. `/api/reports/2021.docx`. */
  path: string;
  /** The name to save under when the server suggests none. */
  fileName: string;
  /** What is downloaded, in words, for the error message: "the Word report". */
  what: string;
  /** The button's text. */
  children: ReactNode;
  /** @default false */
  disabled?: boolean;
  /** @default 'secondary' */
  appearance?: 'primary' | 'secondary';
  'data-testid'?: string;
};

type DownloadState =
  { status: 'idle' } | { status: 'fetching' } | { status: 'failed'; error: unknown };

/**
 * A button that fetches a file from the API with the person's credentials and saves it; while
 * fetching it says so, and a failure is said beside it.
 */
export function FileDownload({
  api,
  path,
  fileName,
  what,
  children,
  disabled,
  appearance = 'secondary',
  'data-testid': testId,
}: FileDownloadProps) {
  const styles = useFileDownloadStyles();
  const [state, setState] = useState<DownloadState>({ status: 'idle' });
  const fetching = state.status === 'fetching';
  const download = async () => {
    setState({ status: 'fetching' });
    try {
      const file = await api.file(path);
      saveBlob(file.blob, file.fileName ?? fileName);
      setState({ status: 'idle' });
    } catch (error) {
      setState({ status: 'failed', error });
    }
  };
  const problem = state.status === 'failed' ? problemText(state.error, what) : undefined;
  return (
    <span className={styles.root}>
      <Button
        appearance={appearance}
        icon={fetching ? <Spinner size="extra-tiny" /> : <ArrowDownload16Regular />}
        disabled={disabled || fetching}
        onClick={() => void download()}
        data-testid={testId}
      >
        {children}
      </Button>
      {problem && (
        <span role="alert" className={styles.problem}>
          {problem.title}: {problem.message}
        </span>
      )}
    </span>
  );
}
