/** Lesson actions: start, advance, check (manual or automatic) and "show me". */
import type { ViewState } from '../../engine/scenario/view';
import { getEngine } from '../engineClient';
import { lessonKey, useUi, type TermEntry } from '../store';
import { t } from '../i18n';
import { call, refreshYaml, termId } from '../actions';
import { errorMessage, promptFor } from '../model';
import { findLesson, loadCatalogue } from './catalog';
import { saveProgress } from './progress';
import { showFreshCluster } from '../scenarios/scenarioActions';

/**
 * Opens a lesson on its own scenario. Resuming at a later step replays the earlier steps'
 * "show me" in the worker, so the cluster is where the learner left it.
 */
export async function startLesson(id: string, restart = false): Promise<void> {
  let lesson;
  try {
    lesson = (await loadCatalogue()).find((l) => l.id === id);
  } catch (e) {
    useUi.setState({ toast: t('msg.lessonFailed', { error: errorMessage(e) }) });
    return;
  }
  if (!lesson) return;
  const saved = useUi.getState().progress[id];
  const step = !restart && saved && !saved.done ? Math.min(saved.step, lesson.steps.length - 1) : 0;
  useUi.setState((s) => ({ view: { ...s.view, lesson: { id, step } }, lessonFinished: false, lessonCheck: undefined, showMeOutput: undefined, lessonDrawer: true }));
  try {
    const r = await call(() => getEngine().startLesson(id, step), { key: 'busy.lesson' });
    if (r.error) {
      useUi.setState({ toast: r.error });
      return;
    }
    showFreshCluster(r.snapshot, r.view?.trace && r.trace ? { trace: r.trace, view: { ...useUi.getState().view, ...r.view, lesson: { id, step } } } : {});
  } catch (e) {
    useUi.setState({ toast: t('msg.lessonFailed', { error: errorMessage(e) }) });
  }
}

export function leaveLesson(): void {
  useUi.setState((s) => ({ view: { ...s.view, lesson: undefined }, lessonFinished: false, lessonCheck: undefined }));
}

function recordProgress(id: string, step: number, done: boolean): void {
  const progress = { ...useUi.getState().progress, [id]: { step, done } };
  saveProgress(progress);
  useUi.setState({ progress });
}

export function nextLessonStep(): void {
  const { view } = useUi.getState();
  const lesson = findLesson(view.lesson?.id);
  if (!lesson || !view.lesson) return;
  const step = view.lesson.step + 1;
  if (step >= lesson.steps.length) {
    recordProgress(lesson.id, lesson.steps.length, true);
    useUi.setState({ lessonFinished: true, lessonCheck: undefined });
    return;
  }
  recordProgress(lesson.id, step, useUi.getState().progress[lesson.id]?.done ?? false);
  useUi.setState((s) => ({ view: { ...s.view, lesson: { id: lesson.id, step } }, lessonCheck: undefined, showMeOutput: undefined }));
}

/** Checks the current step. Manual checks always show the answer; automatic ones only a pass. */
export async function checkLesson(manual: boolean): Promise<void> {
  const { view } = useUi.getState();
  const key = lessonKey(view);
  if (!view.lesson || !key || useUi.getState().lessonFinished) return;
  try {
    const lang = useUi.getState().lang;
    const r = await (manual ? call(() => getEngine().checkLesson(view.lesson!.id, view.lesson!.step, view, lang)) : getEngine().checkLesson(view.lesson.id, view.lesson.step, view, lang));
    const cur = useUi.getState();
    if (lessonKey(cur.view) !== key) return;
    if (cur.lessonCheck?.key === key && cur.lessonCheck.passed) return; // a passed step stays passed
    if (manual || r.passed) useUi.setState({ lessonCheck: { ...r, key } });
  } catch (e) {
    if (manual) useUi.setState({ lessonCheck: { passed: false, message: errorMessage(e), key } });
  }
}

/** After a language switch: the feedback on screen is asked for again, in the new language. */
export async function recheckInLanguage(): Promise<void> {
  const { view, lessonCheck, lang } = useUi.getState();
  const key = lessonKey(view);
  if (!view.lesson || !key || lessonCheck?.key !== key) return;
  try {
    const r = await getEngine().checkLesson(view.lesson.id, view.lesson.step, view, lang);
    const cur = useUi.getState();
    if (lessonKey(cur.view) !== key || cur.lessonCheck?.key !== key) return;
    if (cur.lessonCheck.passed && !r.passed) return;
    useUi.setState({ lessonCheck: { ...r, key } });
  } catch {
    // The old message stays: a language switch is never an error.
  }
}

export async function showMe(): Promise<void> {
  const { view } = useUi.getState();
  if (!view.lesson) return;
  const lesson = view.lesson;
  try {
    const r = await call(() => getEngine().showMe(lesson.id, lesson.step, view), { key: 'busy.showMe' });
    useUi.setState((s) => {
      const nextView: ViewState = { ...s.view, ...r.view, lesson };
      const form = r.trace && nextView.trace ? { from: nextView.trace.from, to: nextView.trace.to, proto: r.trace.proto, port: r.trace.port } : s.traceForm;
      const command = r.command ?? '';
      const target = nextView.terminal ?? '';
      // One transcript entry per command, in the tab of the machine it ran on.
      const runs = r.runs ?? (r.output !== undefined && target && r.manifest === undefined ? [{ target, command, output: r.output, exitCode: r.exitCode ?? 0 }] : []);
      const terminal: TermEntry[] = [
        ...s.terminal,
        ...runs.map((x) => ({ id: termId(), target: x.target, prompt: promptFor(r.snapshot, x.target), command: x.command, output: x.output, exitCode: x.exitCode, note: x.command ? undefined : `“Show me” ran a command on ${x.target}` })),
      ];
      const termTabs = [...new Set([...s.termTabs, ...runs.map((x) => x.target)])];
      // Applied YAML: the editor comes to the front holding it and kubectl's answer; anything else brings its own panel.
      const editor = r.manifest !== undefined ? { ...s.editor, text: r.manifest, revision: s.editor.revision + 1, output: { text: r.output ?? '', exitCode: r.exitCode ?? 0 } } : s.editor;
      const tabs = { editorTab: r.manifest !== undefined, eventsTab: false };
      return { snapshot: r.snapshot, trace: r.trace ?? s.trace, view: nextView, traceForm: form, showMeOutput: r.output, playing: false, terminal, termTabs, editor, ...tabs };
    });
    void refreshYaml();
    await checkLesson(true);
  } catch (e) {
    useUi.setState({ lessonCheck: { passed: false, message: t('msg.showMeFailed', { error: errorMessage(e) }), key: lessonKey(view) ?? '' } });
  }
}
