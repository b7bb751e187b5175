/**
 * When the cluster graph stops drawing one card per pod, and how a node tile's pod heatmap is
 * laid out. Pure, so the thresholds and the geometry are unit-tested.
 *
 * Thresholds (mode "auto"): a pod card is ~60 px of DOM with five store subscriptions, and every
 * node card joins a full mesh of VXLAN arcs (n·(n−1)/2). Beyond about 16 nodes, 150 visible pods
 * or 24 pods on one node (12 rows of cards) that picture is both unreadable and slow, so every
 * node becomes a tile: a count and one heatmap cell per pod, drawn on a single canvas. Every
 * lesson and preset stays far below these numbers (at most 3 nodes and ~20 pods) and keeps
 * today's pod cards.
 */
import type { PodView, Snapshot } from '../../engine/sim/snapshot';
import { visiblePods } from './layout';

export const TILE_LIMITS = { nodes: 16, pods: 150, podsPerNode: 24 } as const;

export type GraphMode = 'auto' | 'pods' | 'tiles';

/** Whether the graph draws tiles: the learner's choice, else the thresholds above. */
export function tilesFor(s: Snapshot, showSystem: boolean, mode: GraphMode): boolean {
  if (mode !== 'auto') return mode === 'tiles';
  if (s.nodes.length > TILE_LIMITS.nodes) return true;
  const pods = visiblePods(s, showSystem);
  if (pods.length > TILE_LIMITS.pods) return true;
  const perNode = new Map<string, number>();
  for (const p of pods) {
    const k = p.node ?? '';
    const n = (perNode.get(k) ?? 0) + 1;
    if (n > TILE_LIMITS.podsPerNode) return true;
    perNode.set(k, n);
  }
  return false;
}

/** What a heatmap cell's colour says. Terminating and crash-looping pods are told apart from their phase. */
export type CellState = 'running' | 'notready' | 'pending' | 'failed' | 'terminating' | 'succeeded' | 'unknown';

export const CELL_STATES: CellState[] = ['running', 'notready', 'pending', 'failed', 'terminating', 'succeeded', 'unknown'];

const FAILED_STATUS = /CrashLoopBackOff|Error|ErrImagePull|ImagePullBackOff|OOMKilled|Evicted|CreateContainerConfigError/;

/** FAILED_STATUS per STATUS text: a cluster has a handful of distinct ones and thousands of pods. */
const failedStatus = new Map<string, boolean>();

function isFailedStatus(status: string): boolean {
  let v = failedStatus.get(status);
  if (v === undefined) {
    v = FAILED_STATUS.test(status);
    if (failedStatus.size < 1000) failedStatus.set(status, v);
  }
  return v;
}

export function cellState(p: PodView): CellState {
  if (p.status === 'Terminating') return 'terminating';
  if (p.phase === 'Failed' || isFailedStatus(p.status)) return 'failed';
  if (p.phase === 'Running') {
    const [ready, total] = p.ready.split('/').map(Number);
    return ready < total ? 'notready' : 'running';
  }
  if (p.phase === 'Pending') return 'pending';
  if (p.phase === 'Succeeded') return 'succeeded';
  return 'unknown';
}

/** Heatmap box: fixed width; height from the busiest tile, at most HEAT_MAX_H. */
export const HEAT_W = 208;
export const HEAT_MAX_H = 96;
/** Cell pitch in px (cell plus 1 px gap), largest first: a tile shrinks its cells before it overflows. */
const PITCHES = [13, 9, 6, 4, 3, 2, 1];

export interface HeatGeometry {
  /** Distance between cell origins; cells are pitch − 1 px wide (pitch itself when ≤ 2). */
  pitch: number;
  cols: number;
  rows: number;
  /** Cells drawn (pods beyond it are counted in the tile's text, not drawn). */
  shown: number;
}

/** The largest pitch at which `count` cells fit into width × height. */
export function heatGeometry(count: number, height = HEAT_MAX_H, width = HEAT_W): HeatGeometry {
  for (const pitch of PITCHES) {
    const cols = Math.floor(width / pitch);
    const rows = Math.max(1, Math.ceil(count / cols));
    if (rows * pitch <= height || pitch === 1) {
      const maxRows = Math.floor(height / pitch);
      return { pitch, cols, rows: Math.min(rows, maxRows), shown: Math.min(count, cols * maxRows) };
    }
  }
  /* c8 ignore next */
  return { pitch: 1, cols: width, rows: 1, shown: 0 };
}

/** The heatmap height every tile gets: room for the busiest tile at the largest pitch, capped. */
export function heatHeight(maxPods: number, width = HEAT_W, max = HEAT_MAX_H, pitch = PITCHES[0]): number {
  const cols = Math.floor(width / pitch);
  return Math.min(max, Math.max(1, Math.ceil(maxPods / cols)) * pitch);
}

/** Above this many tiles the whole cluster is drawn on one canvas (ClusterMap): a DOM tile each would be slow to zoom. */
export const MAP_TILES = 120;

/** Centre of cell i inside the heatmap box. */
export function cellCenter(g: HeatGeometry, i: number): { x: number; y: number } {
  const size = g.pitch > 2 ? g.pitch - 1 : g.pitch;
  return { x: (i % g.cols) * g.pitch + size / 2, y: Math.floor(i / g.cols) * g.pitch + size / 2 };
}

/** Index of the cell under a point of the heatmap box, or −1. */
export function cellAt(g: HeatGeometry, x: number, y: number): number {
  if (x < 0 || y < 0) return -1;
  const col = Math.floor(x / g.pitch);
  const row = Math.floor(y / g.pitch);
  if (col >= g.cols || row >= g.rows) return -1;
  const i = row * g.cols + col;
  return i < g.shown ? i : -1;
}

/** Each pod's cell state, once per pod list: the tile's counts and its heatmap both need them. */
const statesOf = new WeakMap<PodView[], CellState[]>();

export function cellStates(pods: PodView[]): CellState[] {
  let v = statesOf.get(pods);
  if (!v) statesOf.set(pods, (v = pods.map(cellState)));
  return v;
}

const countsOf = new WeakMap<PodView[], Record<CellState, number>>();

/** Counts per cell state, for the tile's summary line (once per pod list: a tile re-renders on hover and selection too). */
export function stateCounts(pods: PodView[]): Record<CellState, number> {
  let out = countsOf.get(pods);
  if (!out) {
    out = Object.fromEntries(CELL_STATES.map((c) => [c, 0])) as Record<CellState, number>;
    for (const st of cellStates(pods)) out[st]++;
    countsOf.set(pods, out);
  }
  return out;
}
