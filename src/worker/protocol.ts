/**
 * The typed protocol between the UI (main thread) and the engine (Web Worker), via comlink.
 * Every call returns a fresh Snapshot so the UI never reads engine objects directly.
 */
import type { NodeNetworkView, PresetInfo, Snapshot } from '../engine/sim/snapshot';
import type { Trace } from '../engine/net/trace';
import type { ViewState } from '../engine/scenario/view';
import type { Action } from '../engine/scenario/types';
import type { Reachability } from '../engine/explain/reachability';
import type { LensInput, LensView } from '../engine/explain/scaleLens';
import type { Comparison, Probe } from '../engine/explain/compare';
import type { Message } from '../engine/sim/messages';
import type { SchedulingDecision } from '../engine/scheduler/types';
import type { TryFixResult, WhyNot, WhySubject } from '../engine/explain/whyNot';
import type { HpaSeries } from '../engine/controllers/hpa';
import type { CaptureView } from '../engine/sim/captureView';
import type { Progress } from '../engine/sim/progress';

/**
 * Posted by the worker beside comlink's answers (comlink ignores a message without its id) while a
 * long call runs, at most every PROGRESS_INTERVAL_MS: the page shows it, and the watchdog takes a
 * report that shows progress as a sign of life.
 */
export interface ProgressMessage {
  type: 'engine-progress';
  progress: Progress;
}

export function isProgressMessage(data: unknown): data is ProgressMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'engine-progress';
}

export interface CheckResult {
  passed: boolean;
  /** Feedback for the learner when the check does not pass yet (or praise when it does). */
  message: string;
  /** Set when the message is German (the lesson has a German text and the UI asked for it). */
  lang?: 'de';
}

export interface LoadResult {
  snapshot: Snapshot;
  /** The view stored in the URL (selected pod, trace, step), when one was loaded. */
  view?: ViewState;
  trace?: Trace;
  /** Set when the URL could not be used: the default scenario was loaded instead. */
  error?: string;
  /** What an import from a real cluster's dump took over and left out. */
  notes?: string[];
}

export interface ExecResult {
  output: string;
  exitCode: number;
  snapshot: Snapshot;
}

export interface TraceResult {
  trace: Trace;
  snapshot: Snapshot;
}

export interface ShowMeResult {
  snapshot: Snapshot;
  view: ViewState;
  trace?: Trace;
  /** When "show me" ran a command: the command line and what it printed. */
  command?: string;
  output?: string;
  exitCode?: number;
  /** When "show me" applied YAML: the manifest, for the editor. */
  manifest?: string;
  /** Each command "show me" ran, with its machine, for the terminal tabs. */
  runs?: { target: string; command: string; output: string; exitCode: number }[];
}

