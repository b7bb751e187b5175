/**
 * The UI's single store: a mirror of what the worker last sent (snapshot, trace) plus the
 * view (what the learner looks at). The view lives here so shareFragment(view) sees it all.
 */
import { useDeferredValue } from 'react';
import { create } from 'zustand';
import type { NodeNetworkView, PresetInfo, Snapshot } from '../engine/sim/snapshot';
import type { Trace } from '../engine/net/trace';
import type { ViewState } from '../engine/scenario/view';
import type { CheckResult } from '../worker/protocol';
import { loadProgress, type LessonProgress } from './lessons/progress';
import { EXAMPLES } from './editor/examples';
import { initialLang, initialShowSystemPods, initialTheme, type Theme } from './prefs/prefs';
import type { Lang, MessageKey } from './i18n';
import type { StateSummary } from '../engine/scenario/summary';
import { embedMode, loadSavedList } from './scenarios/storage';
import type { ReachPaint } from './reachability/matrix';

export interface TermEntry {
  id: number;
  target: string;
  prompt: string;
  command: string;
  output: string;
  exitCode: number;
  /** Set for output that did not come from a typed command (a lesson's "Show me"). */
  note?: string;
  /** The terminal session that ran it (it already printed it), if typed in the terminal. */
  origin?: number;
  /** More output of an earlier command (kubectl run -it after the session ended): no prompt line. */
  continued?: boolean;
}

export interface EditorState {
  text: string;
  revision: number;
  problems: number;
  applying: boolean;
  output?: { text: string; exitCode: number };
}

export type DockTab = 'trace' | 'terminal' | 'editor' | 'events';

/** What the main canvas shows. */
export type CanvasView = 'cluster' | 'services' | 'node-network' | 'overlay' | 'control-plane' | 'compare' | 'reach' | 'scale' | 'capture';

/** The detail tabs of the Node network view. */
export type NetTab = 'routes' | 'iptables' | 'neigh' | 'conntrack' | 'files' | 'cni';

export interface UiState {
  status: 'loading' | 'ready' | 'failed';
  /** Fatal problem (worker did not start): shown instead of the app. */
  fatal?: string;
  /** The URL could not be used (LoadResult.error): a dismissible banner. */
  urlError?: string;
  /** The worker stopped answering and was restarted from the autosave: what happened (a banner). */
  engineRestarted?: string;
  /** After importing a real cluster's `kubectl get -o yaml` dump: what was taken over and left out. */
  importNotes?: string[];
  snapshot?: Snapshot;
  trace?: Trace;
  view: ViewState;
  /** Source/destination pickers of the trace panel (may differ from the trace on screen). */
  /** The trace form: source, destination, and what to send (an ICMP echo, or TCP/UDP to a port). */
  traceForm: { from: string; to: string; proto?: 'icmp' | 'tcp' | 'udp'; port?: number };
  playing: boolean;
  yaml?: { key: string; text: string };
  terminal: TermEntry[];
  /** Open terminal tabs (targets), in order; `view.terminal` is the one in front. */
  termTabs: string[];
  /** Bumped when a new cluster replaces the old one: terminal sessions start afresh. */
  termEpoch: number;
  /** The manifest editor is the dock tab in front (the view has no slot for it). */
  editorTab: boolean;
  /** The events timeline is the dock tab in front (like the editor, not part of the view). */
  eventsTab: boolean;
  /** Simulated time: playing (advanced from the UI) or paused (moves only with actions), and how fast. */
  time: { playing: boolean; speed: 1 | 10 | 100 };
  theme: Theme;
  lang: Lang;
  /** The manifest editor: its text, a revision bumped on outside replacement, the last apply. */
  editor: EditorState;
  /** Number of engine calls in flight. */
  busy: number;
  /** The labelled ones among them (a preset, a lesson start, an undo replay...), oldest first: what the busy indicator says. */
  work: Work[];
  toast?: string;
  lessonDrawer: boolean;
  /** Result of the latest check for the step in `view.lesson` (key = id:step). */
  lessonCheck?: CheckResult & { key: string };
  lessonFinished: boolean;
  /** Output of the latest "show me", shown under the step. */
  showMeOutput?: string;
  progress: LessonProgress;
  showSystemPods: boolean;
  canvas: CanvasView;
  /** Node network view: the machine picked by hand (undefined: follow the packet). */
  netNode?: string;
  /** Namespace picked in the node network diagram, for the trace step it was picked at. */
  netNs?: { id: string; at: string };
  netTab: NetTab;
  /** Latest nodeNetwork() answers, each with the snapshot it describes. */
  nodeNet: Record<string, { view: NodeNetworkView; snap: Snapshot }>;
  nodeNetError?: string;
  presets?: PresetInfo[];
  /** The card of a broken preset (symptom, hint on demand) until dismissed. */
  presetCard?: { id: string; hint: boolean };
  /** Actions that can be undone / redone now (from the worker). */
  history: { undo: number; redo: number };
  /** Autosave status shown in the top bar. */
  saved?: 'saving' | 'saved' | 'failed';
  /** The named save the current state belongs to (autosave also updates it). */
  currentSave?: string;
  /** Saved scenarios (name, fragment), newest first. */
  savedList: SavedEntry[];
  /** A link with actions the learner did not make: what it contained. */
  linkNotice?: StateSummary;
  /** `?embed=trace|cluster`: only that panel and the trace, with a link to the full app. */
  embed?: 'trace' | 'cluster';
  /** The Capture view's machine or pod (undefined: the Node network view's machine). */
  captureTarget?: string;
  /** A reachability row painted onto the cluster graph (undefined: the graph as usual). */
  reachPaint?: ReachPaint;
}

