import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ApiClient } from '../../api/api-client';
import { DepartmentDetail } from '../DepartmentDetail/DepartmentDetail';
import { useDepartmentTabStyles } from './DepartmentTab.styles';

export type DepartmentTabProps = {
  api: ApiClient;
  /** The department the channel tab was saved for; undefined when its address names none. */
  departmentId: string | undefined;
};

/**
 * A department's channel tab: its progress against the plan for everyone in the channel. The
 * server sends the names of who has not confirmed only to the Equity Officer and the department's
 * leads and Ambassadors; everyone else sees the counts.
 */
export function DepartmentTab({ api, departmentId }: DepartmentTabProps) {
  const styles = useDepartmentTabStyles();
  if (!departmentId) {
    return (
      <MessageBar intent="warning" layout="multiline" data-testid="department-missing">
        <MessageBarBody>
          <MessageBarTitle>This tab does not say which department it shows</MessageBarTitle>A team
          owner can choose the department again: open the menu beside the tab's name, then Settings.
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <div className={styles.root} data-testid="department-tab">
      <DepartmentDetail api={api} departmentId={departmentId} headingLevel={1} />
      <p className={styles.note}>
        Everyone in this channel sees the department's figures. Its leads and Ambassadors also see
        who has not confirmed a training, so they can help them.
      </p>
    </div>
  );
}
