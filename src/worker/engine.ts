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
import type { CheckResult, EngineApi, EventRow, ExecResult, HistoryInfo, HistoryResult, LoadResult, MessagesResult, SchedulingView, ShowMeResult, TraceResult } from './protocol';
import type { KubeEvent } from '../engine/api/types';
import { DEFAULT_FILTERS, DEFAULT_SCORES } from '../engine/scheduler/plugins';
import { eventRows } from './events';
import { hpaSeries, type HpaSeries } from '../engine/controllers/hpa';
import type { Action } from '../engine/scenario/types';
import { parseScenarioFile, scenarioFileName, serializeScenarioFile } from '../engine/scenario/file';
import { kindExport } from '../engine/scenario/export';
import { canonicalJson } from '../engine/sim/hash';
import { hashesContent } from '../engine/sim/snapshotBuilder';
import { reachability, type Reachability } from '../engine/explain/reachability';
import { compareDataplanes, STANDARD_COMPARISONS, type Comparison, type Probe } from '../engine/explain/compare';
import { scaleLens, walkSeries, type LensInput, type LensView } from '../engine/explain/scaleLens';
import { captureView, walkTrace, type CaptureView } from '../engine/sim/captureView';
import { captureMark } from '../engine/net/capture';
import { PLAYGROUND_LIMITS } from '../engine/apiserver/limits';
import { lastTraceSubject, tryFix, whyNot, type TryFixResult, type WhyNot, type WhySubject } from '../engine/explain/whyNot';

export class EngineHost implements EngineApi {
  private current?: Simulation;
  /** Actions undone, most recent last; valid while the log is as the last undo/redo left it. */
  private redoStack: Action[] = [];
  /** The log length right after the last undo/redo (any other change drops the redo stack). */
  private redoAt = -1;
  /** The first actions of the log that undo never removes (a preset's or lesson's setup). */
  private base = 0;

  /** Created on first use, so a load() from a URL does not boot the default cluster first. */
  private get sim(): Simulation {
    return (this.current ??= Simulation.create());
  }

  private set sim(s: Simulation) {
    this.current = s;
    this.base = 0;
    this.redoStack = [];
    this.redoAt = -1;
  }

  /** A replayed log: when it starts with its preset's setup (the breakage), undo stops after it. */
  private replayed(sim: Simulation): void {
    this.sim = sim;
    const preset = sim.scenario.preset ? presetById(sim.scenario.preset) : undefined;
    if (!preset) return;
    const { setup } = preset.build();
    if (setup.length <= sim.actions.length && setup.every((a, i) => canonicalJson(a) === canonicalJson(sim.actions[i]))) this.base = setup.length;
  }

  /** A new cluster whose first actions are its setup: undo stops there. */
  private fresh(sim: Simulation): void {
    this.sim = sim;
    this.base = sim.actions.length;
  }

  private historyInfo(): HistoryInfo {
    const len = this.current?.actions.length ?? 0;
    if (len !== this.redoAt) {
      this.redoStack = [];
      this.redoAt = -1;
    }
    return { undo: Math.max(0, len - this.base), redo: this.redoStack.length };
  }

  async history(): Promise<HistoryInfo> {
    return this.historyInfo();
  }

  async undo(): Promise<HistoryResult> {
    const info = this.historyInfo();
    if (info.undo === 0) return { snapshot: this.sim.snapshot(), history: info };
    const old = this.sim;
    const action = old.actions[old.actions.length - 1];
    const sim = Simulation.replay(old.scenario, old.actions.slice(0, -1));
    const { base } = this;
    const stack = [...this.redoStack, action];
    this.current = sim;
    this.base = base;
    this.redoStack = stack;
    this.redoAt = sim.actions.length;
    return { snapshot: sim.snapshot(), history: this.historyInfo(), action, trace: sim.lastTrace };
  }

  async redo(): Promise<HistoryResult> {
    const info = this.historyInfo();
    const action = this.redoStack[this.redoStack.length - 1];
    if (info.redo === 0 || !action) return { snapshot: this.sim.snapshot(), history: info };
    const sim = this.sim;
    sim.apply(action);
    this.redoStack = this.redoStack.slice(0, -1);
    this.redoAt = sim.actions.length;
    return { snapshot: sim.snapshot(), history: this.historyInfo(), action, trace: sim.lastTrace };
  }

