import { Spinner, Tab, TabList } from '@fluentui/react-components';
import { Suspense, lazy, useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import { CitywideView } from '../CitywideView/CitywideView';
import { useWorkspaceStyles } from './Workspace.styles';
import { useMe } from './useMe';

// Only the Equity Officer opens the audit log and the training waves, so their code loads when
// they do.
const AuditLog = lazy(() => import('../AuditLog/AuditLog').then((m) => ({ default: m.AuditLog })));
const TrainingWaves = lazy(() =>
  import('../TrainingWaves/TrainingWaves').then((m) => ({ default: m.TrainingWaves })),
);

type Page = 'progress' | 'waves' | 'audit';

export type WorkspaceProps = {
  api: ApiClient;
};

/**
 * The tab's pages for the signed-in person: citywide progress for everyone the server lets see
 * it, and, for the Equity Officer, the training waves and the audit log beside it.
 */
export function Workspace({ api }: WorkspaceProps) {
  const styles = useWorkspaceStyles();
  const me = useMe(api);
  const [page, setPage] = useState<Page>('progress');
  const officer = me?.role === 'officer';
  const shown: Page = officer ? page : 'progress';
  return (
    <div className={styles.root}>
      {officer && (
        <TabList
          className={styles.pages}
          selectedValue={shown}
          onTabSelect={(_event, data) => setPage(data.value as Page)}
          aria-label="Pages"
        >
          <Tab value="progress">Progress</Tab>
          <Tab value="waves">Training waves</Tab>
          <Tab value="audit">Audit log</Tab>
        </TabList>
      )}
      {shown === 'audit' ? (
        <Suspense fallback={<Spinner className={styles.loading} label="Loading the audit log…" />}>
          <AuditLog api={api} />
        </Suspense>
      ) : shown === 'waves' ? (
        <Suspense
          fallback={<Spinner className={styles.loading} label="Loading the training waves…" />}
        >
          <TrainingWaves api={api} />
        </Suspense>
      ) : (
        <CitywideView api={api} />
      )}
    </div>
  );
}
