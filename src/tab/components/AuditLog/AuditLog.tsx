import {
  Button,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  mergeClasses,
} from '@fluentui/react-components';
import { ArrowClockwise16Regular } from '@fluentui/react-icons';
import type { ApiClient } from '../../api/api-client';
import type { AuditEntryView } from '../../api/api-types';
import { LoadProblem } from '../LoadProblem/LoadProblem';
import { usePageLayoutStyles } from '../PageLayout/page-layout.styles';
import { useAuditLogStyles } from './AuditLog.styles';
import { actionLabel, changeText, formatInstant } from './audit-text';
import { useAuditLog } from './useAuditLog';

export type AuditLogProps = {
  api: ApiClient;
};

/**
 * The Equity Officer's audit log: every record created, changed or reviewed, and every campaign,
 * newest first, with who did it, when, and what changed. Nobody can edit it, the officer included.
 */
export function AuditLog({ api }: AuditLogProps) {
  const styles = useAuditLogStyles();
  const layout = usePageLayoutStyles();
  const { state, reload } = useAuditLog(api);
  const refreshing = state.status === 'loading';
  return (
    <section
      className={mergeClasses(layout.root, layout.compact)}
      aria-labelledby="audit-heading"
      data-testid="audit-log"
    >
      <header className={layout.headerBar}>
        <div>
          <h1 id="audit-heading" className={layout.title}>
            Audit log
          </h1>
          <p className={layout.intro}>
            Every change made in reap, newest first: who made it, when, and what it recorded.
            Entries are kept as written; nobody can edit or remove them.
          </p>
        </div>
        <Button
          icon={refreshing ? <Spinner size="extra-tiny" /> : <ArrowClockwise16Regular />}
          disabled={refreshing}
          onClick={reload}
        >
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </Button>
      </header>
      {state.status === 'failed' && (
        <LoadProblem error={state.error} what="audit log" onRetry={reload} />
      )}
      {state.entries ? (
        <AuditTable entries={state.entries} />
      ) : (
        state.status === 'loading' && (
          <Spinner className={styles.loading} label="Loading the audit log…" />
        )
      )}
    </section>
  );
}

function AuditTable({ entries }: { entries: AuditEntryView[] }) {
  const styles = useAuditLogStyles();
  if (entries.length === 0) {
    return <p className={styles.empty}>Nothing has been changed in reap yet.</p>;
  }
  return (
    <Table className={styles.table} aria-label="Audit log entries" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>When</TableHeaderCell>
          <TableHeaderCell>Who</TableHeaderCell>
          <TableHeaderCell>What</TableHeaderCell>
          <TableHeaderCell>Record</TableHeaderCell>
          <TableHeaderCell>Change</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((entry) => (
          <TableRow key={entry.id} data-testid={`audit-${entry.id}`}>
            <TableCell className={styles.when}>
              <time dateTime={entry.at}>{formatInstant(entry.at)}</time>
            </TableCell>
            <TableCell>{entry.actorName ?? entry.actorId}</TableCell>
            <TableCell>{actionLabel(entry.action)}</TableCell>
            <TableCell>
              {entry.recordType} {entry.recordId}
            </TableCell>
            <TableCell className={styles.change}>{changeText(entry)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
