import {
  Field,
  Input,
  Link,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { ErrorCircle12Filled, Search16Regular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import type { CitywideProgress, DepartmentProgress, TierProgress } from '../../api/api-types';
import { TIER_NAMES, completionText, formatCount, formatPlanDate } from '../../text/plan-text';
import {
  RELT_TEXT,
  RULE_ORDER,
  departmentsText,
  ruleName,
  rulesMetText,
} from '../../text/progress-text';
import { CsvExport } from '../CsvExport/CsvExport';
import { csvFileName } from '../CsvExport/csv-table';
import { StatusBadge } from '../StatusBadge/StatusBadge';
import { useScorecardTableStyles } from './ScorecardTable.styles';
import {
  scorecardCsv,
  tierColumn,
  tierDueOn,
  trainingTiers,
  visibleDepartments,
  type ColumnKey,
  type RuleFilter,
  type ScorecardFilter,
  type ScorecardSort,
} from './scorecard-columns';

export type ScorecardTableProps = {
  data: CitywideProgress;
  sort: ScorecardSort;
  onSortChange: (sort: ScorecardSort) => void;
  filter: ScorecardFilter;
  onFilterChange: (filter: ScorecardFilter) => void;
  /** The training whose tiers the table shows (the CSV has every training). */
  trainingId: string;
  onTrainingChange: (trainingId: string) => void;
  /** A department's name was pressed (click, or Enter on it). */
  onOpenDepartment: (departmentId: string) => void;
};

/**
 * A completion figure in a narrow cell: the percentage, and under it the counts; read as one
 * phrase, `62% (5 of 8)`.
 */
function FigureText({
  figure,
  testId,
}: {
  figure: { percent: number; completed: number; required: number };
  testId: string;
}) {
  const styles = useScorecardTableStyles();
  if (figure.required === 0) {
    return (
      <span className={styles.detail} data-testid={testId}>
        {completionText(figure)}
      </span>
    );
  }
  return (
    <span className={styles.number} data-testid={testId}>
      {figure.percent}%{' '}
      <span className={styles.counts}>
        ({formatCount(figure.completed)} of {formatCount(figure.required)})
      </span>
    </span>
  );
}

type Column = {
  key: ColumnKey;
  /** The head's text, and a second line under it. */
  title: string;
  detail?: string;
  /** Sorting by it starts high-to-low (figures) or A-to-Z (names). */
  firstDirection: 'ascending' | 'descending';
  cell: (d: DepartmentProgress) => ReactNode;
};

/**
 * Every department against every rule of the plan, as a table a screen reader reads: a column per
 * rule, sortable by any (the heads are buttons, `aria-sort` says the order), filtered by name and
 * by the rule not met, one training's tiers at a time; the name opens the department.
 */
export function ScorecardTable({
  data,
  sort,
  onSortChange,
  filter,
  onFilterChange,
  trainingId,
  onTrainingChange,
  onOpenDepartment,
}: ScorecardTableProps) {
  const styles = useScorecardTableStyles();
  const { terms } = data.plan;
  const training = data.trainings.find((t) => t.id === trainingId) ?? data.trainings[0];
  const rows = visibleDepartments(data.departments, filter, sort);
  const tiers = training ? trainingTiers(data.departments, training.id) : [];

  const tierCell = (d: DepartmentProgress, t: TierProgress | undefined) => {
    if (!t || t.required === 0) return <span className={styles.detail}>none required</span>;
    return (
      <span className={styles.cellStack}>
        <FigureText figure={t} testId={`training-${d.departmentId}-${t.trainingId}-${t.tier}`} />
        {t.behind ? (
          <span className={styles.late}>
            <ErrorCircle12Filled aria-hidden /> past due
          </span>
        ) : t.state === 'not_open' ? (
          <span className={styles.detail}>not open yet</span>
        ) : null}
      </span>
    );
  };

  const columns: Column[] = [
    {
      key: 'rulesMet',
      title: 'Rules met',
      detail: `of ${RULE_ORDER.length}`,
      firstDirection: 'descending',
      cell: (d) => (
        <StatusBadge status={d.unmet.length === 0 ? 'met' : 'attention'} size="small">
          {rulesMetText(d)}
        </StatusBadge>
      ),
    },
    {
      key: 'staff',
      title: 'Staff',
      firstDirection: 'descending',
      cell: (d) => (
        <span className={styles.number} data-testid="headcount">
          {formatCount(d.headcount)}
        </span>
      ),
    },
    {
      key: 'relt',
      title: terms.leadershipTeamShort,
      detail: 'two leads, one senior',
      firstDirection: 'descending',
      cell: (d) => (
        <StatusBadge
          status={
            d.relt.status === 'formed'
              ? 'met'
              : d.relt.status === 'invalid'
                ? 'problem'
                : 'attention'
          }
          size="small"
        >
          {RELT_TEXT[d.relt.status]}
        </StatusBadge>
      ),
    },
    {
      key: 'vision',
      title: 'Vision',
      firstDirection: 'descending',
      cell: (d) => (
        <span className={styles.cellStack}>
          <StatusBadge status={d.vision.adopted ? 'met' : 'attention'} size="small">
            {d.vision.adopted ? 'Adopted' : 'Not adopted'}
          </StatusBadge>
          {d.vision.adoptedOn && (
            <span className={styles.detail}>{formatPlanDate(d.vision.adoptedOn)}</span>
          )}
        </span>
      ),
    },
    {
      key: 'ambassadors',
      title: terms.ambassadors,
      detail: 'per 100 staff',
      firstDirection: 'descending',
      cell: (d) => (
        <span className={styles.cellStack}>
          <span className={styles.number} data-testid="ambassadors">
            {formatCount(d.ambassadors)}
          </span>
          <span className={styles.detail}>
            {d.ambassadorsPer100.toLocaleString(undefined, { maximumFractionDigits: 1 })} per 100
          </span>
        </span>
      ),
    },
    {
      key: 'toolkitTraining',
      title: 'Toolkit training',
      detail: `${terms.leadershipTeamShort} and managers`,
      firstDirection: 'descending',
      cell: (d) => (
        <span className={styles.cellStack}>
          <FigureText figure={d.toolkitTraining} testId="toolkit-training" />
          {d.toolkitTraining.behind && (
            <span className={styles.late}>
              <ErrorCircle12Filled aria-hidden /> past due
            </span>
          )}
        </span>
      ),
    },
    ...tiers.map((tier): Column => ({
      key: tierColumn(training?.id ?? '', tier),
      title: TIER_NAMES[tier].full,
      detail: (() => {
        const due = training && tierDueOn(data.departments, training.id, tier);
        return due ? `due ${formatPlanDate(due)}` : undefined;
      })(),
      firstDirection: 'descending',
      cell: (d) =>
        tierCell(
          d,
          d.training.find((t) => t.trainingId === training?.id && t.tier === tier),
        ),
    })),
    {
      key: 'toolkit',
      title: 'Toolkit analyses',
      detail: 'accepted: new, existing',
      firstDirection: 'descending',
      cell: (d) => (
        <span className={styles.cellStack}>
          <StatusBadge status={d.toolkit.meetsRule ? 'met' : 'attention'} size="small">
            {d.toolkit.meetsRule ? 'Met' : 'Not met'}
          </StatusBadge>
          <span className={styles.number} data-testid="toolkit">
            {formatCount(d.toolkit.newAnalysed)} new, {formatCount(d.toolkit.existingAnalysed)}{' '}
            existing
          </span>
          {d.toolkit.awaitingReview + d.toolkit.returned + d.toolkit.drafts > 0 && (
            <span className={styles.detail}>
              {[
                d.toolkit.awaitingReview ? `${d.toolkit.awaitingReview} awaiting review` : '',
                d.toolkit.returned ? `${d.toolkit.returned} returned` : '',
                d.toolkit.drafts ? `${d.toolkit.drafts} draft` : '',
              ]
                .filter(Boolean)
                .join(', ')}
            </span>
          )}
        </span>
      ),
    },
    {
      key: 'impactStatements',
      title: terms.impactStatementShort,
      detail: 'guided',
      firstDirection: 'descending',
      cell: (d) => (
        <span className={styles.number} data-testid="impact-statements">
          {formatCount(d.impactStatements)}
        </span>
      ),
    },
    {
      key: 'strategies',
      title: 'Strategies',
      detail: `on track, ${data.quarter}`,
      firstDirection: 'descending',
      cell: (d) => (
        <span className={styles.cellStack}>
          <span className={styles.number} data-testid="strategies">
            {formatCount(d.strategies.onTrack)} of {formatCount(d.strategies.responsible)}
          </span>
          {d.strategies.notReported > 0 && (
            <span className={styles.detail}>{d.strategies.notReported} not reported</span>
          )}
        </span>
      ),
    },
    {
      key: 'partnership',
      title: 'Partnership',
      detail: 'a meeting each quarter',
      firstDirection: 'descending',
      cell: (d) => (
        <span className={styles.cellStack}>
          <StatusBadge status={d.partnership.kept ? 'met' : 'attention'} size="small">
            {d.partnership.kept ? 'Kept' : 'Not kept'}
          </StatusBadge>
          <span className={styles.detail}>
            {formatCount(d.partnership.meetings)}{' '}
            {d.partnership.meetings === 1 ? 'meeting' : 'meetings'}
            {d.partnership.overdue ? ', one overdue' : ''}
          </span>
        </span>
      ),
    },
  ];

  const sortBy = (column: ColumnKey, firstDirection: Column['firstDirection']) => {
    onSortChange(
      sort.column === column
        ? { column, direction: sort.direction === 'ascending' ? 'descending' : 'ascending' }
        : { column, direction: firstDirection },
    );
  };
  const direction = (column: ColumnKey) => (sort.column === column ? sort.direction : undefined);
  const sortedBy =
    sort.column === 'department'
      ? 'name'
      : (columns.find((c) => c.key === sort.column)?.title ?? 'name').toLowerCase();

  return (
    <div className={styles.root}>
      <div className={styles.controls}>
        <Field label="Find a department" className={styles.search}>
          <Input
            type="search"
            contentBefore={<Search16Regular />}
            value={filter.text}
            onChange={(_e, d) => onFilterChange({ ...filter, text: d.value })}
            placeholder="Name or ID"
            data-testid="scorecard-search"
          />
        </Field>
        <Field label="Show" className={styles.select}>
          <Select
            value={filter.rule}
            onChange={(_e, d) => onFilterChange({ ...filter, rule: d.value as RuleFilter })}
            data-testid="scorecard-rule-filter"
          >
            <option value="all">Every department</option>
            <option value="allMet">Meeting every rule</option>
            <option value="anyUnmet">Not meeting some rule</option>
            {RULE_ORDER.map((rule) => (
              <option key={rule} value={`unmet:${rule}`}>
                Not met: {ruleName(rule, terms).short}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Training by tier" className={styles.select}>
          <Select
            value={training?.id ?? ''}
            onChange={(_e, d) => onTrainingChange(d.value)}
            data-testid="scorecard-training"
          >
            {data.trainings.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </Select>
        </Field>
        <div className={styles.export}>
          <CsvExport
            what="the scorecard as shown"
            fileName={csvFileName('scorecard', data.today)}
            table={() => scorecardCsv(rows, data, terms)}
            disabled={rows.length === 0}
            data-testid="scorecard-csv"
          />
        </div>
      </div>
      <p className={styles.count} role="status" data-testid="scorecard-count">
        {rows.length === data.departments.length
          ? `All ${departmentsText(rows.length)}`
          : `${departmentsText(rows.length)} of ${formatCount(data.departments.length)}`}
        , sorted by {sortedBy}{' '}
        {sort.column === 'department'
          ? sort.direction === 'ascending'
            ? '(A to Z)'
            : '(Z to A)'
          : sort.direction === 'ascending'
            ? '(lowest first)'
            : '(highest first)'}
        .
      </p>
      <div className={styles.scroll}>
        <Table
          sortable
          className={styles.table}
          size="extra-small"
          aria-label={`Scorecard: every department against every rule of the plan; training shown: ${training?.title ?? ''}`}
          data-testid="department-list"
        >
          <TableHeader>
            <TableRow>
              <TableHeaderCell
                className={styles.nameHead}
                scope="col"
                sortDirection={direction('department')}
                onClick={() => sortBy('department', 'ascending')}
                data-testid="sort-department"
              >
                Department
              </TableHeaderCell>
              {columns.map((c) => (
                <TableHeaderCell
                  key={c.key}
                  className={styles.head}
                  scope="col"
                  sortDirection={direction(c.key)}
                  onClick={() => sortBy(c.key, c.firstDirection)}
                  data-testid={`sort-${c.key}`}
                >
                  <span className={styles.headText}>
                    {c.title}
                    {c.detail && <span className={styles.headDetail}>{c.detail}</span>}
                  </span>
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((d) => (
              <TableRow
                key={d.departmentId}
                className={styles.row}
                data-testid={`dept-row-${d.departmentId}`}
                // The name is the keyboard's way in; a click anywhere on the row does the same.
                onClick={() => onOpenDepartment(d.departmentId)}
              >
                <TableCell className={styles.cell}>
                  <span className={styles.cellStack}>
                    <Link
                      as="button"
                      className={styles.name}
                      onClick={(event) => {
                        event.stopPropagation();
                        onOpenDepartment(d.departmentId);
                      }}
                      data-department-id={d.departmentId}
                      data-testid="department-link"
                    >
                      {d.name}
                    </Link>
                    <span className={styles.detail}>{d.departmentId}</span>
                  </span>
                </TableCell>
                {columns.map((c) => (
                  <TableCell key={c.key} className={styles.cell} data-testid={`cell-${c.key}`}>
                    {c.cell(d)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {rows.length === 0 && (
          <p className={styles.empty}>
            No department matches. Clear the search or choose another filter.
          </p>
        )}
      </div>
    </div>
  );
}
