/**
 * Outlines the element the active lesson step points at (step.highlight is a data-testid),
 * with a generated style rule, so React's own className handling is never fought. When the
 * element lives in a hidden dock tab, that tab is brought to the front.
 */
import { useEffect } from 'react';
import { patchView, useUi } from '../store';
import { useLesson } from './catalog';

function useHighlight(): string | undefined {
  const active = useUi((s) => (s.lessonFinished ? undefined : s.view.lesson));
  return useLesson(active?.id)?.steps[active?.step ?? 0]?.highlight;
}

export function LessonHighlight() {
  const id = useHighlight();
  useEffect(() => {
    if (!id) return;
    if (id.startsWith('terminal-')) patchView({ panel: 'terminal' });
    else if (id.startsWith('trace-')) patchView({ panel: 'trace' });
    else if (id.startsWith('editor-') || id.startsWith('manifest-')) useUi.setState({ editorTab: true, eventsTab: false });
  }, [id]);
  if (!id) return null;
  const sel = `[data-testid="${CSS.escape(id)}"]`;
  return <style>{`${sel}{outline:2px solid var(--highlight) !important;outline-offset:3px;box-shadow:0 0 0 6px var(--highlight-glow) !important;animation:lesson-pulse 1.6s ease-in-out infinite;}`}</style>;
}
