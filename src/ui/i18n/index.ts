/**
 * The UI's strings in English and German. `t(key, params)` reads the language from the
 * store; components call `useT()` so they re-render when the language changes.
 */
import { useUi } from '../store';
import { en, type MessageKey } from './en';
import { de } from './de';

export type Lang = 'en' | 'de';
export type { MessageKey };

const DICTS: Record<Lang, Record<MessageKey, string>> = { en, de };

export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  // A count of one reads the key's singular form where there is one ("1 pod", not "1 pods").
  const one = params?.n === 1 ? (DICTS[lang] as Record<string, string>)[`${key}.one`] : undefined;
  const text = one ?? DICTS[lang][key] ?? en[key];
  return params ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : text;
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(useUi.getState().lang, key, params);
}

/** `t`, re-rendering the calling component when the language changes. */
export function useT(): typeof t {
  useUi((s) => s.lang);
  return t;
}
