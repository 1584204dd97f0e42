import { themeFromTeams, type ThemeName } from '../theme/app-theme';

/** Where the tab runs: inside a Teams client, or in a plain browser tab (local development). */
export type Host =
  | {
      kind: 'teams';
      /** The Teams theme when the tab opened. */
      theme: ThemeName;
      /** Calls `listener` whenever the person switches the Teams theme. */
      onThemeChange(listener: (theme: ThemeName) => void): void;
      /** A Teams SSO token for reap's API (`authentication.getAuthToken`). */
      getAuthToken(): Promise<string>;
    }
  | { kind: 'browser' };

/**
 * How long to wait for Teams to answer `app.initialize()`. Outside any frame teams-js fails at
 * once; in a frame that is not Teams it would wait forever, so we stop waiting.
 */
export const TEAMS_INIT_TIMEOUT_MS = 5000;

function timeout(ms: number): Promise<never> {
  return new Promise((_resolve, reject) => {
    setTimeout(() => reject(new Error(`Teams did not answer within ${ms} ms`)), ms);
  });
}

/**
 * Finds out whether the tab runs in Teams. teams-js is loaded on demand so a browser outside Teams
 * never downloads more than it needs before the first paint.
 */
export async function connectHost(timeoutMs = TEAMS_INIT_TIMEOUT_MS): Promise<Host> {
  const framed = window.parent !== window || window.opener !== null;
  // Teams mobile runs the tab in a native webview that exposes `nativeInterface`, not a frame.
  const native = 'nativeInterface' in window;
  if (!framed && !native) return { kind: 'browser' };
  try {
    const { app, authentication } = await import('@microsoft/teams-js');
    await Promise.race([app.initialize(), timeout(timeoutMs)]);
    const context = await app.getContext();
    app.notifySuccess();
    return {
      kind: 'teams',
      theme: themeFromTeams(context.app.theme),
      onThemeChange: (listener) =>
        app.registerOnThemeChangeHandler((theme) => listener(themeFromTeams(theme))),
      getAuthToken: () => authentication.getAuthToken(),
    };
  } catch (error) {
    console.info('reap: not running in Teams, continuing as a browser tab:', error);
    return { kind: 'browser' };
  }
}