  async restore(fragment: string): Promise<LoadResult> {
    try {
      const state = decodeState(fragment.replace(/^#/, ''));
      this.replayed(Simulation.replay(state.scenario, state.actions));
      return { snapshot: this.sim.snapshot(), view: state.view, trace: this.retrace(state.view) };
    } catch (e) {
      return { snapshot: this.sim.snapshot(), error: (e as Error).message };
    }
  }

  async loadFile(text: string, fileName: string): Promise<LoadResult> {
    try {
      const state = parseScenarioFile(text, fileName);
      this.replayed(Simulation.replay(state.scenario, state.actions));
      return { snapshot: this.sim.snapshot(), trace: this.sim.lastTrace, notes: state.notes };
    } catch (e) {
      return { snapshot: this.sim.snapshot(), error: (e as Error).message };
    }
  }

  async exportFile(format: 'json' | 'yaml'): Promise<{ text: string; fileName: string }> {
    return { text: serializeScenarioFile({ scenario: this.sim.scenario, actions: this.sim.actions }, format), fileName: scenarioFileName(this.sim.scenario.name, format) };
  }

  async exportKind(): Promise<{ text: string; fileName: string }> {
    const name = scenarioFileName(this.sim.scenario.name, 'yaml').replace(/\.yaml$/, '');
    return { text: kindExport(this.sim.scenario, this.sim.actions).script, fileName: `${name}-kind.sh` };
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
      this.replayed(sim);
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

  /**
   * Runs an action; if the engine throws after the action was logged (a bug, not a refusal),
   * the state is rebuilt from the last good log and the learner is told what happened.
   */
  private guarded<T>(what: string, fn: () => T): T {
    const before = this.sim.actions.length;
    try {
      return fn();
    } catch (e) {
      if (this.sim.actions.length === before) throw e;
      const good = this.sim.actions.slice(0, before);
      this.sim = Simulation.replay(this.sim.scenario, good);
      throw new Error(`The simulation failed while running ${what}: ${(e as Error).message}. The last good state was restored.`, { cause: e });
    }
  }

  async exec(target: string, command: string): Promise<ExecResult> {
    const r = this.guarded(`"${command}" on ${target}`, () => this.sim.exec(target, command));
    return { output: r.output, exitCode: r.exitCode, snapshot: this.sim.snapshot() };
  }

  /**
   * A refresh of `watch CMD`: runs like exec, but stays out of the action log when it changed
   * nothing (a read-only command), so a minute of `watch kubectl get pods` adds no actions.
   */
  async peek(target: string, command: string): Promise<ExecResult> {
    // Past CONTENT_HASH_LIMITS comparing fingerprints costs seconds per refresh: the action stays.
    const exact = hashesContent(this.sim.ctx.api);
    const before = exact ? this.sim.stateHash() : '';
    const mark = captureMark(this.sim.ctx.net);
    const length = this.sim.actions.length;
    const r = this.guarded(`"${command}" on ${target}`, () => this.sim.exec(target, command));
    // A refresh that only moved tcpdump's cursor still changed what a replay must reproduce.
    if (exact && this.sim.actions.length === length + 1 && this.sim.stateHash() === before && captureMark(this.sim.ctx.net) === mark) this.sim.actions.pop();
    return { output: r.output, exitCode: r.exitCode, snapshot: this.sim.snapshot() };
  }

  async apply(manifest: string): Promise<ExecResult> {
    const r = this.guarded('kubectl apply', () => this.sim.applyManifest(manifest));
    return { output: r.output, exitCode: r.exitCode, snapshot: this.sim.snapshot() };
  }

  async trace(from: string, to: string, opts: { proto?: 'icmp' | 'tcp' | 'udp'; port?: number } = {}): Promise<TraceResult> {
    const trace = this.guarded(`a trace from ${from} to ${to}`, () => this.sim.trace(from, to, opts));
    return { trace, snapshot: this.sim.snapshot() };
  }

  async yaml(kind: 'Pod' | 'Node' | 'Service', namespace: string | undefined, name: string): Promise<string> {
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
    this.fresh(Simulation.replay(scenario, setup));
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
      this.fresh(sim);
      return { snapshot: sim.snapshot(), view: atStep > 0 ? view : undefined, trace: atStep > 0 ? sim.lastTrace : undefined };
    } catch (e) {
      return { snapshot: this.sim.snapshot(), error: (e as Error).message };
    }
  }

  async checkLesson(lessonId: string, stepIndex: number, view: ViewState, lang: 'en' | 'de' = 'en'): Promise<CheckResult> {
    return checkStep(this.sim, lessonId, stepIndex, view, lang);
  }

  async showMe(lessonId: string, stepIndex: number, view: ViewState): Promise<ShowMeResult> {
    const r = showMe(this.sim, lessonId, stepIndex, view);
    if (r.sim) this.fresh(r.sim);
    return { snapshot: this.sim.snapshot(), view: r.view, trace: this.sim.lastTrace, command: r.command, output: r.output, exitCode: r.exitCode, manifest: r.manifest, runs: r.runs };
  }

  async advance(ms: number): Promise<HistoryResult> {
    if (!Number.isInteger(ms) || ms <= 0 || ms > 3_600_000) throw new Error(`time can advance by 1 ms to 1 h at once, not ${ms} ms`);
    const sim = this.sim;
    const n = sim.actions.length;
    const last = sim.actions[n - 1];
    // Playing sends many small advances: one growing sleep keeps the log (and undo) to one step.
    if (last?.type === 'sleep' && n > this.base) {
      try {
        sim.actions[n - 1] = { type: 'sleep', ms: last.ms + ms };
        sim.ctx.clock.runUntil(sim.ctx.clock.now + ms);
      } catch (e) {
        this.current = Simulation.replay(sim.scenario, [...sim.actions.slice(0, -1), last]);
        throw new Error(`The simulation failed while time passed: ${(e as Error).message}. The last good state was restored.`, { cause: e });
      }
    } else this.guarded(`${ms / 1000} s of simulated time`, () => sim.sleep(ms));
    // Time moved on: what was undone before can no longer be redone on top of it.
    this.redoStack = [];
    this.redoAt = -1;
    return { snapshot: this.sim.snapshot(), history: this.historyInfo(), action: this.sim.actions[this.sim.actions.length - 1] };
  }

  private epochs = new WeakMap<Simulation, number>();
  private nextEpoch = 1;

  async messages(since: number): Promise<MessagesResult> {
    const sim = this.sim;
    let epoch = this.epochs.get(sim);
    if (epoch === undefined) this.epochs.set(sim, (epoch = this.nextEpoch++));
    const all = sim.ctx.log.all();
    const total = sim.ctx.log.total;
    const first = total - all.length;
    return { epoch, total, messages: all.slice(Math.max(0, Math.min(all.length, since - first))) };
  }

  async events(): Promise<EventRow[]> {
    return eventRows(this.sim.ctx.api.peekAll('Event') as KubeEvent[], this.sim.ctx.clock.now);
  }

  async hpaHistory(): Promise<HpaSeries[]> {
    return hpaSeries(this.sim.ctx);
  }

  async scheduling(pod: string): Promise<SchedulingView | undefined> {
    const decision = this.sim.schedulingDecisions(pod)[0];
    if (!decision) return undefined;
    return { decision, filters: DEFAULT_FILTERS.map((f) => f.name), scores: DEFAULT_SCORES.map((x) => ({ name: x.name, weight: x.weight })) };
  }

  async reachability(namespaces: string[]): Promise<Reachability> {
    return reachability(this.sim, namespaces);
  }

  async scaleLens(input: LensInput): Promise<LensView> {
    return { result: scaleLens(input), series: walkSeries(input.endpoints, input.nodes) };
  }

  async compare(comparison: string, probe: Probe): Promise<Comparison> {
    const c = STANDARD_COMPARISONS.find((x) => x.id === comparison);
    if (!c) throw new Error(`unknown comparison "${comparison}" (one of: ${STANDARD_COMPARISONS.map((x) => x.id).join(', ')})`);
    return compareDataplanes(this.sim, c.variants, probe);
  }

  async capture(target: string): Promise<CaptureView> {
    return captureView(this.sim, target);
  }

  async walkTrace(walk: number): Promise<Trace | undefined> {
    return walkTrace(this.sim, walk)?.trace;
  }

  async why(subject?: WhySubject): Promise<WhyNot | undefined> {
    const s = subject ?? lastTraceSubject(this.sim);
    return s ? whyNot(this.sim, s) : undefined;
  }

  async tryFix(why: WhyNot): Promise<TryFixResult> {
    return tryFix(this.sim, why);
  }

  async debugLiftLimits(): Promise<void> {
    PLAYGROUND_LIMITS.objects = Number.MAX_SAFE_INTEGER;
    PLAYGROUND_LIMITS.pods = Number.MAX_SAFE_INTEGER;
  }

  async debugSpin(ms: number): Promise<void> {
    const end = Date.now() + Math.min(ms, 600_000);
    while (Date.now() < end) {
      // deliberately busy: the UI's watchdog must notice and terminate this worker
    }
  }
}
