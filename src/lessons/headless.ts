/** Verifies a lesson without a browser: performs each step's "show me" and reports its check. */
import type { Simulation } from '../engine/sim/simulation';
import type { ViewState } from '../engine/scenario/view';
import { lessonById } from './index';
import { checkStep, lessonStart, showMe } from './runner';

export function runLessonHeadless(id: string, print: (line: string) => void, start?: Simulation): number {
  const lesson = lessonById(id);
  if (!lesson) {
    print(`no lesson "${id}"`);
    return 2;
  }
  print(`lesson ${lesson.id}: ${lesson.title} (${lesson.steps.length} steps, starts from preset "${lesson.preset ?? 'default'}")`);
  let sim = start ?? lessonStart(id);
  let view: ViewState = { panel: 'lesson', lesson: { id, step: 0 } };
  let failed = 0;
  lesson.steps.forEach((step, i) => {
    const before = checkStep(sim, id, i, view);
    if (before.passed) print(`  note: step ${i + 1} already passes before its action`);
    const done = showMe(sim, id, i, view);
    view = done.view;
    if (done.sim) sim = done.sim;
    const r = checkStep(sim, id, i, view);
    print(`  ${r.passed ? 'PASS' : 'FAIL'} step ${i + 1} "${step.title}": ${r.message}`);
    if (!r.passed) failed++;
  });
  print(failed === 0 ? 'lesson complete' : `${failed} step(s) failed`);
  return failed === 0 ? 0 : 1;
}
