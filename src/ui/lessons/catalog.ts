/**
 * Lesson metadata for the UI: prose, hints and highlights only. Checks and "show me" run in
 * the worker (checkLesson / showMe); the UI never calls a lesson's functions.
 */
import { LESSONS } from '../../lessons';
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

export const CATALOGUE: LessonMeta[] = LESSONS.map((l) => ({
  id: l.id,
  title: l.title,
  topic: l.topic,
  summary: l.summary,
  minutes: l.minutes,
  steps: l.steps.map((s) => ({ title: s.title, body: s.body, hint: s.hint, manifest: s.manifest, highlight: s.highlight })),
  de: l.de,
}));

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

export function findLesson(id: string | undefined): LessonMeta | undefined {
  return id ? CATALOGUE.find((l) => l.id === id) : undefined;
}
