import {
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  type Theme,
} from '@fluentui/react-components';
import { readStorage, writeStorage } from '../host/browser-storage';

/** The three themes Teams offers, by the names the tab's `?theme=` parameter uses. */
export const THEME_NAMES = ['light', 'dark', 'contrast'] as const;
export type ThemeName = (typeof THEME_NAMES)[number];

/** What people read in the theme switcher. */
export const THEME_LABELS: Record<ThemeName, string> = {
  light: 'Light',
  dark: 'Dark',
  contrast: 'High contrast',
};

const FLUENT_THEMES: Record<ThemeName, Theme> = {
  light: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

/** The Fluent theme for a theme name. */
export function fluentTheme(name: ThemeName): Theme {
  return FLUENT_THEMES[name];
}

export function isThemeName(value: unknown): value is ThemeName {
  return typeof value === 'string' && (THEME_NAMES as readonly string[]).includes(value);
}

/** Teams names its themes `default`, `dark` and `contrast`; anything unknown reads as light. */
export function themeFromTeams(teamsTheme: string | undefined): ThemeName {
  if (teamsTheme === 'dark') return 'dark';
  if (teamsTheme === 'contrast') return 'contrast';
  return 'light';
}

const STORAGE_KEY = 'reap.theme';

/**
 * The theme for the first paint: `?theme=` in the address (our names, or Teams' own, which Teams
 * puts there when the tab's URL carries the `{theme}` placeholder), else the last choice made
 * outside Teams, else the system's forced-colours or dark preference, else light. In Teams the
 * context's theme replaces it once Teams answers.
 */
export function initialTheme(): ThemeName {
  const fromUrl = new URLSearchParams(window.location.search).get('theme');
  if (isThemeName(fromUrl)) return fromUrl;
  if (fromUrl === 'default') return 'light';
  const stored = readStorage(STORAGE_KEY);
  if (isThemeName(stored)) return stored;
  if (window.matchMedia?.('(forced-colors: active)').matches) return 'contrast';
  if (window.matchMedia?.('(prefers-color-scheme: dark)').matches) return 'dark';
  return 'light';
}

/** Keeps a theme chosen outside Teams: in storage, and in the address so a link carries it. */
export function rememberBrowserTheme(name: ThemeName): void {
  writeStorage(STORAGE_KEY, name);
  const url = new URL(window.location.href);
  url.searchParams.set('theme', name);
  window.history.replaceState(window.history.state, '', url);
}
