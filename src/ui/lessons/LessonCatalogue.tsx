/** Every lesson with its topic, length and saved progress. */
import { useUi } from '../store';
import { startLesson } from './lessonActions';
import { lessonSummary, lessonTitle, lessonTopic, useCatalogue } from './catalog';
import { useT } from '../i18n';

export function LessonCatalogue() {
  const t = useT();
  const lang = useUi((s) => s.lang);
  const progress = useUi((s) => s.progress);
  const CATALOGUE = useCatalogue() ?? [];
  if (CATALOGUE.length === 0) return <div className="empty"><p>{t('lessons.none')}</p></div>;
  return (
    <ul className="catalogue" data-testid="lesson-catalogue">
      {CATALOGUE.map((l) => {
        const p = progress[l.id];
        const state = p?.done ? t('lessons.completed') : p && p.step > 0 ? t('lessons.stepOf', { n: p.step + 1, total: l.steps.length }) : t('lessons.notStarted');
        const pct = p?.done ? 100 : p ? Math.round((p.step / l.steps.length) * 100) : 0;
        const title = lessonTitle(l, lang);
        const topic = lessonTopic(l, lang);
        const summary = lessonSummary(l, lang);
        return (
          <li key={l.id}>
            <button type="button" className="lesson-card" data-testid={`lesson-${l.id}`} onClick={() => void startLesson(l.id)}>
              <span className="lesson-title" lang={title.lang}>{title.text}</span>
              <span className="lesson-meta">
                <span className="topic" lang={topic.lang}>{topic.text}</span> · {l.minutes} min · <span className={p?.done ? 'done' : undefined} lang={lang}>{state}</span>
              </span>
              <span className="lesson-summary" lang={summary.lang}>{summary.text}</span>
              <span className="progress" aria-hidden="true"><span style={{ width: `${pct}%` }} /></span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
