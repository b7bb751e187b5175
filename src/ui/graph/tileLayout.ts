/**
 * Snapshot → React Flow nodes for a big cluster: one tile per node (a count and a pod heatmap
 * on one canvas) in a grid, the nodes the learner drilled into as full cards in a row above,
 * the underlay as a bar below. No per-pod graph element and no tunnel mesh: the only edge is
 * the tunnel a traced packet is in (added by the graph).
 */
import type { Node } from '@xyflow/react';
import type { NodeView, PodCounts, PodView, Snapshot } from '../../engine/sim/snapshot';
import { bodyHeight, groupPods, podColumns, UNDERLAY_H, visibleHollow, visiblePods, type K8sNodeData, type UnderlayNode } from './layout';
import { HEAT_W, heatHeight, MAP_TILES } from './scale';
import { UNSCHEDULED } from './graphState';

export const TILE_W = HEAT_W + 24;
/** Head (name, IP, counts) and the "Show pods" row around the heatmap. */
const TILE_CHROME = 132;
const GAP = 24;
const EXPANDED_GAP = 72;
/** Pod cards an expanded tile draws at most (the pending pods of a 10,000-replica Deployment are many). */
export const EXPANDED_MAX_PODS = 120;
/** The grid aims at this width:height, about the canvas's. */
const ASPECT = 2.2;

export interface TileData extends Record<string, unknown> {
  node?: NodeView;
  unscheduled?: boolean;
  /** The node's pods; none for a hollow node (counted in node.hollow, not listed). */
  pods: PodView[];
  /** A hollow node's pod counts as shown (visibleHollow: without its system pods unless asked for). */
  hollow?: PodCounts;
  /** Heatmap height shared by every tile. */
  heatH: number;
}

export type TileNode = Node<TileData, 'tile'>;

export function tileHeight(heatH: number): number {
  return TILE_CHROME + heatH;
}

/** Columns of a grid of `n` tiles shaped like the canvas. */
export function gridColumns(n: number, tileH: number): number {
  return Math.max(1, Math.min(n, Math.round(Math.sqrt((n * ASPECT * (tileH + GAP)) / (TILE_W + GAP)))));
}

/** How many pods a tile stands for: a hollow node's are counted (its shown counts, visibleHollow), not listed. */
export function tilePodCount(hollow: PodCounts | undefined, pods: PodView[]): number {
  return hollow ? hollow.running + hollow.pending + hollow.other : pods.length;
}

/**
 * Cell states of a hollow node's pods, in the order they are drawn: Running, then Pending, then
 * the rest (Terminating, Failed, Succeeded) — contiguous runs, so a tile paints as a few blocks.
 */
export function hollowRuns(h: PodCounts): { state: 'running' | 'pending' | 'unknown'; from: number; to: number }[] {
  const out: { state: 'running' | 'pending' | 'unknown'; from: number; to: number }[] = [];
  let at = 0;
  for (const [state, n] of [['running', h.running], ['pending', h.pending], ['unknown', h.other]] as const) {
    if (n > 0) out.push({ state, from: at, to: at + n });
    at += n;
  }
  return out;
}

/**
 * Natural order (node-2 before node-10, hollow-node-9 before hollow-node-10), as a learner counts
 * them: the name's trailing number compared as a number. An Intl.Collator took 20 ms for 5,000 nodes.
 */
function naturalOrder(nodes: NodeView[]): NodeView[] {
  const keys = new Map<NodeView, [string, number]>();
  for (const n of nodes) {
    const m = /^(.*?)(\d+)$/.exec(n.name);
    keys.set(n, m ? [m[1], Number(m[2])] : [n.name, -1]);
  }
  return nodes.sort((a, b) => {
    if (a.role !== b.role) return a.role === 'control-plane' ? -1 : 1;
    // The hollow nodes after the machines.
    if (!a.hollow !== !b.hollow) return a.hollow ? 1 : -1;
    const [pa, na] = keys.get(a)!;
    const [pb, nb] = keys.get(b)!;
    return pa < pb ? -1 : pa > pb ? 1 : na - nb;
  });
}

/** A tile of the canvas-drawn map (ClusterMap), in flow coordinates. */
export interface MapTile {
  key: string;
  node?: NodeView;
  pods: PodView[];
  /** A hollow node's pod counts as shown (visibleHollow). */
  hollow?: PodCounts;
  /** Pods drawn: pods.length, or a hollow node's count. */
  count: number;
  x: number;
  y: number;
}

/** Map tiles: smaller, name and heatmap only. */
export const MAP = { w: 128, head: 18, pad: 4, heatW: 120, heatMax: 48, gap: 10 } as const;

export interface MapLayout {
  tiles: MapTile[];
  heatH: number;
  tileH: number;
  cols: number;
}

