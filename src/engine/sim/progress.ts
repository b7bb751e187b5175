/**
 * Progress of a long engine call — booting 1,000 nodes, scheduling 10,000 pods, replaying a
 * log — for the UI's progress bar and the worker's watchdog (a call that reports progress is
 * alive). Reporting only reads the cluster, and when it happens (wall time) never feeds back
 * into the simulation: a replay is the same on a fast and on a slow machine.
 */
import type { Node, Pod } from '../api/types';
import type { SimContext } from './context';

/** What the simulation is doing: kubeadm init, kubeadm join, the scenario's manifests, the addons after them, a logged action, the snapshot for the page. */
export type ProgressStep = 'init' | 'join' | 'manifests' | 'addons' | 'action' | 'snapshot';

export interface Phase {
  step: ProgressStep;
  /** While a log is replayed: the action running (1-based) and how many there are. */
  action?: number;
  actions?: number;
}

export interface Progress extends Phase {
  /** Nodes that join (kubeadm join) and those of them Ready. */
  nodes: number;
  nodesReady: number;
  pods: number;
  podsScheduled: number;
  podsRunning: number;
  /** The simulated clock, in ms. */
  simMs: number;
  /** etcd's revision: writes show progress while the clock stands (5,000 Services created at one millisecond). */
  revision: number;
}

export type ProgressSink = (p: Progress) => void;

/** At most one report per this much wall time: enough for a smooth bar, cheap for the engine. */
export const PROGRESS_INTERVAL_MS = 250;

const reporter = {
  sink: undefined as ProgressSink | undefined,
  intervalMs: PROGRESS_INTERVAL_MS,
  last: -Infinity,
  now: (): number => performance.now(),
};

/** Where reports go (the worker posts them to the page); undefined stops reporting. `now` is for tests. */
export function setProgressSink(sink: ProgressSink | undefined, opts: { intervalMs?: number; now?: () => number } = {}): void {
  reporter.sink = sink;
  reporter.intervalMs = opts.intervalMs ?? PROGRESS_INTERVAL_MS;
  reporter.now = opts.now ?? (() => performance.now());
  reporter.last = -Infinity;
}

/** Called from the clock's loops every few hundred events: reports when the interval has passed. */
export function progressTick(measure: (() => Progress) | undefined): void {
  if (!reporter.sink || !measure) return;
  const t = reporter.now();
  if (t - reporter.last < reporter.intervalMs) return;
  reporter.last = t;
  reporter.sink(measure());
}

/** The counts a report carries, read from the API server's cache (no copies of the objects). */
export function measureProgress(ctx: SimContext, phase: Phase): Progress {
  let nodesReady = 0;
  for (const n of ctx.api.peekAll('Node') as Node[]) if (n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) nodesReady++;
  const pods = ctx.api.peekAll('Pod') as Pod[];
  let podsScheduled = 0;
  let podsRunning = 0;
  for (const p of pods) {
    if (p.spec.nodeName) podsScheduled++;
    if (p.status?.phase === 'Running') podsRunning++;
  }
  const nodes = ctx.scenario.nodes.filter((n) => n.joined !== false).length;
  return { ...phase, nodes, nodesReady, pods: pods.length, podsScheduled, podsRunning, simMs: ctx.clock.now, revision: ctx.api.etcd.revision };
}
