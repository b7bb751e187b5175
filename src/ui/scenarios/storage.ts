/**
 * What the browser keeps of scenarios in localStorage: the autosave (the current state as a
 * link fragment, and the named save it belongs to) and the list of named saves.
 */
import type { SavedEntry } from '../store';

export const AUTOSAVE_KEY = 'knp.autosave';
export const SAVED_KEY = 'knp.saved';
export const MAX_SAVED = 50;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): boolean {
  try {
    localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

export interface Autosave {
  fragment: string;
  name?: string;
}

export function readAutosave(): Autosave | undefined {
  const raw = read(AUTOSAVE_KEY);
  if (!raw) return undefined;
  try {
    const o = JSON.parse(raw) as Partial<Autosave>;
    if (typeof o.fragment !== 'string' || o.fragment === '') return undefined;
    return { fragment: o.fragment, name: typeof o.name === 'string' ? o.name : undefined };
  } catch {
    return undefined;
  }
}

export function writeAutosave(a: Autosave): boolean {
  return write(AUTOSAVE_KEY, JSON.stringify(a));
}

export function clearAutosave(): void {
  try {
    localStorage.removeItem(AUTOSAVE_KEY);
  } catch {
    // nothing kept anyway
  }
}

export function loadSavedList(): SavedEntry[] {
  const raw = read(SAVED_KEY);
  if (!raw) return [];
  try {
    const list = JSON.parse(raw) as unknown;
    if (!Array.isArray(list)) return [];
    return list
      .filter((e): e is SavedEntry => typeof e === 'object' && e !== null && typeof (e as SavedEntry).name === 'string' && typeof (e as SavedEntry).fragment === 'string')
      .map((e) => ({ name: e.name.slice(0, 80), fragment: e.fragment, savedAt: Number(e.savedAt) || 0 }))
      .slice(0, MAX_SAVED);
  } catch {
    return [];
  }
}

export function writeSavedList(list: SavedEntry[]): boolean {
  return write(SAVED_KEY, JSON.stringify(list.slice(0, MAX_SAVED)));
}

/** `?embed=trace` or `?embed=cluster` (anything else: the full app). */
export function embedMode(): 'trace' | 'cluster' | undefined {
  if (typeof location === 'undefined') return undefined;
  const e = new URLSearchParams(location.search).get('embed');
  return e === 'trace' || e === 'cluster' ? e : undefined;
}
