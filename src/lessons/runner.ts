/** Runs lesson checks and "show me" actions against a simulation (worker and CLI share this). */
import type { Simulation } from '../engine/sim/simulation';
import type { ViewState } from '../engine/scenario/view';
import { lessonById } from './index';
import type { StepCheck } from './types';

export function checkStep(sim: Simulation, lessonId: string, stepIndex: number, view: ViewState): StepCheck {
  const lesson = lessonById(lessonId);
  const step = lesson?.steps[stepIndex];
  if (!lesson || !step) return { passed: false, message: `There is no step ${stepIndex + 1} in lesson "${lessonId}".` };
  try {
    return step.check({ sim, view });
  } catch (e) {
    return { passed: false, message: `This check could not run: ${(e as Error).message}` };
  }
}

/** Performs a step for the learner; returns the new view and what the action produced. */
export function showMe(sim: Simulation, lessonId: string, stepIndex: number, view: ViewState): { view: ViewState; command?: string; output?: string; exitCode?: number } {
  const step = lessonById(lessonId)?.steps[stepIndex];
  if (!step) throw new Error(`There is no step ${stepIndex + 1} in lesson "${lessonId}".`);
  const action = step.showMe({ sim, view });
  const next: ViewState = { ...view };
  switch (action.kind) {
    case 'select':
      next.selected = action.selected;
      return { view: next };
    case 'exec': {
      const r = sim.exec(action.target, action.command);
      next.panel = 'terminal';
      next.terminal = action.target;
      return { view: next, command: action.command, output: r.output, exitCode: r.exitCode };
    }
    case 'trace':
      sim.trace(action.from, action.to);
      next.panel = 'trace';
      next.trace = { from: action.from, to: action.to, step: action.step ?? 0 };
      return { view: next };
    case 'step':
      if (next.trace) next.trace = { ...next.trace, step: action.step };
      return { view: next };
  }
}
