import { describe, expect, it } from 'vitest';
import { buildLayout, componentOf, edgeOf, fold, MAX_COLUMNS, stepMs, steps, involves, travelsOf, shortPath } from './flow';
import { filterCell } from './schedule';
import type { NodeView } from '../../engine/sim/snapshot';

const node = (name: string, role: NodeView['role'] = 'worker'): NodeView => ({ name, role, ready: true, internalIP: '192.168.56.10', runtime: 'containerd://1.7.13', kubeletVersion: 'v1.30.0', nic: { dev: 'eth0', address: '192.168.56.10' } });
const layout = buildLayout([node('node-2'), node('control-plane', 'control-plane'), node('node-1')]);

describe('control-plane flow: which link a message travels', () => {
  it('maps the actors the engine logs to drawn components', () => {
    expect(componentOf('kubectl')).toBe('kubectl');
    expect(componentOf('default-scheduler')).toBe('kube-scheduler');
    expect(componentOf('replicaset-controller')).toBe('kube-controller-manager');
    expect(componentOf('node-controller')).toBe('kube-controller-manager');
    expect(componentOf('kubelet/node-1')).toBe('kubelet:node-1');
    expect(componentOf('containerd/node-2')).toBe('runtime:node-2');
    expect(componentOf('cri-o/node-2')).toBe('runtime:node-2');
    expect(componentOf('cni/control-plane')).toBe('cni:control-plane');
    expect(componentOf('iptables/node-1')).toBeUndefined();
    expect(componentOf('flanneld/node-1')).toBeUndefined();
  });

  it('finds the edge and the direction of apply → etcd → bind → kubelet → runtime → CNI', () => {
    const hop = (from: string, to: string) => {
      const e = edgeOf({ from, to }, layout.links);
      return e && `${e.link.source}>${e.link.target}${e.reverse ? ' (back)' : ''}`;
    };
    expect(hop('kubectl', 'kube-apiserver')).toBe('kubectl>kube-apiserver');
    expect(hop('kube-apiserver', 'etcd')).toBe('kube-apiserver>etcd');
    expect(hop('kube-scheduler', 'kube-apiserver')).toBe('kube-apiserver>kube-scheduler (back)');
    expect(hop('kube-apiserver', 'kubelet/node-1')).toBe('kube-apiserver>kubelet:node-1');
    expect(hop('kubelet/node-1', 'containerd/node-1')).toBe('kubelet:node-1>runtime:node-1');
    expect(hop('containerd/node-1', 'cni/node-1')).toBe('runtime:node-1>cni:node-1');
    expect(hop('kubelet/node-1', 'kube-apiserver')).toBe('kube-apiserver>kubelet:node-1 (back)');
    expect(hop('kube-proxy/node-1', 'iptables/node-1')).toBeUndefined();
    expect(hop('kube-apiserver', 'kube-proxy/node-1')).toBeUndefined();
    expect(hop('kubelet/node-9', 'kube-apiserver')).toBeUndefined();
  });

  it('lays out the control plane first and one column per node, control-plane node first', () => {
    expect(layout.machines.map((m) => m.id)).toEqual(['machine:control-plane', 'machine:node-1', 'machine:node-2']);
    expect(layout.boxes.find((b) => b.id === 'runtime:node-1')?.label).toBe('containerd');
    expect(new Set(layout.boxes.map((b) => b.id)).size).toBe(layout.boxes.length);
  });

  it('folds fan-out duplicates and groups one simulated instant into one step', () => {
    const w = { from: 'kube-apiserver', to: 'kube-controller-manager', verb: 'watch MODIFIED', path: '/api/v1/namespaces/default/pods/a' };
    const f = fold([{ t: 5, ...w }, { t: 5, ...w }, { t: 5, ...w }, { t: 5, from: 'kube-apiserver', to: 'etcd', verb: 'put', path: '/registry/pods/default/a' }, { t: 9, ...w }], 100);
    expect(f.map((m) => [m.t, m.to, m.n, m.seq])).toEqual([[5, 'kube-controller-manager', 3, 100], [5, 'etcd', 1, 103], [9, 'kube-controller-manager', 1, 104]]);
    expect(steps(f).map((s) => s.length)).toEqual([2, 1]);
    expect(involves(f[1], 'etcd')).toBe(true);
    expect(stepMs(0)).toBeGreaterThan(stepMs(100));
  });
});

describe('control-plane flow: labels', () => {
  it('labels a watch fan-out once, with how many kubelets it reached', () => {
    const path = '/api/v1/namespaces/default/pods/hello-1';
    const f = fold(['control-plane', 'node-1', 'node-2'].map((n) => ({ t: 1, from: 'kube-apiserver', to: `kubelet/${n}`, verb: 'watch ADDED', path })), 0);
    const tr = travelsOf(f, layout.links);
    expect([...tr.values()].map((x) => x.label)).toEqual(['watch ADDED …/pods/hello-1 ×3', '', '']);
    expect(shortPath('/registry/pods/default/hello-1')).toBe('…/default/hello-1');
    expect(shortPath('/healthz')).toBe('/healthz');
  });
});

describe('scheduler table cells', () => {
  const order = ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit'];
  it('passes the filters before the failing one and does not run the rest', () => {
    const row = { node: 'control-plane', rejectedBy: 'TaintToleration', reason: "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }", scores: {}, total: 0 };
    expect(order.map((f) => filterCell(row, f, order).state)).toEqual(['pass', 'pass', 'fail', 'notRun', 'notRun', 'notRun']);
    expect(filterCell(row, 'TaintToleration', order)).toEqual({ state: 'fail', reason: row.reason });
    expect(filterCell({ node: 'n', scores: {}, total: 0 }, 'NodePorts', order).state).toBe('pass');
    expect(filterCell({ node: 'n', scores: {}, total: 0, skipped: true }, 'NodePorts', order).state).toBe('skipped');
  });
  it('runs no filter on a node a PreFilter result left out (a DaemonSet pod pinned to another node)', () => {
    const reason = "node(s) didn't satisfy plugin(s) [NodeAffinity]";
    const row = { node: 'node-2', rejectedBy: 'NodeAffinity', reason, reasons: [reason], preFiltered: true, scores: {}, total: 0 };
    expect(order.map((f) => filterCell(row, f, order).state)).toEqual(['notRun', 'notRun', 'notRun', 'fail', 'notRun', 'notRun']);
    expect(filterCell(row, 'NodeAffinity', order)).toEqual({ state: 'fail', reason });
  });
  it('draws at most MAX_COLUMNS machines and never a hollow node; one column counts the rest', () => {
    const many = [node('control-plane', 'control-plane'), ...Array.from({ length: 40 }, (_, i) => node(`node-${i + 1}`)), { ...node('hollow-node-1'), hollow: { running: 3, pending: 0, other: 0, system: { running: 2, pending: 0, other: 0 } } }];
    const layout = buildLayout(many);
    expect(layout.machines).toHaveLength(MAX_COLUMNS + 1);
    expect(layout.machines[0].label).toBe('control-plane');
    expect(layout.machines.at(-1)!.label).toBe(`… +${many.length - MAX_COLUMNS}`);
    expect(layout.boxes.some((b) => b.id === 'kubelet:hollow-node-1')).toBe(false);
  });
});
