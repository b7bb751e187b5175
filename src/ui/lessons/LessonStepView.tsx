/** One lesson step: prose, Check / Hint / Show me / Next, and the feedback. */
import { useState } from 'react';
import { lessonKey, useUi } from '../store';
import { checkLesson, nextLessonStep, showMe } from './lessonActions';
import { lessonTitle, stepText, type LessonMeta } from './catalog';
import { MarkdownLite } from './MarkdownLite';
import { useT } from '../i18n';

/** Puts a step's YAML into the manifest editor and brings the editor to the front. */
function openInEditor(text: string): void {
  useUi.setState((s) => ({ editor: { ...s.editor, text, revision: s.editor.revision + 1, output: undefined }, editorTab: true, eventsTab: false }));
}

export function LessonStepView({ lesson, stepIndex }: { lesson: LessonMeta; stepIndex: number }) {
  const t = useT();
  const lang = useUi((s) => s.lang);
  const step = lesson.steps[stepIndex];
  const key = useUi((s) => lessonKey(s.view));
  const check = useUi((s) => (s.lessonCheck?.key === key ? s.lessonCheck : undefined));
  const output = useUi((s) => s.showMeOutput);
  const busy = useUi((s) => s.busy > 0);
  const [hintFor, setHintFor] = useState<string | undefined>();
  const showHint = hintFor === key;
  const last = stepIndex === lesson.steps.length - 1;
  const title = lessonTitle(lesson, lang);
  const text = stepText(lesson, stepIndex, lang);
  return (
    <div className="lesson-step">
      <div className="lesson-head">
        <h3 className="lesson-name" lang={title.lang}>{title.text}</h3>
        <ol className="step-dots" aria-label={t('lessons.stepOf', { n: stepIndex + 1, total: lesson.steps.length })} lang={lang}>
          {lesson.steps.map((_, i) => (
            <li key={i} className={i < stepIndex ? 'done' : i === stepIndex ? 'current' : ''} title={stepText(lesson, i, lang).title.text} />
          ))}
        </ol>
        <span className="step-count" data-testid="lesson-step-count" lang={lang}>{t('lessons.stepOf', { n: stepIndex + 1, total: lesson.steps.length })}</span>
      </div>
      <div className="lesson-scroll">
        <h4 className="step-title" data-testid="lesson-step-title" lang={text.title.lang}>{text.title.text}</h4>
        <div className="lesson-body" data-testid="lesson-body" lang={text.body.lang}><MarkdownLite text={text.body.text} /></div>
        {step.manifest && (
          <div className="lesson-manifest">
            <pre className="mono" data-testid="lesson-manifest" aria-label={t('lessons.yaml')}>{step.manifest}</pre>
            <button type="button" className="btn" data-testid="lesson-manifest-open" onClick={() => openInEditor(step.manifest!)} lang={lang}>{t('lessons.openInEditor')}</button>
          </div>
        )}
        {showHint && <div className="hint" data-testid="lesson-hint" lang={text.hint.lang}><strong lang={lang}>{t('lessons.hint')}: </strong><MarkdownLite text={text.hint.text} /></div>}
        {output && <pre className="showme-output mono" lang="en" aria-label={t('lessons.showMeOutput')}>{output}</pre>}
      </div>
      <div className={`feedback ${check ? (check.passed ? 'ok' : 'bad') : ''}`} data-testid="lesson-feedback" aria-live="polite" role="status" lang={check ? (check.lang ?? 'en') : undefined}>
        {check && (
          <>
            <span aria-hidden="true">{check.passed ? '✓ ' : '… '}</span>
            {check.message}
          </>
        )}
      </div>
      <div className="lesson-actions" lang={lang}>
        <button type="button" className="btn" data-testid="lesson-check" disabled={busy} onClick={() => void checkLesson(true)}>{t('lessons.check')}</button>
        <button type="button" className="btn" data-testid="lesson-hint-toggle" aria-expanded={showHint} onClick={() => setHintFor(showHint ? undefined : key)}>
          {showHint ? t('lessons.hideHint') : t('lessons.hint')}
        </button>
        <button type="button" className="btn" data-testid="lesson-showme" disabled={busy} onClick={() => void showMe()}>{t('lessons.showMe')}</button>
        <button type="button" className="btn primary next" data-testid="lesson-next" disabled={!check?.passed} onClick={nextLessonStep}>
          {last ? t('lessons.finish') : t('lessons.next')}
        </button>
      </div>
    </div>
  );
}
