/**
 * Lesson metadata for the UI: prose, hints and highlights only. Checks and "show me" run in
 * the worker (checkLesson / showMe); the UI never calls a lesson's functions.
 */
import { LESSONS } from '../../lessons';

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
  steps: LessonStepMeta[];
}

export const CATALOGUE: LessonMeta[] = LESSONS.map((l) => ({
  id: l.id,
  title: l.title,
  topic: l.topic,
  summary: l.summary,
  minutes: l.minutes,
  steps: l.steps.map((s) => ({ title: s.title, body: s.body, hint: s.hint, manifest: s.manifest, highlight: s.highlight })),
}));

export function findLesson(id: string | undefined): LessonMeta | undefined {
  return id ? CATALOGUE.find((l) => l.id === id) : undefined;
}
