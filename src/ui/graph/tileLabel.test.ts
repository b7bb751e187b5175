import { describe, expect, it } from 'vitest';
import type { NodeView, PodView } from '../../engine/sim/snapshot';
import { t } from '../i18n';
import { tileLabel } from './tileLabel';

const node = (name: string, over: Partial<NodeView> = {}): NodeView => ({
  name, role: 'worker', ready: true, internalIP: '172.16.0.11', runtime: 'containerd://2.0.0', kubeletVersion: 'v1.34.2', nic: { dev: 'eth0', address: '172.16.0.11' }, ...over,
});
const pod = (name: string, phase = 'Running', ready = '1/1'): PodView => ({ namespace: 'default', name, id: `default/${name}`, node: 'node-1', ip: '10.244.1.2', phase, status: phase, ready, images: [] });

describe('a tile read out', () => {
  it('names the node and counts its pods by state', () => {
    const pods = [pod('a'), pod('b'), pod('c', 'Pending', '0/1'), pod('d', 'Running', '0/1')];
    expect(tileLabel(t, node('node-1'), undefined, pods)).toBe('Node node-1, worker, Ready, 172.16.0.11, 4 pods (2 Running, 1 Running, not ready, 1 Pending)');
    expect(tileLabel(t, undefined, undefined, [pod('x', 'Pending', '0/1')])).toBe('Pods waiting for a node, 1 pod (1 Pending)');
  });

  it('reads a hollow node from its counts', () => {
    const n = node('hollow-node-3', { hollow: { running: 30, pending: 1, other: 2, system: { running: 0, pending: 0, other: 0 } } });
    expect(tileLabel(t, n, n.hollow, [])).toBe('Hollow node hollow-node-3 (Kubemark, no machine), Ready, 172.16.0.11, 33 pods (30 Running, 1 Pending, 2 other)');
  });

  it('adds how many of its pods a painted reachability row reaches', () => {
    const paint = { source: 'default/client', namespaces: [], pods: { 'default/a': { ok: true, changed: false }, 'default/b': { ok: false, reason: 'dropped', changed: true } } };
    expect(tileLabel(t, node('node-1'), undefined, [pod('a'), pod('b'), pod('c')], paint)).toMatch(/3 pods \(3 Running\); 1 reachable, 1 blocked from default\/client$/);
    expect(tileLabel(t, node('node-2'), undefined, [pod('c')], paint)).not.toMatch(/reachable/);
  });
});