/** A long engine call in flight, described by a message key (translated when shown). */
export interface Work {
  id: number;
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface SavedEntry {
  name: string;
  fragment: string;
  /** Milliseconds since the epoch. */
  savedAt: number;
}

export const DEFAULT_VIEW: ViewState = { panel: 'trace' };

export const useUi = create<UiState>(() => ({
  status: 'loading',
  view: DEFAULT_VIEW,
  traceForm: { from: '', to: '' },
  playing: false,
  terminal: [],
  termTabs: [],
  termEpoch: 0,
  editorTab: false,
  eventsTab: false,
  time: { playing: false, speed: 10 },
  theme: initialTheme(),
  editor: { text: EXAMPLES[0].yaml, revision: 0, problems: 0, applying: false },
  lang: initialLang(),
  busy: 0,
  work: [],
  lessonDrawer: false,
  lessonFinished: false,
  progress: loadProgress(),
  showSystemPods: initialShowSystemPods(),
  canvas: 'cluster',
  netTab: 'routes',
  nodeNet: {},
  history: { undo: 0, redo: 0 },
  savedList: loadSavedList(),
  embed: embedMode(),
}));

/** Shallow-merges a patch into the view. */
export function patchView(patch: Partial<ViewState>): void {
  useUi.setState((s) => {
    const view = { ...s.view, ...patch };
    // Opening a terminal target opens its tab; bringing a panel to the front hides the editor.
    const termTabs = view.terminal && !s.termTabs.includes(view.terminal) ? [...s.termTabs, view.terminal] : s.termTabs;
    return { view, termTabs, editorTab: patch.panel ? false : s.editorTab, eventsTab: patch.panel ? false : s.eventsTab };
  });
}

/** Sets the current trace step, clamped to the trace. */
export function setTraceStep(step: number): void {
  useUi.setState((s) => {
    if (!s.trace || !s.view.trace) return {};
    const last = s.trace.steps.length - 1;
    const next = Math.max(0, Math.min(last, step));
    if (next === s.view.trace.step) return {};
    return { view: { ...s.view, trace: { ...s.view.trace, step: next } } };
  });
}

export function dockTab(view: ViewState, editorTab = false, eventsTab = false): DockTab {
  if (editorTab) return 'editor';
  if (eventsTab) return 'events';
  return view.panel === 'terminal' ? 'terminal' : 'trace';
}

export function lessonKey(view: ViewState): string | undefined {
  return view.lesson ? `${view.lesson.id}:${view.lesson.step}` : undefined;
}

/** Above this many pods a snapshot is big: the panels that draw every pod render it in the background. */
export const DEFERRED_PODS = 300;

/**
 * The snapshot for panels whose work grows with the pods (the cluster graph, the trace panel).
 * A big cluster's copy is deferred: React first updates everything else, then renders these
 * panels in a background pass it can interrupt, so 10,000 arriving pods are not one long task
 * (the store's own updates are synchronous). A small cluster's snapshot is used at once, as before.
 */
export function useDeferredSnapshot(): Snapshot | undefined {
  const snap = useUi((s) => s.snapshot);
  const deferred = useDeferredValue(snap);
  return snap && snap.pods.length > DEFERRED_PODS ? (deferred ?? snap) : snap;
}
