import { FluentProvider, Spinner } from '@fluentui/react-components';
import { Suspense, lazy, useEffect, useMemo, type ComponentType } from 'react';
import { botIdFrom, tabViewFrom, type TabView } from '../../host/tab-address';
import { fluentTheme } from '../../theme/app-theme';
import { useAppStyles } from './App.styles';
import { useSession, type ReadySession } from './useSession';

/** What every view gets: the signed-in session and what the address asked for. */
type ViewProps = {
  session: ReadySession;
  view: TabView;
};

type ViewModule = { default: ComponentType<ViewProps> };

// Each view's code is loaded on demand, so a tab downloads only its own page: "My plan" never
// loads the officer's charts.
const VIEW_LOADERS: Record<TabView['name'], () => Promise<ViewModule>> = {
  citywide: () =>
    import('../Workspace/Workspace').then(({ Workspace }) => ({
      default: ({ session }: ViewProps) => <Workspace api={session.api} />,
    })),
  'my-plan': () =>
    import('../MyPlan/MyPlan').then(({ MyPlan }) => ({
      default: ({ session }: ViewProps) => (
        <MyPlan
          api={session.api}
          botId={botIdFrom(window.location.search)}
          openLink={session.host.kind === 'teams' ? session.host.openLink : undefined}
        />
      ),
    })),
  department: () =>
    import('../DepartmentTab/DepartmentTab').then(({ DepartmentTab }) => ({
      default: ({ session, view }: ViewProps) => (
        <DepartmentTab
          api={session.api}
          departmentId={view.name === 'department' ? view.departmentId : undefined}
        />
      ),
    })),
  config: () =>
    import('../TabConfig/TabConfig').then(({ TabConfig }) => ({
      default: ({ session }: ViewProps) => <TabConfig api={session.api} host={session.host} />,
    })),
  'annual-report': () =>
    import('../AnnualReport/AnnualReport').then(({ AnnualReport }) => ({
      default: ({ session }: ViewProps) => <AnnualReport api={session.api} />,
    })),
  indicators: () =>
    import('../Indicators/Indicators').then(({ Indicators }) => ({
      default: ({ session }: ViewProps) => <Indicators api={session.api} />,
    })),
  survey: () =>
    import('../Survey/Survey').then(({ Survey }) => ({
      default: ({ session }: ViewProps) => <Survey api={session.api} />,
    })),
};

const VIEWS = {
  citywide: lazy(VIEW_LOADERS.citywide),
  'my-plan': lazy(VIEW_LOADERS['my-plan']),
  department: lazy(VIEW_LOADERS.department),
  config: lazy(VIEW_LOADERS.config),
  'annual-report': lazy(VIEW_LOADERS['annual-report']),
  indicators: lazy(VIEW_LOADERS.indicators),
  survey: lazy(VIEW_LOADERS.survey),
} satisfies Record<TabView['name'], unknown>;

// Loaded apart to keep the first paint small: the toolbar that only a browser outside Teams shows
// (its dropdowns bring a positioning library).
const LocalToolbar = lazy(() =>
  import('../LocalToolbar/LocalToolbar').then((m) => ({ default: m.LocalToolbar })),
);

/**
 * The tab: Teams theme and sign-in (or local mode's pickers), then the view the address asks for
 * (`?view=citywide`, `my-plan`, `department`, `config`, `annual-report`, `indicators`,
 * `survey`).
 */
export function App() {
  const styles = useAppStyles();
  const view = useMemo(() => tabViewFrom(window.location.search), []);
  const View = VIEWS[view.name];
  // Fetch the view's code while the session settles, rather than after.
  useEffect(() => void VIEW_LOADERS[view.name](), [view]);
  const [session, { setTheme, setPersonId }] = useSession();
  const ready = session.status === 'ready' ? session : undefined;
  const identities = ready?.local.kind === 'picker' ? ready.local.identities : undefined;
  const inBrowser = ready?.host.kind === 'browser';
  return (
    // Layout styles go on an inner element: Fluent copies the provider's classes onto the portal
    // nodes of popups (the dropdowns' listboxes), which must not fill the viewport.
    <FluentProvider theme={fluentTheme(session.theme)}>
      <div className={styles.root} data-testid="app-root" data-theme={session.theme}>
        {ready && (inBrowser || identities) && (
          <Suspense fallback={null}>
            <LocalToolbar
              identities={identities}
              personId={ready.personId}
              onPersonChange={setPersonId}
              theme={inBrowser ? session.theme : undefined}
              onThemeChange={setTheme}
            />
          </Suspense>
        )}
        <main className={styles.main}>
          {ready ? (
            <Suspense fallback={<Spinner className={styles.connecting} label="Loading…" />}>
              <View key={ready.personId ?? 'signed-in'} session={ready} view={view} />
            </Suspense>
          ) : (
            <Spinner className={styles.connecting} label="Connecting…" />
          )}
        </main>
      </div>
    </FluentProvider>
  );
}
