import {
  Button,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import {
  ArrowDownload16Regular,
  ChevronDown16Regular,
  ChevronRight16Regular,
} from '@fluentui/react-icons';
import { useId, useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { CampaignView, RecipientView } from '../../api/api-types';
import { notReachedCount, recipientStatusText } from '../../text/campaign-text';
import { formatCount } from '../../text/plan-text';
import { LoadProblem } from '../LoadProblem/LoadProblem';
import { useNotReachedListStyles } from './NotReachedList.styles';
import { saveCsv } from '../CsvExport/download-csv';
import { notReachedCsv } from './not-reached-csv';
import { useDepartmentNames } from './useDepartmentNames';
import { useNotReached } from './useNotReached';

/** Rows drawn on the page; the CSV has them all. */
const SHOWN_ROWS = 200;

export type NotReachedListProps = {
  api: ApiClient;
  campaign: CampaignView;
  /** Names the campaign in the download's file name: `anti-racism-wave-3`. */
  fileStem: string;
};

/**
 * "People not reached" of one campaign: a button that shows the list (who, their department,
 * what happened and why), read when first opened, and a CSV download of it.
 */
export function NotReachedList({ api, campaign, fileStem }: NotReachedListProps) {
  const styles = useNotReachedListStyles();
  const regionId = useId();
  const [expanded, setExpanded] = useState(false);
  const total = notReachedCount(campaign.counts);
  const { state, reload } = useNotReached(api, campaign.id, expanded, total);
  const departments = useDepartmentNames(api, expanded);
  const people = 'people' in state ? state.people : undefined;
  const departmentName = (id: string) => departments.get(id);

  return (
    <div className={styles.root}>
      <Button
        className={styles.toggle}
        appearance="subtle"
        icon={expanded ? <ChevronDown16Regular /> : <ChevronRight16Regular />}
        aria-expanded={expanded}
        aria-controls={regionId}
        onClick={() => setExpanded((e) => !e)}
        data-testid="not-reached-toggle"
      >
        People not reached ({formatCount(total)})
      </Button>
      {expanded && (
        <div id={regionId} className={styles.region} data-testid="not-reached">
          {state.status === 'failed' && (
            <LoadProblem error={state.error} what="list of people not reached" onRetry={reload} />
          )}
          {people ? (
            <>
              <div className={styles.bar}>
                <p className={styles.note}>
                  {people.length > SHOWN_ROWS
                    ? `Showing the first ${formatCount(SHOWN_ROWS)} of ${formatCount(people.length)}, by department; the download has everyone.`
                    : `${formatCount(people.length)} ${people.length === 1 ? 'person' : 'people'}, by department.`}{' '}
                  Their department's lead can help them install reap or reach them another way.
                </p>
                <Button
                  icon={<ArrowDownload16Regular />}
                  disabled={people.length === 0}
                  onClick={() =>
                    saveCsv(
                      notReachedCsv(people, departmentName),
                      `people-not-reached-${fileStem}.csv`,
                    )
                  }
                >
                  Download CSV
                </Button>
              </div>
              {people.length > 0 && (
                <PeopleTable people={people.slice(0, SHOWN_ROWS)} departmentName={departmentName} />
              )}
            </>
          ) : (
            state.status !== 'failed' && (
              <Spinner size="small" label="Loading the people not reached…" />
            )
          )}
        </div>
      )}
    </div>
  );
}

type PeopleTableProps = {
  people: RecipientView[];
  departmentName: (departmentId: string) => string | undefined;
};

function PeopleTable({ people, departmentName }: PeopleTableProps) {
  const styles = useNotReachedListStyles();
  return (
    // Scrolls on its own: focusable, so a keyboard can scroll it too.
    <div className={styles.scroll} role="region" aria-label="People not reached" tabIndex={0}>
      <Table size="small" aria-label="People not reached">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Name</TableHeaderCell>
            <TableHeaderCell>Department</TableHeaderCell>
            <TableHeaderCell>What happened</TableHeaderCell>
            <TableHeaderCell>Details</TableHeaderCell>
            <TableHeaderCell>Confirmed since</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {people.map((p) => (
            <TableRow key={p.personId} data-testid={`not-reached-${p.personId}`}>
              <TableCell>{p.displayName}</TableCell>
              <TableCell>
                {departmentName(p.departmentId) ?? p.departmentId}
                {departmentName(p.departmentId) && ` (${p.departmentId})`}
              </TableCell>
              <TableCell className={styles.nowrap}>{recipientStatusText(p.status)}</TableCell>
              <TableCell className={styles.detail}>{p.detail ?? ''}</TableCell>
              <TableCell>{p.confirmed ? 'Yes' : 'No'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
