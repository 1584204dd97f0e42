import { FluentProvider, Spinner } from '@fluentui/react-components';
import { Suspense, lazy, useEffect } from 'react';
import { fluentTheme } from '../../theme/app-theme';
import { useAppStyles } from './App.styles';
import { useSession } from './useSession';

// Loaded apart to keep the first paint small: the pages with their charts, and the toolbar that
// only a browser outside Teams shows (its dropdowns bring a positioning library).
const loadWorkspace = () =>
  import('../Workspace/Workspace').then((m) => ({ default: m.Workspace }));
const Workspace = lazy(loadWorkspace);
const LocalToolbar = lazy(() =>
  import('../LocalToolbar/LocalToolbar').then((m) => ({ default: m.LocalToolbar })),
);

/** The tab: Teams theme and sign-in (or local mode's pickers), then the pages for the person. */
export function App() {
  const styles = useAppStyles();
  // Fetch the pages' code while the session settles, rather than after.
  useEffect(() => void loadWorkspace(), []);
  const [session, { setTheme, setPersonId }] = useSession();
  const ready = session.status === 'ready' ? session : undefined;
  const identities = ready?.local.kind === 'picker' ? ready.local.identities : undefined;
  const inBrowser = ready?.host.kind === 'browser';
  return (
    // Layout styles go on an inner element: Fluent copies the provider's classes onto the portal
    // nodes of popups (the dropdowns' listboxes), which must not fill the viewport.
    <FluentProvider theme={fluentTheme(session.theme)}>
      <div className={styles.root} data-testid="app-root">
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
              <Workspace key={ready.personId ?? 'signed-in'} api={ready.api} />
            </Suspense>
          ) : (
            <Spinner className={styles.connecting} label="Connecting…" />
          )}
        </main>
      </div>
    </FluentProvider>
  );
}
