/** The lesson drawer: the catalogue, or the active lesson's current step, or its completion. */
import { useUi } from '../store';
import { leaveLesson, startLesson } from './lessonActions';
import { Icon } from '../shell/Icon';
import { hasGerman, lessonTitle, useCatalogue, useLesson } from './catalog';
import { LessonCatalogue } from './LessonCatalogue';
import { LessonStepView } from './LessonStepView';
import { useT } from '../i18n';

export function LessonPanel() {
  const t = useT();
  const lang = useUi((s) => s.lang);
  const active = useUi((s) => s.view.lesson);
  const finished = useUi((s) => s.lessonFinished);
  const lesson = useLesson(active?.id);
  const loaded = !!useCatalogue();
  const title = lesson ? lessonTitle(lesson, lang) : undefined;
  return (
    <section className="panel lesson-panel" data-testid="lesson-panel" aria-labelledby="lesson-panel-title">
      <header className="panel-head">
        {lesson ? (
          <button type="button" className="btn link" data-testid="lesson-back" onClick={leaveLesson}>{t('lessons.all')}</button>
        ) : (
          <h2 id="lesson-panel-title">{t('lessons.title')}</h2>
        )}
        {lesson && <h2 id="lesson-panel-title" className="sr-only">{t('lessons.heading', { title: title!.text })}</h2>}
        <button type="button" className="btn ghost icon" aria-label={t('lessons.close')} data-testid="lesson-close" onClick={() => useUi.setState({ lessonDrawer: false })}>
          <Icon name="close" />
        </button>
      </header>
      {lang === 'de' && lesson && !hasGerman(lesson) && <p className="lesson-lang-note" data-testid="lesson-lang-note">{t('lessons.englishOnly')}</p>}
      {!lesson && (loaded ? <LessonCatalogue /> : <p className="empty" role="status">{t('dock.loading')}</p>)}
      {lesson && active && !finished && <LessonStepView lesson={lesson} stepIndex={Math.min(active.step, lesson.steps.length - 1)} />}
      {lesson && finished && (
        <div className="lesson-complete" data-testid="lesson-complete" role="status">
          <div className="complete-mark" aria-hidden="true">✓</div>
          <h3>{t('lessons.complete')}</h3>
          <p>{t('lessons.finished', { title: title!.text })}</p>
          <div className="lesson-actions">
            <button type="button" className="btn" onClick={() => void startLesson(lesson.id, true)}>{t('lessons.restart')}</button>
            <button type="button" className="btn primary" onClick={leaveLesson}>{t('lessons.more')}</button>
          </div>
        </div>
      )}
    </section>
  );
}
