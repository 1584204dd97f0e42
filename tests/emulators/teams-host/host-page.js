/* global window, document */
// The Teams client's side of teams-js's postMessage protocol, as a page that frames the tab.
// Served by teams-host.ts under Teams' own origin (the browser test routes it there), so the tab's
// teams-js accepts its messages and reap's Content Security Policy lets it frame the tab.
//
// The protocol, as @microsoft/teams-js 2.x speaks it (internal/communication.js):
// - the tab sends { id, uuidAsString, func, args, apiVersionTag, ... } to its parent;
// - the host answers a call with { id, uuidAsString, args }, matched by uuid (then id);
// - the host raises an event with { func, args } and no id (themeChange, settings.save).
// `window.teamsHost` is what the test drives: the record of what the tab did, the live theme
// switch and Teams' Save button.
(function () {
  'use strict';

  const session = JSON.parse(document.getElementById('session').textContent);
  const tabOrigin = new URL(session.tabUrl).origin;

  /** What the tab asked for and set, for the test to read. */
  const record = {
    calls: [],
    initialized: false,
    notifiedSuccess: false,
    handlers: [],
    validityStates: [],
    config: null,
    saves: [],
    tokens: 0,
    tokenFailures: [],
    links: [],
    unanswered: [],
  };

  // What Teams' web client reports about itself. The runtime lists the capabilities teams-js
  // checks before it sends a call (`pages.config` for the configuration page).
  const runtime = {
    apiVersion: 4,
    isLegacyTeams: false,
    hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
    supports: {
      appEntity: {},
      chat: {},
      pages: { appButton: {}, backStack: {}, config: {}, tabs: {} },
      teamsCore: {},
    },
  };

  /** The legacy context object Teams answers `getContext` with; teams-js reshapes it. */
  function legacyContext() {
    const c = {
      locale: 'en-us',
      theme: session.theme,
      entityId: session.entityId,
      frameContext: session.frameContext,
      hostClientType: 'web',
      hostName: 'Teams',
      appId: session.appId,
      appSessionId: session.id,
      sessionId: session.id,
      userObjectId: session.user.oid,
      tid: session.user.tenantId,
      userPrincipalName: session.user.upn,
      loginHint: session.user.upn,
      userDisplayName: session.user.displayName,
    };
    if (session.team) {
      c.teamId = session.team.id;
      c.teamName = session.team.name;
      c.groupId = session.team.groupId;
      c.teamType = 0;
      c.userTeamRole = 0;
    }
    if (session.channel) {
      c.channelId = session.channel.id;
      c.channelName = session.channel.name;
      c.channelType = 'Regular';
    }
    return c;
  }

  const frame = document.createElement('iframe');
  frame.id = 'tab';
  frame.title = 'reap tab';
  frame.src = session.tabUrl;

  function send(message) {
    frame.contentWindow.postMessage(message, tabOrigin);
  }

  function answer(request, args) {
    send({ id: request.id, uuidAsString: request.uuidAsString, args });
  }

  async function ssoToken() {
    const res = await window.fetch(`/_reap-host/${session.id}/token`);
    const body = await res.json();
    if (!res.ok) throw new Error(body.error || `token service answered ${res.status}`);
    return body.token;
  }

  const saveWaiters = [];
  function saved(result) {
    record.saves.push(result);
    while (saveWaiters.length) saveWaiters.shift()(result);
  }

  function handle(request) {
    const { func } = request;
    const args = request.args || [];
    record.calls.push(func);
    switch (func) {
      case 'initialize':
        record.initialized = true;
        return answer(request, [
          session.frameContext,
          'web',
          JSON.stringify(runtime),
          session.sdkVersion,
        ]);
      case 'getContext':
        return answer(request, [legacyContext()]);
      case 'appInitialization.success':
        record.notifiedSuccess = true;
        return undefined;
      case 'appInitialization.appLoaded':
        return undefined;
      case 'registerHandler':
        record.handlers.push(args[0]);
        return undefined;
      case 'authentication.getAuthToken':
        return ssoToken().then(
          (token) => {
            record.tokens += 1;
            answer(request, [true, token]);
          },
          (error) => {
            record.tokenFailures.push(String(error.message || error));
            answer(request, [false, String(error.message || error)]);
          },
        );
      case 'settings.setValidityState':
        record.validityStates.push(args[0]);
        return undefined;
      case 'settings.setSettings':
        record.config = args[0];
        return answer(request, [true]);
      case 'settings.save.success':
        return saved({ success: true });
      case 'settings.save.failure':
        return saved({ success: false, reason: args[0] });
      case 'executeDeepLink':
        record.links.push(args[0]);
        return answer(request, [true]);
      default:
        // Something the emulator does not answer: the test sees it rather than a hang.
        record.unanswered.push(func);
        console.warn(`teams host emulator: no answer for ${func}`);
        return undefined;
    }
  }

  window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow || event.origin !== tabOrigin) return;
    const request = event.data;
    if (!request || typeof request !== 'object' || typeof request.func !== 'string') return;
    void handle(request);
  });

  window.teamsHost = {
    record,
    /** Switches the Teams theme as the person would in Teams' settings: `default`, `dark`, `contrast`. */
    setTheme(theme) {
      session.theme = theme;
      send({ func: 'themeChange', args: [theme] });
    },
    /** Presses Teams' Save button on the configuration page; resolves with the tab's answer. */
    save() {
      return new Promise((resolve) => {
        saveWaiters.push(resolve);
        send({ func: 'settings.save', args: [{}] });
      });
    },
  };

  document.body.appendChild(frame);
})();
