/**
 * Re-checks the active lesson step after anything the learner does (a command, a trace, a
 * selection, a step), so progress shows up without pressing Check.
 */
import { useEffect } from 'react';
import { useUi } from '../store';
import { checkLesson, recheckInLanguage } from './lessonActions';

export function useAutoCheck(): void {
  const view = useUi((s) => s.view);
  const hash = useUi((s) => s.snapshot?.hash);
  const actions = useUi((s) => s.snapshot?.actionCount);
  const trace = useUi((s) => s.trace);
  const lang = useUi((s) => s.lang);
  const active = !!view.lesson;
  useEffect(() => {
    if (active) void recheckInLanguage();
  }, [active, lang]);
  useEffect(() => {
    if (!active) return;
    const t = setTimeout(() => void checkLesson(false), 200);
    return () => clearTimeout(t);
  }, [active, view, hash, actions, trace]);
}