type Group = { key: string; node?: NodeView; pods: PodView[]; hollow?: PodCounts; count: number };

export function buildTileGraph(s: Snapshot, showSystem: boolean, expanded: string[]): { nodes: Node[]; map?: MapLayout } {
  const { byNode, pending } = groupPods(s, visiblePods(s, showSystem));
  const sorted = naturalOrder([...s.nodes]);
  const groups: Group[] = sorted.map((n) => {
    const pods = byNode.get(n.name) ?? [];
    const hollow = n.hollow && visibleHollow(n.hollow, showSystem);
    return { key: n.name, node: n, pods, ...(hollow ? { hollow } : {}), count: tilePodCount(hollow, pods) };
  });
  if (pending.length) groups.push({ key: UNSCHEDULED, pods: pending, count: pending.length });
  const open = groups.filter((g) => expanded.includes(g.key));
  const tiles = groups.filter((g) => !expanded.includes(g.key));
  const nodes: Node[] = [];

  // Drilled-into nodes: today's cards, side by side above the grid.
  let x = 0;
  let openH = 0;
  for (const g of open) {
    const pods = g.pods.slice(0, EXPANDED_MAX_PODS);
    const cols = podColumns(pods.length);
    const w = cols === 1 ? 320 : 400;
    const h = bodyHeight(pods.length, cols) + 30;
    const data: K8sNodeData = { node: g.node, unscheduled: !g.node, pods, cols, expanded: true, total: g.pods.length };
    nodes.push({ id: `node:${g.key}`, type: 'k8sNode', position: { x, y: 0 }, width: w, height: h, data, draggable: false, selectable: false });
    x += w + GAP * 2;
    openH = Math.max(openH, h);
  }

  const top = open.length ? openH + EXPANDED_GAP : 0;
  const maxPods = tiles.reduce((m, g) => Math.max(m, g.count), 0);
  if (tiles.length > MAP_TILES) return { nodes, map: mapLayout(nodes, tiles, maxPods, top, x - GAP * 2) };
  const heatH = heatHeight(maxPods);
  const tileH = tileHeight(heatH);
  const cols = gridColumns(tiles.length, tileH);
  tiles.forEach((g, i) => {
    const data: TileData = { node: g.node, unscheduled: !g.node, pods: g.pods, ...(g.hollow ? { hollow: g.hollow } : {}), heatH };
    nodes.push({
      id: `node:${g.key}`,
      type: 'tile',
      position: { x: (i % cols) * (TILE_W + GAP), y: top + Math.floor(i / cols) * (tileH + GAP) },
      width: TILE_W,
      height: tileH,
      data,
      draggable: false,
      selectable: false,
    });
  });

  const rows = Math.ceil(tiles.length / cols);
  const width = Math.max(x - GAP * 2, Math.min(tiles.length, cols) * (TILE_W + GAP) - GAP, TILE_W);
  const underlay: UnderlayNode = {
    id: 'underlay',
    type: 'underlay',
    position: { x: 0, y: top + rows * (tileH + GAP) + GAP },
    width,
    height: UNDERLAY_H,
    data: { ports: [] },
    draggable: false,
    selectable: false,
  };
  nodes.push(underlay);
  return { nodes };
}

/** Many tiles: one invisible node reserves their grid (so fitView and panning see it); ClusterMap draws them. */
function mapLayout(nodes: Node[], groups: Group[], maxPods: number, top: number, openW: number): MapLayout {
  const heatH = heatHeight(maxPods, MAP.heatW, MAP.heatMax, 8);
  const tileH = MAP.head + heatH + MAP.pad * 2;
  const cols = Math.max(1, Math.round(Math.sqrt((groups.length * ASPECT * (tileH + MAP.gap)) / (MAP.w + MAP.gap))));
  const tiles = groups.map((g, i): MapTile => ({ key: g.key, node: g.node, pods: g.pods, ...(g.hollow ? { hollow: g.hollow } : {}), count: g.count, x: (i % cols) * (MAP.w + MAP.gap), y: top + Math.floor(i / cols) * (tileH + MAP.gap) }));
  const rows = Math.ceil(groups.length / cols);
  const gridW = cols * (MAP.w + MAP.gap) - MAP.gap;
  const gridH = rows * (tileH + MAP.gap) - MAP.gap;
  nodes.push({ id: 'map-space', type: 'spacer', position: { x: 0, y: top }, width: gridW, height: gridH, data: {}, draggable: false, selectable: false });
  const underlay: UnderlayNode = {
    id: 'underlay',
    type: 'underlay',
    position: { x: 0, y: top + gridH + MAP.gap * 3 },
    width: Math.max(gridW, openW),
    height: UNDERLAY_H,
    data: { ports: [] },
    draggable: false,
    selectable: false,
  };
  nodes.push(underlay);
  return { tiles, heatH, tileH, cols };
}
