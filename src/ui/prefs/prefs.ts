/**
 * Preferences kept across reloads in localStorage: theme (following the system until the
 * learner picks one), language, and panel sizes. Applied to <html> (data-theme, lang).
 */
import type { Lang } from '../i18n';

export type Theme = 'dark' | 'light';

const THEME_KEY = 'knp.theme';
const LANG_KEY = 'knp.lang';
const SYSTEM_PODS_KEY = 'knp.systemPods';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

const systemDark = () => typeof matchMedia === 'function' && !matchMedia('(prefers-color-scheme: light)').matches;

export function initialTheme(): Theme {
  const saved = read(THEME_KEY);
  if (saved === 'dark' || saved === 'light') return saved;
  return systemDark() ? 'dark' : 'light';
}

export function initialLang(): Lang {
  const saved = read(LANG_KEY);
  if (saved === 'en' || saved === 'de') return saved;
  return typeof navigator !== 'undefined' && navigator.language?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** Whether the learner chose a theme (then the system setting no longer decides). */
export function themeChosen(): boolean {
  return read(THEME_KEY) !== null;
}

export function saveTheme(theme: Theme): void {
  write(THEME_KEY, theme);
}

export function saveLang(lang: Lang): void {
  write(LANG_KEY, lang);
}

export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  root.dataset.theme = theme;
  root.style.colorScheme = theme;
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', theme === 'dark' ? '#0c1016' : '#f4f6fa');
}

export function applyLang(lang: Lang): void {
  document.documentElement.lang = lang;
}

/** The cluster graph's "System pods" switch (off by default: the default picture stays uncluttered). */
export function initialShowSystemPods(): boolean {
  return read(SYSTEM_PODS_KEY) === '1';
}

export function saveShowSystemPods(show: boolean): void {
  write(SYSTEM_PODS_KEY, show ? '1' : '0');
}
