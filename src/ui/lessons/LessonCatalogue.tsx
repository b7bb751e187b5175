/** Every lesson with its topic, length and saved progress. */
import { useUi } from '../store';
import { startLesson } from './lessonActions';
import { CATALOGUE } from './catalog';

export function LessonCatalogue() {
  const progress = useUi((s) => s.progress);
  if (CATALOGUE.length === 0) return <div className="empty"><p>No lessons yet.</p></div>;
  return (
    <ul className="catalogue" data-testid="lesson-catalogue" lang="en">
      {CATALOGUE.map((l) => {
        const p = progress[l.id];
        const state = p?.done ? 'Completed' : p && p.step > 0 ? `Step ${p.step + 1} of ${l.steps.length}` : 'Not started';
        const pct = p?.done ? 100 : p ? Math.round((p.step / l.steps.length) * 100) : 0;
        return (
          <li key={l.id}>
            <button type="button" className="lesson-card" data-testid={`lesson-${l.id}`} onClick={() => void startLesson(l.id)}>
              <span className="lesson-title">{l.title}</span>
              <span className="lesson-meta">
                <span className="topic">{l.topic}</span> · {l.minutes} min · <span className={p?.done ? 'done' : undefined}>{state}</span>
              </span>
              <span className="lesson-summary">{l.summary}</span>
              <span className="progress" aria-hidden="true"><span style={{ width: `${pct}%` }} /></span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
