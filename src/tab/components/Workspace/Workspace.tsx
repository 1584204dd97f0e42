import { Spinner, Tab, TabList } from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import { CitywideView } from '../CitywideView/CitywideView';
import { useWorkspaceStyles } from './Workspace.styles';
import { useMe } from './useMe';

// Only the Equity Officer opens the review queue, the audit log and the training waves, so their
// code loads when they do.
const AuditLog = lazy(() => import('../AuditLog/AuditLog').then((m) => ({ default: m.AuditLog })));
const TrainingWaves = lazy(() =>
  import('../TrainingWaves/TrainingWaves').then((m) => ({ default: m.TrainingWaves })),
);
const ReviewQueue = lazy(() =>
  import('../ReviewQueue/ReviewQueue').then((m) => ({ default: m.ReviewQueue })),
);
const AnnualReport = lazy(() =>
  import('../AnnualReport/AnnualReport').then((m) => ({ default: m.AnnualReport })),
);
const Indicators = lazy(() =>
  import('../Indicators/Indicators').then((m) => ({ default: m.Indicators })),
);
const Survey = lazy(() => import('../Survey/Survey').then((m) => ({ default: m.Survey })));

type Page = 'progress' | 'reviews' | 'waves' | 'audit' | 'report' | 'indicators' | 'survey';
const PAGES: readonly Page[] = [
  'progress',
  'reviews',
  'waves',
  'audit',
  'report',
  'indicators',
  'survey',
];

export type WorkspaceProps = {
  api: ApiClient;
};

/**
 * `?page=reviews` (or `waves`, `audit`, `report`, `indicators`, `survey`) opens that page: deep
 * links from the officer's cards.
 */
function pageInAddress(): Page {
  const page = new URLSearchParams(window.location.search).get('page');
  return PAGES.find((p) => p === page) ?? 'progress';
}

/**
 * The tab's pages for the signed-in person: citywide progress for everyone the server lets see
 * it, and, for the Equity Officer, the toolkit review queue, the training waves, the audit log,
 * the annual report, the Health Department's indicators and the diversity survey beside it.
 */
export function Workspace({ api }: WorkspaceProps) {
  const styles = useWorkspaceStyles();
  const me = useMe(api);
  const [page, setPage] = useState<Page>(pageInAddress);
  /** Bumped after a review, so the progress figures are read again. */
  const [reviews, setReviews] = useState(0);
  const officer = me?.role === 'officer';
  const shown: Page = officer ? page : 'progress';
  const openWaves = useCallback(() => setPage('waves'), []);
  const onReviewed = useCallback(() => setReviews((n) => n + 1), []);
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
          <Tab value="reviews">Review queue</Tab>
          <Tab value="waves">Training waves</Tab>
          <Tab value="audit">Audit log</Tab>
          <Tab value="report">Annual report</Tab>
          <Tab value="indicators">Indicators</Tab>
          <Tab value="survey">Survey</Tab>
        </TabList>
      )}
      {shown === 'report' ? (
        <Suspense
          fallback={<Spinner className={styles.loading} label="Loading the annual report…" />}
        >
          <AnnualReport api={api} />
        </Suspense>
      ) : shown === 'indicators' ? (
        <Suspense fallback={<Spinner className={styles.loading} label="Loading the indicators…" />}>
          <Indicators api={api} />
        </Suspense>
      ) : shown === 'survey' ? (
        <Suspense fallback={<Spinner className={styles.loading} label="Loading the survey…" />}>
          <Survey api={api} />
        </Suspense>
      ) : shown === 'audit' ? (
        <Suspense fallback={<Spinner className={styles.loading} label="Loading the audit log…" />}>
          <AuditLog api={api} />
        </Suspense>
      ) : shown === 'waves' ? (
        <Suspense
          fallback={<Spinner className={styles.loading} label="Loading the training waves…" />}
        >
          <TrainingWaves api={api} />
        </Suspense>
      ) : shown === 'reviews' ? (
        <Suspense
          fallback={<Spinner className={styles.loading} label="Loading the review queue…" />}
        >
          <ReviewQueue api={api} onReviewed={onReviewed} />
        </Suspense>
      ) : (
        <CitywideView
          api={api}
          onOpenWaves={officer ? openWaves : undefined}
          refreshToken={reviews}
        />
      )}
    </div>
  );
}
