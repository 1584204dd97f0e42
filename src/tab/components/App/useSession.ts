import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  ApiClient,
  ApiError,
  bearer,
  localPerson,
  type CredentialSource,
} from '../../api/api-client';
import type { LocalIdentitiesResponse, LocalIdentity, MeResponse } from '../../api/api-types';
import { connectHost, type Host } from '../../host/teams-host';
import {
  defaultLocalIdentity,
  rememberLocalPersonId,
  storedLocalPersonId,
} from '../../identity/local-identity';
import { initialTheme, rememberBrowserTheme, type ThemeName } from '../../theme/app-theme';

/** The local identity picker's choices, or `none` when the server is not in local mode. */
export type LocalIdentities = { kind: 'none' } | { kind: 'picker'; identities: LocalIdentity[] };

/** Everything the tab needs before it shows a page. */
export type Session =
  | { status: 'connecting'; theme: ThemeName }
  | {
      status: 'ready';
      host: Host;
      theme: ThemeName;
      api: ApiClient;
      local: LocalIdentities;
      /** The person chosen in the local identity picker. */
      personId: string | undefined;
    };

/** A session ready for the pages: connected, signed in (or a local person picked). */
export type ReadySession = Extract<Session, { status: 'ready' }>;

export type SessionActions = {
  /** Switches the theme (outside Teams; inside, Teams decides). */
  setTheme(theme: ThemeName): void;
  /** Acts as another person (local mode only). */
  setPersonId(personId: string): void;
};

function credentialsFor(host: Host, personId: string | undefined): CredentialSource {
  return async () => {
    const headers = localPerson(personId);
    if (host.kind !== 'teams' || personId) return headers;
    try {
      return { ...headers, ...bearer(await host.getAuthToken()) };
    } catch (error) {
      throw new ApiError(
        401,
        'sso_failed',
        `Teams could not sign you in to reap (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
  };
}

/**
 * Connects to Teams (or finds the tab outside it), follows the theme, and settles who the tab
 * acts for: a Teams SSO token, or the person picked in local mode.
 */
export function useSession(): [Session, SessionActions] {
  const [host, setHost] = useState<Host>();
  const [theme, setThemeState] = useState<ThemeName>(initialTheme);
  const [local, setLocal] = useState<LocalIdentities>();
  const [personId, setPersonIdState] = useState<string | undefined>(storedLocalPersonId);

  useEffect(() => {
    let cancelled = false;
    void connectHost().then((connected) => {
      if (cancelled) return;
      if (connected.kind === 'teams') {
        setThemeState(connected.theme);
        connected.onThemeChange(setThemeState);
      }
      setHost(connected);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  // Which mode the server runs in, and in local mode whom the picker offers. Neither needs
  // credentials: `/api/me` answers the mode to anyone, and local mode checks none.
  useEffect(() => {
    if (!host) return;
    const abort = new AbortController();
    const anonymous = new ApiClient(async () => ({}));
    const load = async (): Promise<LocalIdentities> => {
      const me = await anonymous.get<MeResponse>('/api/me', { signal: abort.signal });
      if (me.mode !== 'local') return { kind: 'none' };
      const { identities } = await anonymous.get<LocalIdentitiesResponse>('/api/local/identities', {
        signal: abort.signal,
      });
      return { kind: 'picker', identities };
    };
    load()
      .then((found) => {
        setLocal(found);
        if (found.kind === 'picker') {
          setPersonIdState((current) => defaultLocalIdentity(found.identities, current)?.personId);
        }
      })
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        // 403 from the identities means "not local mode"; anything else (the server is down, say)
        // shows again, explained, when the page loads its data.
        if (!(error instanceof ApiError && error.status === 403)) {
          console.warn('reap: could not find out the sign-in mode', error);
        }
        setLocal({ kind: 'none' });
      });
    return () => abort.abort();
  }, [host]);

  // The picked person counts only in local mode: a choice remembered from a local run must not
  // replace the Teams token.
  const actingFor = local?.kind === 'picker' ? personId : undefined;
  const api = useMemo(
    () => (host && local ? new ApiClient(credentialsFor(host, actingFor)) : undefined),
    [host, local, actingFor],
  );

  const setTheme = useCallback((next: ThemeName) => {
    setThemeState(next);
    rememberBrowserTheme(next);
  }, []);
  const setPersonId = useCallback((next: string) => {
    setPersonIdState(next);
    rememberLocalPersonId(next);
  }, []);

  const session: Session =
    host && api && local
      ? { status: 'ready', host, theme, api, local, personId: actingFor }
      : { status: 'connecting', theme };
  return [session, { setTheme, setPersonId }];
}
