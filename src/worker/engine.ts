/**
 * The engine side of the worker protocol, as a plain class so it can be tested in Node.
 * It owns one Simulation; a failed load keeps the default scenario and reports why.
 */
import { Simulation } from '../engine/sim/simulation';
import { decodeState, encodeState } from '../engine/scenario/url';
import type { ViewState } from '../engine/scenario/view';
import type { Trace } from '../engine/net/trace';
import { checkStep, lessonStart, showMe } from '../lessons/runner';
import { buildNodeNetwork } from '../engine/sim/nodeNetwork';
import { presetById, presetInfos } from '../engine/scenario/presets';
import type { NodeNetworkView, PresetInfo } from '../engine/sim/snapshot';
import type { CheckResult, EngineApi, ExecResult, LoadResult, ShowMeResult, TraceResult } from './protocol';

export class EngineHost implements EngineApi {
  private current?: Simulation;

  /** Created on first use, so a load() from a URL does not boot the default cluster first. */
  private get sim(): Simulation {
    return (this.current ??= Simulation.create());
  }

  private set sim(s: Simulation) {
    this.current = s;
  }

  async load(fragment: string): Promise<LoadResult> {
    const f = fragment.replace(/^#/, '');
    if (f === '') {
      this.sim = Simulation.create();
      return { snapshot: this.sim.snapshot() };
    }
    try {
      const state = decodeState(f);
      const sim = Simulation.replay(state.scenario, state.actions);
      this.sim = sim;
      const trace = this.retrace(state.view);
      return { snapshot: sim.snapshot(), view: state.view, trace };
    } catch (e) {
      this.sim = Simulation.create();
      return { snapshot: this.sim.snapshot(), error: `This link could not be opened: ${(e as Error).message}. The default scenario was loaded instead.` };
    }
  }

  /** The trace a view shows is the last one in the replayed log. */
  private retrace(view: ViewState | undefined): Trace | undefined {
    if (!view?.trace) return undefined;
    return this.sim.lastTrace;
  }

  async exec(target: string, command: string): Promise<ExecResult> {
    const r = this.sim.exec(target, command);
    return { output: r.output, exitCode: r.exitCode, snapshot: this.sim.snapshot() };
  }

  async apply(manifest: string): Promise<ExecResult> {
    const r = this.sim.applyManifest(manifest);
    return { output: r.output, exitCode: r.exitCode, snapshot: this.sim.snapshot() };
  }

  async trace(from: string, to: string): Promise<TraceResult> {
    const trace = this.sim.trace(from, to);
    return { trace, snapshot: this.sim.snapshot() };
  }

  async yaml(kind: 'Pod' | 'Node', namespace: string | undefined, name: string): Promise<string> {
    return this.sim.yaml(kind, namespace, name);
  }

  async shareFragment(view: ViewState): Promise<string> {
    return encodeState({ scenario: this.sim.scenario, actions: this.sim.actions, view });
  }

  async nodeNetwork(node: string): Promise<NodeNetworkView> {
    return buildNodeNetwork(this.sim, node);
  }

  async presets(): Promise<PresetInfo[]> {
    return presetInfos();
  }

  async loadPreset(id: string): Promise<LoadResult> {
    const preset = presetById(id);
    if (!preset) return { snapshot: this.sim.snapshot(), error: `There is no preset "${id}".` };
    const { scenario, setup } = preset.build();
    this.sim = Simulation.replay(scenario, setup);
    return { snapshot: this.sim.snapshot() };
  }

  async startLesson(lessonId: string, atStep = 0): Promise<LoadResult> {
    try {
      let sim = lessonStart(lessonId);
      let view: ViewState = { panel: 'lesson', lesson: { id: lessonId, step: 0 } };
      for (let i = 0; i < atStep; i++) {
        const r = showMe(sim, lessonId, i, view);
        view = r.view;
        if (r.sim) sim = r.sim;
      }
      this.sim = sim;
      return { snapshot: sim.snapshot(), view: atStep > 0 ? view : undefined, trace: atStep > 0 ? sim.lastTrace : undefined };
    } catch (e) {
      return { snapshot: this.sim.snapshot(), error: (e as Error).message };
    }
  }

  async checkLesson(lessonId: string, stepIndex: number, view: ViewState): Promise<CheckResult> {
    return checkStep(this.sim, lessonId, stepIndex, view);
  }

  async showMe(lessonId: string, stepIndex: number, view: ViewState): Promise<ShowMeResult> {
    const r = showMe(this.sim, lessonId, stepIndex, view);
    if (r.sim) this.sim = r.sim;
    return { snapshot: this.sim.snapshot(), view: r.view, trace: this.sim.lastTrace, command: r.command, output: r.output, exitCode: r.exitCode };
  }
}
