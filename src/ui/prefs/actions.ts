/** Switching theme and language: store, <html>, localStorage. Follows the system theme until a choice is made. */
import { useUi } from '../store';
import type { Lang } from '../i18n';
import { applyLang, applyTheme, saveLang, saveTheme, themeChosen, type Theme } from './prefs';

export function setTheme(theme: Theme): void {
  saveTheme(theme);
  applyTheme(theme);
  useUi.setState({ theme });
}

export function setLang(lang: Lang): void {
  saveLang(lang);
  applyLang(lang);
  useUi.setState({ lang });
}

/** Applies the initial preferences and follows `prefers-color-scheme` while no theme was chosen. */
export function initPrefs(): void {
  const { theme, lang } = useUi.getState();
  applyTheme(theme);
  applyLang(lang);
  const mq = matchMedia('(prefers-color-scheme: light)');
  mq.addEventListener('change', (e) => {
    if (themeChosen()) return;
    const next: Theme = e.matches ? 'light' : 'dark';
    applyTheme(next);
    useUi.setState({ theme: next });
  });
}
