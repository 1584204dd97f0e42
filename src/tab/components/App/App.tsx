import { FluentProvider, Spinner } from '@fluentui/react-components';
import { Suspense, lazy, useEffect } from 'react';
import { fluentTheme } from '../../theme/app-theme';
import { useAppStyles } from './App.styles';
import { useSession } from './useSession';

// Loaded apart to keep the first paint small: the page with its charts, and the toolbar that only
// a browser outside Teams shows (its dropdowns bring a positioning library).
const loadCitywideView = () =>
  import('../CitywideView/CitywideView').then((m) => ({ default: m.CitywideView }));
const CitywideView = lazy(loadCitywideView);
const LocalToolbar = lazy(() =>
  import('../LocalToolbar/LocalToolbar').then((m) => ({ default: m.LocalToolbar })),
);

/** The tab: Teams theme and sign-in (or local mode's pickers), then the citywide progress page. */
export function App() {
  const styles = useAppStyles();
  // Fetch the page's code while the session settles, rather than after.
  useEffect(() => void loadCitywideView(), []);
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
              <CitywideView key={ready.personId ?? 'signed-in'} api={ready.api} />
            </Suspense>
          ) : (
            <Spinner className={styles.connecting} label="Connecting…" />
          )}
        </main>
      </div>
    </FluentProvider>
  );
}
