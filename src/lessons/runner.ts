/** Runs lesson checks and "show me" actions against a simulation (worker and CLI share this). */
import { Simulation } from '../engine/sim/simulation';
import { presetById } from '../engine/scenario/presets';
import type { ViewState } from '../engine/scenario/view';
import { lessonById } from './index';
import { localize, type LessonLang } from './types';

/** A check's outcome in one language; `lang` is set when the message is German. */
export interface CheckOutcome {
  passed: boolean;
  message: string;
  lang?: 'de';
}

export function checkStep(sim: Simulation, lessonId: string, stepIndex: number, view: ViewState, lang: LessonLang = 'en'): CheckOutcome {
  const lesson = lessonById(lessonId);
  const step = lesson?.steps[stepIndex];
  if (!lesson || !step) return { passed: false, message: `There is no step ${stepIndex + 1} in lesson "${lessonId}".` };
  try {
    const r = step.check({ sim, view });
    const m = localize(r.message, lang);
    return m.lang === 'de' ? { passed: r.passed, message: m.text, lang: 'de' } : { passed: r.passed, message: m.text };
  } catch (e) {
    return { passed: false, message: `This check could not run: ${(e as Error).message}` };
  }
}

export interface ShowMeOutcome {
  view: ViewState;
  command?: string;
  output?: string;
  exitCode?: number;
  /** Each command run, in order, with its machine: the terminal shows them one by one. */
  runs?: { target: string; command: string; output: string; exitCode: number }[];
  /** Set when the step applied YAML: the text, so the editor can show what was applied. */
  manifest?: string;
  /** Set when the step switched scenario: the simulation to continue with. */
  sim?: Simulation;
}

/** The simulation a lesson starts from: its preset, booted with the preset's setup. */
export function lessonStart(lessonId: string): Simulation {
  const preset = presetById(lessonById(lessonId)?.preset ?? 'default');
  if (!preset) throw new Error(`lesson "${lessonId}" names an unknown preset`);
  const { scenario, setup } = preset.build();
  return Simulation.replay(scenario, setup);
}

/** Performs a step for the learner; returns the new view and what the action produced. */
export function showMe(sim: Simulation, lessonId: string, stepIndex: number, view: ViewState): ShowMeOutcome {
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
      return { view: next, command: action.command, output: r.output, exitCode: r.exitCode, runs: [{ target: action.target, command: action.command, ...r }] };
    }
    case 'script':
    case 'multi': {
      const list = action.kind === 'script' ? action.commands.map((command) => ({ target: action.target, command })) : action.runs;
      const runs = list.map(({ target, command }) => ({ target, command, ...sim.exec(target, command) }));
      const several = new Set(list.map((r) => r.target)).size > 1;
      const outputs = runs.map((r) => `${several ? r.target : ''}$ ${r.command}${r.output ? `\n${r.output}` : ''}`);
      next.panel = 'terminal';
      next.terminal = list.at(-1)?.target;
      return { view: next, command: list.map((r) => (several ? `${r.target}: ${r.command}` : r.command)).join('; '), output: outputs.join('\n'), exitCode: runs.at(-1)?.exitCode ?? 0, runs };
    }
    case 'apply': {
      // The UI brings its editor tab to the front with the manifest in it (not part of the view).
      const r = sim.applyManifest(action.manifest);
      return { view: next, command: 'kubectl apply -f -', output: r.output, exitCode: r.exitCode, manifest: action.manifest };
    }
    case 'preset': {
      const preset = presetById(action.id);
      if (!preset) throw new Error(`unknown preset "${action.id}"`);
      const { scenario, setup } = preset.build();
      delete next.trace;
      delete next.selected;
      return { view: next, sim: Simulation.replay(scenario, setup) };
    }
    case 'trace': {
      const t = sim.trace(action.from, action.to, { proto: action.proto, port: action.port });
      const at = action.stage ? t.steps.findIndex((s) => s.stage === action.stage) : -1;
      next.panel = 'trace';
      next.trace = { from: action.from, to: action.to, step: at >= 0 ? at : (action.step ?? 0) };
      return { view: next };
    }
    case 'step':
      if (next.trace) next.trace = { ...next.trace, step: action.step };
      return { view: next };
  }
}
