/**
 * The lessons' text for the UI (prose, hints, YAML, highlights), loaded with import() when the
 * lesson drawer first needs it: the lessons' checks import engine code, which the main bundle
 * must not carry. Checks and "show me" run in the worker (checkLesson / showMe).
 */
import { LESSONS } from '../../lessons';
import type { LessonMeta } from './catalog';

export const CATALOGUE: LessonMeta[] = LESSONS.map((l) => ({
  id: l.id,
  title: l.title,
  topic: l.topic,
  summary: l.summary,
  minutes: l.minutes,
  steps: l.steps.map((s) => ({ title: s.title, body: s.body, hint: s.hint, manifest: s.manifest, highlight: s.highlight })),
  de: l.de,
}));
