import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';

/**
 * The origin the host page is opened under. teams-js answers only messages from Teams' own https
 * origins (its `validOrigins` list), and reap's Content Security Policy lets only Teams' hosts
 * frame the tab (`frame-ancestors`), so the browser is told to fetch this origin from the
 * emulator (`attach`) rather than the emulator weakening either check.
 */
export const TEAMS_ORIGIN = 'https://teams.microsoft.com';

/** The CDN teams-js fetches its list of valid origins from; offline in tests, so it falls back. */
const VALID_ORIGINS_CDN = 'https://res.cdn.office.net/**';

/** Teams' names for its themes, as `getContext` and `themeChange` carry them. */
export type TeamsTheme = 'default' | 'dark' | 'contrast';

/** Where and as whom the tab opens: what the Teams client would know. */
export type TeamsHostSession = {
  /** The tab's URL (the real server's), with the view's query as the manifest or setConfig says. */
  tabUrl: string;
  /** `content` for a tab's page, `settings` for a channel tab's configuration page. */
  frameContext: 'content' | 'settings';
  /** The tab's entity id (`my-plan`, `department-MHD`; empty while a channel tab is being added). */
  entityId: string;
  /** @default 'default' */
  theme?: TeamsTheme;
  /** The signed-in person: the SSO token is made for `oid`. */
  user: { oid: string; tenantId: string; upn?: string; displayName?: string };
  /** For a channel tab: the team and the channel it is added to. */
  team?: { id: string; name: string; groupId: string };
  channel?: { id: string; name: string };
};

/** What the tab did through teams-js, as the host page recorded it. */
export type TeamsHostRecord = {
  /** Every `func` the tab sent, in order. */
  calls: string[];
  initialized: boolean;
  /** `app.notifySuccess()` arrived. */
  notifiedSuccess: boolean;
  /** Events the tab registered for (`themeChange`, `save`, …). */
  handlers: string[];
  /** Each `pages.config.setValidityState` value, in order. */
  validityStates: boolean[];
  /** The last `pages.config.setConfig`. */
  config: {
    entityId?: string;
    contentUrl: string;
    websiteUrl?: string;
    suggestedDisplayName?: string;
    removeUrl?: string;
  } | null;
  /** The tab's answers to Teams' Save button. */
  saves: Array<{ success: boolean; reason?: string }>;
  /** SSO tokens handed out, and the token service's refusals. */
  tokens: number;
  tokenFailures: string[];
  /** Deep links the tab opened with `app.openLink`. */
  links: string[];
  /** Calls the emulator has no answer for. */
  unanswered: string[];
};

/** The host page open in a browser page, and what the test does with it. */
export type TeamsHostPage = {
  /** The tab inside the host page. */
  tab: FrameLocator;
  /** What the tab has done through teams-js so far. */
  record(): Promise<TeamsHostRecord>;
  /** Switches Teams' theme live, as the person would in Teams' settings. */
  setTheme(theme: TeamsTheme): Promise<void>;
  /** Presses Teams' Save on a configuration page; resolves with the tab's answer. */
  save(): Promise<{ success: boolean; reason?: string }>;
};

export type TeamsHostEmulator = {
  /** `http://127.0.0.1:PORT`, where the emulator itself listens. */
  url: string;
  /**
   * Serves Teams' origin from the emulator in a browser context, and allows the host page to
   * frame the tab on 127.0.0.1 (Chromium's local network access prompt, answered yes).
   */
  attach(context: BrowserContext): Promise<void>;
  /** Opens the host page with the tab framed in it, and waits for the tab's frame to exist. */
  open(page: Page, session: TeamsHostSession): Promise<TeamsHostPage>;
  close(): Promise<void>;
};

/** The Teams app id the host reports in the context (the manifest's id in a real tenant). */
const APP_ID = '6f3c1d7e-2b4a-4c8e-9d1f-0a5b7c9e2d41';
/** The teams-js version the emulated client says it supports. */
const HOST_SDK_VERSION = '2.48.0';

const HOST_SCRIPT = fs.readFileSync(path.join(__dirname, 'host-page.js'), 'utf8');

const escapeJsonForHtml = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function hostPage(session: TeamsHostSession & { id: string }): string {
  const data = {
    ...session,
    theme: session.theme ?? 'default',
    appId: APP_ID,
    sdkVersion: HOST_SDK_VERSION,
  };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Microsoft Teams (emulated)</title>
    <style>
      body { margin: 0; }
      iframe { border: 0; width: 100vw; height: 100vh; display: block; }
    </style>
  </head>
  <body>
    <script type="application/json" id="session">${escapeJsonForHtml(data)}</script>
    <script src="/_reap-host/host-page.js"></script>
  </body>
</html>`;
}

/**
 * The Teams client, as far as reap's tab sees it: a page that frames the tab and answers
 * teams-js's messages (initialize, getContext, the theme and its changes, SSO tokens,
 * `pages.config`), on 127.0.0.1, opened in the browser under Teams' origin.
 * @param options.ssoToken makes the SSO token for a person's Entra object id (the Entra
 * emulator's, so the server's real token check runs).
 */
export async function startTeamsHost(options: {
  ssoToken(oid: string): Promise<string>;
}): Promise<TeamsHostEmulator> {
  const sessions = new Map<string, TeamsHostSession & { id: string }>();

  const server = http.createServer((req, res) => {
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    const pathname = new URL(req.url ?? '/', 'http://emulator').pathname;
    if (req.method !== 'GET') return send(405, 'text/plain', 'GET only');
    if (pathname === '/_reap-host/host-page.js') {
      return send(200, 'text/javascript; charset=utf-8', HOST_SCRIPT);
    }
    const match = /^\/_reap-host\/([0-9a-f-]{36})(\/token)?$/.exec(pathname);
    const session = match ? sessions.get(match[1] ?? '') : undefined;
    if (!session) return send(404, 'text/plain', `no such host page: ${pathname}`);
    if (!match?.[2]) return send(200, 'text/html; charset=utf-8', hostPage(session));
    options.ssoToken(session.user.oid).then(
      (token) => send(200, 'application/json', JSON.stringify({ token })),
      (error: unknown) => send(500, 'application/json', JSON.stringify({ error: String(error) })),
    );
    return undefined;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    async attach(context) {
      await context.grantPermissions(['local-network-access'], { origin: TEAMS_ORIGIN });
      await context.route(`${TEAMS_ORIGIN}/**`, async (route) => {
        const asked = new URL(route.request().url());
        const response = await route.fetch({ url: `${url}${asked.pathname}${asked.search}` });
        await route.fulfill({ response });
      });
      await context.route(VALID_ORIGINS_CDN, (route) => route.abort('internetdisconnected'));
    },
    async open(page, session) {
      const id = crypto.randomUUID();
      sessions.set(id, { ...session, id });
      await page.goto(`${TEAMS_ORIGIN}/_reap-host/${id}`);
      const tab = page.frameLocator('#tab');
      return {
        tab,
        record: () => page.evaluate('window.teamsHost.record') as Promise<TeamsHostRecord>,
        setTheme: async (theme) => {
          await page.evaluate(`window.teamsHost.setTheme(${JSON.stringify(theme)})`);
        },
        save: () =>
          page.evaluate('window.teamsHost.save()') as Promise<{
            success: boolean;
            reason?: string;
          }>,
      };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