export interface EngineApi {
  /** Loads the state a URL fragment (`#s=...`) holds, or the default scenario when empty. */
  load(fragment: string): Promise<LoadResult>;
  /** Runs a terminal command on a target (a node name, or namespace/pod). */
  exec(target: string, command: string): Promise<ExecResult>;
  /** A `watch` refresh: as exec, but not logged when it changed nothing. */
  peek(target: string, command: string): Promise<ExecResult>;
  /** `kubectl apply` of a manifest (multi-document YAML), as from the editor. */
  apply(manifest: string): Promise<ExecResult>;
  /** Traces an ICMP echo from a pod (namespace/pod) to a pod id or an IP address. */
  trace(from: string, to: string, opts?: { proto?: 'icmp' | 'tcp' | 'udp'; port?: number }): Promise<TraceResult>;
  /** The object as `kubectl get -o yaml` prints it. */
  yaml(kind: 'Pod' | 'Node' | 'Service', namespace: string | undefined, name: string): Promise<string>;
  /** The URL fragment (without '#') for the current state and the given view. */
  shareFragment(view: ViewState): Promise<string>;
  /** Everything the Node network panel shows for one machine (namespaces, links, routes, iptables). */
  nodeNetwork(node: string): Promise<NodeNetworkView>;
  /** The ready-made scenarios (basics and classic breakages). */
  presets(): Promise<PresetInfo[]>;
  /** Replaces the current state with a preset (its setup actions become the start of the log). */
  loadPreset(id: string): Promise<LoadResult>;
  /** Starts a lesson on the scenario it begins from (its preset); at a later step, earlier steps are performed. */
  startLesson(lessonId: string, atStep?: number): Promise<LoadResult>;
  /** Evaluates a lesson step's check against the live simulation. */
  checkLesson(lessonId: string, stepIndex: number, view: ViewState, lang?: 'en' | 'de'): Promise<CheckResult>;
  /** Performs a lesson step for the learner ("show me"); returns the new snapshot. */
  showMe(lessonId: string, stepIndex: number, view: ViewState): Promise<ShowMeResult>;
  /** Undoes the last action by replaying the scenario and the log without it. */
  undo(): Promise<HistoryResult>;
  /** Redoes the last undone action (until a new action is taken). */
  redo(): Promise<HistoryResult>;
  /** How many actions can be undone and redone now. */
  history(): Promise<HistoryInfo>;
  /** Replaces the state with a saved fragment (autosave, saved list); on error the current state is kept. */
  restore(fragment: string): Promise<LoadResult>;
  /** Replaces the state with a scenario file (JSON or YAML); on error the current state is kept. */
  loadFile(text: string, fileName: string): Promise<LoadResult>;
  /** The current scenario and action log as a file (JSON or YAML). */
  exportFile(format: 'json' | 'yaml'): Promise<{ text: string; fileName: string }>;
  /** A shell script that runs the scenario on a real cluster with kind. */
  exportKind(): Promise<{ text: string; fileName: string }>;
  /** Lets `ms` of simulated time pass (play/step); back-to-back calls extend one `sleep` action in the log. */
  advance(ms: number): Promise<HistoryResult>;
  /** Control-plane messages after the `since`-th one (as many as the log still holds), for the flow view. */
  messages(since: number): Promise<MessagesResult>;
  /** The Kubernetes Events (what `kubectl get events -A` lists), oldest first. */
  events(): Promise<EventRow[]>;
  /** Why a pod (namespace/name) went where it went: the scheduler's latest decision for it. */
  scheduling(pod: string): Promise<SchedulingView | undefined>;
  /** Who can reach whom: traces from every running pod of the namespaces (all when empty) to pods, Services and the outside. */
  reachability(namespaces: string[]): Promise<Reachability>;
  /** The scenario replayed under two settings (a STANDARD_COMPARISONS id), the same probe traced in both, rules and routes diffed. */
  compare(comparison: string, probe: Probe): Promise<Comparison>;
  /** The scale lens: kube-proxy's per-node rules, KUBE-SERVICES and first-packet walk for N nodes, S Services, E endpoints, and the walk vs Services for both modes. */
  scaleLens(input: LensInput): Promise<LensView>;
  /** The frames a machine (node name, "router", "internet") or pod (namespace/pod) sent and received: its capture log, by layer, linked to traces. */
  capture(target: string): Promise<CaptureView>;
  /** The trace of a walk in a capture log (the Trace panel's or a terminal probe's), while the engine still knows it. */
  walkTrace(walk: number): Promise<Trace | undefined>;
  /** Why a trace failed (the last one when no subject), why a pod is Pending or where its packets go, why a Service has no endpoints: the cause and the smallest fix. */
  why(subject?: WhySubject): Promise<WhyNot | undefined>;
  /** A why()'s fix applied to a replayed copy of the scenario and log: the outcome before and after; the live state is not touched. */
  tryFix(why: WhyNot): Promise<TryFixResult>;
  /** Each HorizontalPodAutoscaler's replicas and CPU utilization at every 15 s sync, for the replica chart. */
  hpaHistory(): Promise<HpaSeries[]>;
  /** Keeps the worker busy for `ms` of wall time without answering: how the watchdog's test hangs it. */
  debugSpin(ms: number): Promise<void>;
  /** Lifts the playground's safety limits (PLAYGROUND_LIMITS: 12,500 pods, 100,000 objects) in this worker: how `npm run bench` measures past them. */
  debugLiftLimits(): Promise<void>;
}

export interface HistoryInfo {
  /** Actions that can be undone (the setup of a preset or lesson cannot). */
  undo: number;
  redo: number;
}

export interface HistoryResult {
  snapshot: Snapshot;
  history: HistoryInfo;
  /** The action undone or redone (absent when there was nothing to do). */
  action?: Action;
  /** The last trace in the log after the change. */
  trace?: Trace;
}

export interface MessagesResult {
  /** Changes when the state is replaced (load, undo): counts from an older epoch mean nothing. */
  epoch: number;
  /** Messages ever logged in this epoch. */
  total: number;
  /** The messages after `since`, oldest first (the oldest may be gone from the bounded log). */
  messages: Message[];
}

/** One Kubernetes Event as `kubectl get events` shows it, with its simulated times. */
export interface EventRow {
  namespace: string;
  name: string;
  /** kubectl's LAST SEEN column (`12s`, `5m3s`). */
  lastSeen: string;
  type: 'Normal' | 'Warning';
  reason: string;
  /** kind/name, lower-case kind as kubectl prints it. */
  object: string;
  involved: { kind: string; namespace?: string; name: string };
  message: string;
  count: number;
  /** Simulated ms of the first and last occurrence. */
  first: number;
  last: number;
  source: string;
}

/** A scheduling decision with the profile's plugins in the order the framework runs them. */
export interface SchedulingView {
  decision: SchedulingDecision;
  filters: string[];
  scores: { name: string; weight: number }[];
}
