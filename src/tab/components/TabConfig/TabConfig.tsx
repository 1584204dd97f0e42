import {
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import { departmentOfEntity, departmentTabConfig, inferDepartment } from '../../host/tab-address';
import type { Host, TabConfigHost } from '../../host/teams-host';
import { LoadProblem } from '../LoadProblem/LoadProblem';
import { useTabConfigStyles } from './TabConfig.styles';
import { useDepartments, type Department } from './useDepartments';

export type TabConfigProps = {
  api: ApiClient;
  host: Host;
};

/** Teams' configuration frame, when the page runs in one (adding or changing a channel tab). */
function configHost(host: Host): TabConfigHost | undefined {
  return host.kind === 'teams' && host.place.frameContext === 'settings' ? host.config : undefined;
}

/** The department to start on: the tab's own when it is being changed, else the team's if known. */
function preselected(host: Host, departments: Department[]): Department | undefined {
  if (host.kind !== 'teams') return undefined;
  const saved = departmentOfEntity(host.place.pageId);
  if (saved) return departments.find((d) => d.id === saved);
  return inferDepartment(departments, [
    host.place.team?.displayName,
    host.place.channel?.displayName,
  ]);
}

/**
 * The channel tab's configuration page (`?view=config`): the person adding reap to a channel picks
 * the department it shows; Teams' Save then stores the tab's address for it (`pages.config`).
 * Outside Teams it links to the department's page instead.
 */
export function TabConfig({ api, host }: TabConfigProps) {
  const styles = useTabConfigStyles();
  const config = configHost(host);
  const { state, reload } = useDepartments(api);
  const departments = state.status === 'loaded' ? state.departments : undefined;
  const [chosenId, setChosenId] = useState<string>();
  const chosen =
    departments?.find((d) => d.id === chosenId) ??
    (chosenId === undefined && departments ? preselected(host, departments) : undefined);

  // Teams calls the save handler registered once; it reads the choice at the time of the save.
  const chosenRef = useRef<Department>();
  chosenRef.current = chosen;
  useEffect(() => {
    if (!config) return;
    config.onSave((event) => {
      const department = chosenRef.current;
      if (!department) {
        event.notifyFailure('Choose the department this tab shows.');
        return;
      }
      config.setConfig(departmentTabConfig(window.location.origin, department)).then(
        () => event.notifySuccess(),
        (error: unknown) =>
          event.notifyFailure(error instanceof Error ? error.message : String(error)),
      );
    });
  }, [config]);
  // Teams' Save button is enabled only once a department is chosen.
  useEffect(() => {
    config?.setValidityState(chosen !== undefined);
  }, [config, chosen]);

  const tab = chosen ? departmentTabConfig(window.location.origin, chosen) : undefined;
  return (
    <div className={styles.root} data-testid="tab-config">
      <h1 className={styles.title}>Show a department's progress in this channel</h1>
      <p className={styles.text}>
        Choose the department whose progress on the Racial Equity Action Plan this tab shows.
        Everyone in the channel sees its figures; its leads and Ambassadors also see who has not
        confirmed a training.
      </p>
      {state.status === 'failed' ? (
        <LoadProblem error={state.error} what="list of departments" onRetry={reload} />
      ) : !departments ? (
        <Spinner className={styles.loading} label="Loading the departments…" />
      ) : (
        <>
          <Field label="Department" required>
            <Select
              data-testid="department-picker"
              value={chosen?.id ?? ''}
              onChange={(_event, data) => setChosenId(data.value)}
            >
              <option value="" disabled>
                Choose a department
              </option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({d.id})
                </option>
              ))}
            </Select>
          </Field>
          {tab && (
            <p className={styles.preview} data-testid="tab-name-preview">
              The tab will be named “{tab.suggestedDisplayName}”.
            </p>
          )}
          {!config && (
            <MessageBar intent="info" layout="multiline" data-testid="config-outside-teams">
              <MessageBarBody>
                Teams shows this page when someone adds reap to a channel, and saves the choice
                there.{' '}
                {tab ? (
                  <>
                    Outside Teams, open the department's page:{' '}
                    <Link href={tab.websiteUrl} data-testid="department-page-link">
                      {chosen?.name}
                    </Link>
                    .
                  </>
                ) : (
                  'Outside Teams, choose a department to open its page.'
                )}
              </MessageBarBody>
            </MessageBar>
          )}
        </>
      )}
    </div>
  );
}
