/** The manifest editor tab: examples, Apply, the editor (CodeMirror, loaded lazily) and kubectl's answer. */
import { lazy, Suspense, useState } from 'react';
import { useUi } from '../store';
import { useT } from '../i18n';
import { EXAMPLES } from './examples';
import { applyManifest, isErrorLine, loadExample, setManifest, setProblems } from './editorActions';

const CodeEditor = lazy(() => import('./CodeEditor'));

export function EditorPanel() {
  const t = useT();
  const editor = useUi((s) => s.editor);
  const visible = useUi((s) => s.editorTab);
  const [seen, setSeen] = useState(false);
  if (visible && !seen) setSeen(true);
  const lines = editor.output?.text.replace(/\n$/, '').split('\n') ?? [];
  return (
    <div className="editor-panel" data-testid="editor-panel">
      <div className="editor-bar">
        <label className="editor-gallery">
          <span className="field-label">{t('editor.gallery')}</span>
          <select data-testid="manifest-gallery" value="" aria-label={t('editor.example')} onChange={(e) => loadExample(e.target.value)}>
            <option value="" disabled>{t('editor.example')}…</option>
            {EXAMPLES.map((ex) => <option key={ex.id} value={ex.id}>{ex.title}</option>)}
          </select>
        </label>
        <span className={`editor-problems ${editor.problems ? 'bad' : 'ok'}`} data-testid="manifest-problems" aria-live="polite">
          <span aria-hidden="true">{editor.problems ? '✕ ' : '✓ '}</span>
          {editor.problems ? t('editor.problems', { n: editor.problems }) : t('editor.noProblems')}
        </span>
        <button
          type="button"
          className="btn primary"
          data-testid="manifest-apply"
          disabled={editor.applying}
          title={editor.problems ? t('editor.fixFirst') : 'Ctrl+Enter'}
          onClick={() => void applyManifest()}
        >
          {editor.applying ? t('editor.applying') : t('editor.apply')}
        </button>
      </div>
      <div className="editor-body">
        <div className="editor-code">
          {seen && (
            <Suspense fallback={<div className="empty">{t('editor.loading')}</div>}>
              <CodeEditor value={editor.text} revision={editor.revision} label={t('editor.label')} onChange={setManifest} onApply={() => void applyManifest()} onProblems={setProblems} />
            </Suspense>
          )}
        </div>
        <section className="editor-output" aria-label={t('editor.output')}>
          <h3 className="editor-output-title">{t('editor.output')}</h3>
          <div className="editor-output-lines mono" data-testid="manifest-output" role="status" aria-live="polite">
            {lines.length === 0 && <p className="muted">{t('editor.outputEmpty')}</p>}
            {lines.map((l, i) => (
              <div key={i} className={isErrorLine(l, editor.output?.exitCode ?? 0) ? 'out-line err' : 'out-line'}>{l}</div>
            ))}
          </div>
        </section>
      </div>
    </div>
  );
}
