import type { CitywideProgress } from '../../api/api-types';
import { DepartmentScorecard } from '../DepartmentScorecard/DepartmentScorecard';
import { useDepartmentListStyles } from './DepartmentList.styles';

export type DepartmentListProps = {
  departments: CitywideProgress['departments'];
  trainings: CitywideProgress['trainings'];
  terms: CitywideProgress['plan']['terms'];
  today: string;
};

/** Every department's scorecard, in the order the server gives (by name). */
export function DepartmentList({ departments, trainings, terms, today }: DepartmentListProps) {
  const styles = useDepartmentListStyles();
  return (
    <ul className={styles.list} aria-label="Departments" data-testid="department-list">
      {departments.map((department) => (
        <li key={department.departmentId}>
          <DepartmentScorecard
            department={department}
            trainings={trainings}
            terms={terms}
            today={today}
          />
        </li>
      ))}
    </ul>
  );
}
