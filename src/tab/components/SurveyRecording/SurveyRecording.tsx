import type { ApiClient } from '../../api/api-client';
import type { SurveyImportReport } from '../../api/api-types';
import { formatCount } from '../../text/plan-text';
import { CsvImport } from '../CsvImport/CsvImport';
import { FocusGroupForm } from '../FocusGroupForm/FocusGroupForm';
import { SurveyEntry } from '../SurveyEntry/SurveyEntry';
import { useDepartments } from '../TabConfig/useDepartments';
import { useSurveyRecordingStyles } from './SurveyRecording.styles';

export type SurveyRecordingProps = {
  api: ApiClient;
  /** The year the hand entry starts on: the newest the survey holds. */
  defaultYear?: number;
  /** Called after anything was stored, so the page reads the survey again. */
  onRecorded: () => void;
};

/** The columns of a survey file, as the server reads them. */
const SURVEY_CSV_COLUMNS = ['year', 'department', 'question', 'group', 'respondents', 'value'];

/** What a good survey file stores: `12 results (4 replacing stored ones) for 2021`. */
function describeImport(r: Extract<SurveyImportReport, { ok: true }>): string {
  const replaced = r.replaced ? ` (${formatCount(r.replaced)} replacing stored ones)` : '';
  return `${formatCount(r.stored)} results${replaced} for ${r.years.join(', ')}`;
}

/**
 * What the Equity Officer records on the survey page (the server refuses anyone else): survey
 * results imported from a file or entered by hand, and focus groups logged.
 */
export function SurveyRecording({ api, defaultYear, onRecorded }: SurveyRecordingProps) {
  const styles = useSurveyRecordingStyles();
  const { state } = useDepartments(api);
  // Until the departments are read (or if they cannot be), a result can still be the city's.
  const departments = state.status === 'loaded' ? state.departments : [];
  return (
    <div className={styles.root} data-testid="survey-recording">
      <div className={styles.pair}>
        <CsvImport
          api={api}
          path="/api/survey/import"
          title="Import survey results"
          columns={SURVEY_CSV_COLUMNS}
          hint="Department empty, or citywide, for a result of the whole city. Aggregates only: how many answered and the result, per group; a result already stored for the same year, department, question and group is replaced."
          describe={describeImport}
          onImported={onRecorded}
          testIdPrefix="survey"
        />
        <FocusGroupForm api={api} departments={departments} onLogged={onRecorded} />
      </div>
      <SurveyEntry
        api={api}
        departments={departments}
        defaultYear={defaultYear}
        onStored={onRecorded}
      />
    </div>
  );
}
