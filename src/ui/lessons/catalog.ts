/**
 * Lesson metadata for the UI: prose, hints and highlights only. Checks and "show me" run in
 * the worker (checkLesson / showMe); the UI never calls a lesson's functions. The text itself
 * (catalogData.ts) is loaded on first use, so the lessons' engine imports stay out of the main bundle.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { LessonGerman } from '../../lessons/types';

export interface LessonStepMeta {
  title: string;
  body: string;
  hint: string;
  manifest?: string;
  highlight?: string;
}

export interface LessonMeta {
  id: string;
  title: string;
  topic: string;
  summary: string;
  minutes: number;
  de?: LessonGerman;
  steps: LessonStepMeta[];
}

/** The loaded catalogue (undefined until catalogData.ts has arrived). */
const useCatalogueStore = create<{ list?: LessonMeta[] }>(() => ({}));
let loading: Promise<LessonMeta[]> | undefined;

/** Loads the lessons' text once; a failed load (a missing chunk) is tried again next time. */
export function loadCatalogue(): Promise<LessonMeta[]> {
  loading ??= import('./catalogData').then(
    (m) => {
      useCatalogueStore.setState({ list: m.CATALOGUE });
      return m.CATALOGUE;
    },
    (e: unknown) => {
      loading = undefined;
      throw e;
    },
  );
  return loading;
}

/** Every lesson, in course order; undefined while the text loads (the first call starts the load). */
export function useCatalogue(load = true): LessonMeta[] | undefined {
  const list = useCatalogueStore((s) => s.list);
  useEffect(() => {
    if (load && !list) loadCatalogue().catch(() => undefined);
  }, [load, list]);
  return list;
}

/** The lesson with this id, once the catalogue has loaded. */
export function useLesson(id: string | undefined, load = true): LessonMeta | undefined {
  const list = useCatalogue(load && !!id);
  return id ? list?.find((l) => l.id === id) : undefined;
}

/** One piece of lesson text in the UI language when the lesson has it, else English, with its real language. */
export interface LangText {
  text: string;
  lang: 'en' | 'de';
}

function pick(en: string, de: string | undefined, lang: 'en' | 'de'): LangText {
  return lang === 'de' && de ? { text: de, lang: 'de' } : { text: en, lang: 'en' };
}

export function lessonTitle(l: LessonMeta, lang: 'en' | 'de'): LangText {
  return pick(l.title, l.de?.title, lang);
}

export function lessonSummary(l: LessonMeta, lang: 'en' | 'de'): LangText {
  return pick(l.summary, l.de?.summary, lang);
}

export function lessonTopic(l: LessonMeta, lang: 'en' | 'de'): LangText {
  return pick(l.topic, l.de?.topic, lang);
}

/** A step's title, prose and hint in the UI language (each falls back to English on its own). */
export function stepText(l: LessonMeta, i: number, lang: 'en' | 'de'): { title: LangText; body: LangText; hint: LangText } {
  const s = l.steps[i];
  const d = l.de?.steps[i];
  return { title: pick(s.title, d?.title, lang), body: pick(s.body, d?.body, lang), hint: pick(s.hint, d?.hint, lang) };
}

/** Whether the lesson is shown in German when the UI speaks German. */
export function hasGerman(l: LessonMeta): boolean {
  return !!l.de;
}

/** The lesson with this id if the catalogue has loaded (see loadCatalogue). */
export function findLesson(id: string | undefined): LessonMeta | undefined {
  return id ? useCatalogueStore.getState().list?.find((l) => l.id === id) : undefined;
}
