import { themeFromTeams, type ThemeName } from '../theme/app-theme';

/** What Teams says about where the tab was opened: the page, the person, the team and channel. */
export type TeamsPlace = {
  /** `content` for a tab's page; `settings` for a channel tab's configuration page. */
  frameContext: string;
  /** The tab's entity id: `my-plan`, `progress`, or a channel tab's `department-MHD`. */
  pageId: string;
  /** The signed-in person's Entra object id and tenant. */
  userId: string;
  tenantId?: string;
  /** Present for a tab in a team's channel. */
  channel?: { id: string; displayName?: string };
  team?: { displayName?: string; groupId?: string };
};

/** A channel tab's save, as Teams asks for it: the page answers once, success or failure. */
export type SaveEvent = { notifySuccess(): void; notifyFailure(reason: string): void };

/** The channel tab's settings as they are saved (teams-js `pages.config` `InstanceConfig`). */
export type TabInstanceConfig = {
  entityId: string;
  contentUrl: string;
  websiteUrl: string;
  suggestedDisplayName: string;
};

/** A configurable tab's configuration page (`pages.config`): Teams' Save button, and the save. */
export type TabConfigHost = {
  /** Enables (or disables) Teams' Save button. */
  setValidityState(valid: boolean): void;
  /** Called when the person presses Save; the handler must answer the event. */
  onSave(handler: (event: SaveEvent) => void): void;
  /** Stores the tab's settings; Teams adds the tab with them once the save succeeds. */
  setConfig(config: TabInstanceConfig): Promise<void>;
};

/** Where the tab runs: inside a Teams client, or in a plain browser tab (local development). */
export type Host =
  | {
      kind: 'teams';
      /** The Teams theme when the tab opened. */
      theme: ThemeName;
      place: TeamsPlace;
      /** Calls `listener` whenever the person switches the Teams theme. */
      onThemeChange(listener: (theme: ThemeName) => void): void;
      /** A Teams SSO token for reap's API (`authentication.getAuthToken`). */
      getAuthToken(): Promise<string>;
      /** Opens a Teams deep link inside Teams (`app.openLink`) rather than in a browser. */
      openLink(url: string): Promise<void>;
      /** The configuration page's part of teams-js. */
      config: TabConfigHost;
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
    const { app, authentication, pages } = await import('@microsoft/teams-js');
    await Promise.race([app.initialize(), timeout(timeoutMs)]);
    const context = await app.getContext();
    app.notifySuccess();
    return {
      kind: 'teams',
      theme: themeFromTeams(context.app.theme),
      place: {
        frameContext: context.page.frameContext ?? 'content',
        pageId: context.page.id,
        userId: context.user?.id ?? '',
        ...(context.user?.tenant ? { tenantId: context.user.tenant.id } : {}),
        ...(context.channel
          ? { channel: { id: context.channel.id, displayName: context.channel.displayName } }
          : {}),
        ...(context.team
          ? {
              team: { displayName: context.team.displayName, groupId: context.team.groupId },
            }
          : {}),
      },
      onThemeChange: (listener) =>
        app.registerOnThemeChangeHandler((theme) => listener(themeFromTeams(theme))),
      getAuthToken: () => authentication.getAuthToken(),
      openLink: (url) => app.openLink(url),
      config: {
        setValidityState: (valid) => pages.config.setValidityState(valid),
        onSave: (handler) => pages.config.registerOnSaveHandler(handler),
        setConfig: (config) => pages.config.setConfig(config),
      },
    };
  } catch (error) {
    console.info('reap: not running in Teams, continuing as a browser tab:', error);
    return { kind: 'browser' };
  }
}
