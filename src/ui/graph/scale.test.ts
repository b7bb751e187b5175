import { describe, expect, it } from 'vitest';
import type { PodView, Snapshot } from '../../engine/sim/snapshot';
import { cellAt, cellCenter, cellState, heatGeometry, heatHeight, tilesFor, TILE_LIMITS } from './scale';
import { buildTileGraph, EXPANDED_MAX_PODS } from './tileLayout';
import { sameNode } from './stableNodes';

const pod = (i: number, node: string | undefined, over: Partial<PodView> = {}): PodView => ({
  namespace: 'default', name: `p-${i}`, id: `default/p-${i}`, node, ip: `10.244.0.${i % 250}`, phase: 'Running', status: 'Running', ready: '1/1', images: [], ...over,
});

function snap(nodes: number, pods: number, podNode = (i: number) => `node-${1 + (i % Math.max(1, nodes - 1))}`): Snapshot {
  const ns = Array.from({ length: nodes }, (_, i) => ({ name: i === 0 ? 'control-plane' : `node-${i}`, role: i === 0 ? 'control-plane' : 'worker', ready: true, internalIP: `192.168.56.${10 + i}`, runtime: 'containerd', kubeletVersion: 'v1.31.0', nic: { dev: 'eth0', address: '' } }));
  return { nodes: ns, pods: Array.from({ length: pods }, (_, i) => pod(i, podNode(i))) } as unknown as Snapshot;
}

describe('tiles or pod cards', () => {
  it('keeps pod cards for a lesson-sized cluster and switches past the thresholds', () => {
    expect(tilesFor(snap(3, 12), false, 'auto')).toBe(false);
    expect(tilesFor(snap(TILE_LIMITS.nodes + 1, 3), false, 'auto')).toBe(true);
    expect(tilesFor(snap(3, TILE_LIMITS.pods + 1), false, 'auto')).toBe(true);
    expect(tilesFor(snap(3, TILE_LIMITS.podsPerNode + 1, () => 'node-1'), false, 'auto')).toBe(true);
    expect(tilesFor(snap(3, TILE_LIMITS.podsPerNode, () => 'node-1'), false, 'auto')).toBe(false);
  });

  it('obeys the choice of the learner', () => {
    expect(tilesFor(snap(3, 4), false, 'tiles')).toBe(true);
    expect(tilesFor(snap(50, 1000), false, 'pods')).toBe(false);
  });
});

describe('heatmap geometry', () => {
  it('shrinks cells before it overflows, and maps points back to cells', () => {
    expect(heatGeometry(20, heatHeight(20))).toEqual({ pitch: 13, cols: 16, rows: 2, shown: 20 });
    const g = heatGeometry(3000);
    expect(g.pitch).toBeLessThan(13);
    expect(g.shown).toBe(3000);
    expect(g.rows * g.pitch).toBeLessThanOrEqual(96);
    const c = cellCenter(g, 37);
    expect(cellAt(g, c.x, c.y)).toBe(37);
    expect(cellAt(g, -1, 0)).toBe(-1);
  });

  it('counts what cannot be drawn', () => {
    const g = heatGeometry(50_000);
    expect(g.shown).toBeLessThan(50_000);
  });
});

describe('cell states', () => {
  it('tells terminating, crash-looping and not-ready pods apart from their phase', () => {
    expect(cellState(pod(1, 'n', { status: 'Terminating' }))).toBe('terminating');
    expect(cellState(pod(1, 'n', { status: 'CrashLoopBackOff', ready: '0/1' }))).toBe('failed');
    expect(cellState(pod(1, 'n', { ready: '0/1' }))).toBe('notready');
    expect(cellState(pod(1, 'n', { phase: 'Pending', status: 'ContainerCreating' }))).toBe('pending');
    expect(cellState(pod(1, 'n'))).toBe('running');
  });
});

describe('tile layout', () => {
  it('draws one tile per node in natural order, the drilled-into node as a card with at most EXPANDED_MAX_PODS pods', () => {
    const s = snap(12, 400);
    const { nodes, map } = buildTileGraph(s, false, ['node-3']);
    expect(map).toBeUndefined();
    const tiles = nodes.filter((n) => n.type === 'tile').map((n) => n.id);
    expect(tiles.slice(0, 3)).toEqual(['node:control-plane', 'node:node-1', 'node:node-2']);
    expect(tiles).not.toContain('node:node-3');
    expect(tiles.indexOf('node:node-10')).toBeGreaterThan(tiles.indexOf('node:node-9'));
    const card = nodes.find((n) => n.id === 'node:node-3')!;
    expect(card.type).toBe('k8sNode');
    expect((card.data as { pods: unknown[] }).pods.length).toBe(Math.min(EXPANDED_MAX_PODS, 400 / 11 + 1 | 0));
  });

  it('puts hundreds of nodes on one canvas map: no graph node per tile', () => {
    const { nodes, map } = buildTileGraph(snap(1000, 10_000), false, []);
    expect(map?.tiles.length).toBe(1000);
    expect(nodes.map((n) => n.id)).toEqual(['map-space', 'underlay']);
  });

  it('node comparison ignores fields the card does not draw', () => {
    const s = snap(20, 40);
    const a = buildTileGraph(s, false, []).nodes[1];
    s.pods[0] = { ...s.pods[0], images: ['other'] };
    const b = buildTileGraph(s, false, []).nodes[1];
    expect(sameNode(a, b)).toBe(true);
    s.pods[0] = { ...s.pods[0], phase: 'Failed' };
    expect(sameNode(buildTileGraph(s, false, []).nodes[1], a)).toBe(false);
    // A node's facts and its place count too.
    expect(sameNode({ ...a, position: { x: a.position.x + 1, y: a.position.y } }, a)).toBe(false);
    const other = buildTileGraph(s, false, []).nodes[1];
    expect(sameNode({ ...other, data: { ...other.data, node: { ...(other.data.node as object), ready: false } } }, other)).toBe(false);
  });
});
