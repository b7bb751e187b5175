import { describe, expect, it } from 'vitest';
import type { NodeView, PodView, Snapshot } from '../../engine/sim/snapshot';
import { buildTileGraph, hollowRuns, tilePodCount, type TileData } from './tileLayout';
import { buildGraph, type K8sNodeData } from './layout';

const node = (name: string, over: Partial<NodeView> = {}): NodeView => ({
  name, role: name === 'control-plane' ? 'control-plane' : 'worker', ready: true, internalIP: '172.16.0.10', runtime: 'containerd://2.0.0', kubeletVersion: 'v1.34.2', nic: { dev: 'eth0', address: '172.16.0.10' }, ...over,
});
const pod = (i: number, on: string): PodView => ({ namespace: 'default', name: `web-${i}`, id: `default/web-${i}`, node: on, ip: `10.244.1.${i + 2}`, phase: 'Running', status: 'Running', ready: '1/1', images: [] });
// 33 pods, 2 of them DaemonSet pods (kube-proxy, kube-flannel) in the system namespaces.
const hollow = (i: number, counts = { running: 30, pending: 1, other: 2, system: { running: 2, pending: 0, other: 0 } }) => node(`hollow-node-${i}`, { runtime: 'fakeRuntime://0.1.0', hollow: counts });
const sysPod = (on: string): PodView => ({ ...pod(0, on), namespace: 'kube-system', name: `kube-proxy-${on}`, id: `kube-system/kube-proxy-${on}` });

describe('hollow nodes on the tiles', () => {
  it('counts a hollow node\'s pods from NodeView.hollow, in runs of one state', () => {
    expect(tilePodCount(hollow(1).hollow, [])).toBe(33);
    expect(tilePodCount(undefined, [pod(0, 'node-1')])).toBe(1);
    expect(hollowRuns({ running: 3, pending: 0, other: 2 })).toEqual([
      { state: 'running', from: 0, to: 3 },
      { state: 'unknown', from: 3, to: 5 },
    ]);
  });

  it('lays out the machines first, then the hollow nodes in natural order, each with its count', () => {
    const nodes = [hollow(10), node('node-2'), hollow(9), node('control-plane'), node('node-10'), hollow(1)];
    const s = { nodes, pods: [pod(0, 'node-2'), pod(1, 'node-2')] } as unknown as Snapshot;
    const tiles = buildTileGraph(s, false, []).nodes.filter((n) => n.type === 'tile').map((n) => n.data as TileData);
    expect(tiles.map((d) => d.node?.name)).toEqual(['control-plane', 'node-2', 'node-10', 'hollow-node-1', 'hollow-node-9', 'hollow-node-10']);
    expect(tiles.map((d) => tilePodCount(d.hollow, d.pods))).toEqual([0, 2, 0, 31, 31, 31]);
  });

  it('leaves a hollow node\'s system pods out unless "System pods" is on, as a machine\'s', () => {
    const s = { nodes: [node('node-1'), hollow(1)], pods: [pod(0, 'node-1'), sysPod('node-1')] } as unknown as Snapshot;
    const shown = (showSystem: boolean) => buildTileGraph(s, showSystem, []).nodes.filter((n) => n.type === 'tile').map((n) => n.data as TileData);
    expect(shown(false).map((d) => tilePodCount(d.hollow, d.pods))).toEqual([1, 31]);
    expect(shown(false)[1].hollow).toEqual({ running: 28, pending: 1, other: 2 });
    expect(shown(true).map((d) => tilePodCount(d.hollow, d.pods))).toEqual([2, 33]);
    // The pod-card view's hollow card counts the same way.
    const card = (showSystem: boolean) => buildGraph(s, showSystem).nodes.find((n) => n.id === 'node:hollow-node-1')!.data as K8sNodeData;
    expect(card(false).hollow).toEqual({ running: 28, pending: 1, other: 2 });
    expect(card(true).hollow).toMatchObject({ running: 30, pending: 1, other: 2 });
  });

  it('draws 5,000 nodes on the canvas map with every pod counted', () => {
    const nodes = [node('control-plane'), ...Array.from({ length: 9 }, (_, i) => node(`node-${i + 1}`)), ...Array.from({ length: 4990 }, (_, i) => hollow(i + 1))];
    const { map } = buildTileGraph({ nodes, pods: [] } as unknown as Snapshot, false, []);
    expect(map?.tiles).toHaveLength(5000);
    expect(map?.tiles.reduce((n, t) => n + t.count, 0)).toBe(4990 * 31);
    expect(map?.tiles[10].hollow).toEqual({ running: 28, pending: 1, other: 2 });
    expect(map?.tiles[10].key).toBe('hollow-node-1');
  });
});
