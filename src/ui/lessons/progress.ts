/** Lesson progress survives reloads in localStorage; a broken entry is ignored, not fatal. */
export interface LessonProgress {
  [lessonId: string]: { step: number; done: boolean };
}

const KEY = 'knp.lessonProgress.v1';

export function loadProgress(): LessonProgress {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    if (!raw) return {};
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' ? (parsed as LessonProgress) : {};
  } catch {
    return {};
  }
}

export function saveProgress(p: LessonProgress): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(p));
  } catch {
    // Private mode or quota: progress is a convenience, never an error.
  }
}
