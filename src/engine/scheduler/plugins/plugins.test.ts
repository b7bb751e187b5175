import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../api/types';
import type { NodeInfo } from '../types';
import { defaultNormalize } from '../types';
import { balancedAllocationScore } from './balancedAllocation';
import { imageLocality } from './imageLocality';
import { nodeAffinityFilter, nodeAffinityScore } from './nodeAffinity';
import { nodeName } from './nodeName';
import { nodePorts } from './nodePorts';
import { leastAllocatedScore, nodeResourcesFitFilter } from './nodeResourcesFit';
import { nodeUnschedulable } from './nodeUnschedulable';
import { taintTolerationFilter, taintTolerationScore } from './taintToleration';
import { numFeasibleNodesToFind, unschedulableMessage } from '../scheduler';

function node(name: string, extra: Partial<Node['spec']> = {}, labels: Record<string, string> = {}, cpu = '2', memory = '4Gi'): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    spec: { ...extra },
    status: { allocatable: { cpu, memory, pods: '110' } },
  };
}

function pod(name: string, spec: Partial<Pod['spec']> = {}, requests?: Record<string, string>): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27', ...(requests ? { resources: { requests } } : {}) }], ...spec },
  };
}

const info = (n: Node, pods: Pod[] = [], images: string[] = []): NodeInfo => ({ node: n, pods, images });

describe('filter plugins', () => {
  it('NodeUnschedulable rejects a cordoned node unless the pod tolerates it', () => {
    const n = node('a', { unschedulable: true });
    expect(nodeUnschedulable.filter(pod('p'), info(n))).toEqual(['node(s) were unschedulable']);
    expect(nodeUnschedulable.filter(pod('p', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] }), info(n))).toBeUndefined();
  });

  it('NodeName fits only the named node', () => {
    expect(nodeName.filter(pod('p', { nodeName: 'b' }), info(node('a')))).toEqual(["node(s) didn't match the requested node name"]);
    expect(nodeName.filter(pod('p', { nodeName: 'a' }), info(node('a')))).toBeUndefined();
  });

  it('TaintToleration rejects untolerated NoSchedule/NoExecute taints, with the taint in the reason', () => {
    const n = node('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] });
    expect(taintTolerationFilter.filter(pod('p'), info(n))).toEqual(['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }']);
    expect(taintTolerationFilter.filter(pod('p', { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }), info(n))).toBeUndefined();
    const eq = node('x', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
    expect(taintTolerationFilter.filter(pod('p', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'cpu', effect: 'NoSchedule' }] }), info(eq))).toEqual(['node(s) had untolerated taint {dedicated: gpu}']);
    expect(taintTolerationFilter.filter(pod('p', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu' }] }), info(eq))).toBeUndefined();
    // PreferNoSchedule never filters.
    expect(taintTolerationFilter.filter(pod('p'), info(node('y', { taints: [{ key: 'k', effect: 'PreferNoSchedule' }] })))).toBeUndefined();
  });

  it('TaintToleration scores PreferNoSchedule taints in reverse (fewest = 100)', () => {
    const nodes = [node('a'), node('b', { taints: [{ key: 'k', effect: 'PreferNoSchedule' }] }), node('c', { taints: [{ key: 'k', effect: 'PreferNoSchedule' }, { key: 'j', effect: 'PreferNoSchedule' }] })];
    const raw = nodes.map((n) => taintTolerationScore.score(pod('p'), info(n), { nodes: [] }));
    expect(raw).toEqual([0, 1, 2]);
    expect(taintTolerationScore.normalize!(raw)).toEqual([100, 50, 0]);
  });

  it('NodeAffinity applies nodeSelector, required terms (ORed), matchFields, and scores preferred terms', () => {
    const ssd = node('a', {}, { disk: 'ssd', zone: 'z1' });
    const hdd = node('b', {}, { disk: 'hdd', zone: 'z2' });
    expect(nodeAffinityFilter.filter(pod('p', { nodeSelector: { disk: 'ssd' } }), info(hdd))).toEqual(["node(s) didn't match Pod's node affinity/selector"]);
    expect(nodeAffinityFilter.filter(pod('p', { nodeSelector: { disk: 'ssd' } }), info(ssd))).toBeUndefined();
    const required = pod('p', {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['z9'] }] }, { matchExpressions: [{ key: 'disk', operator: 'NotIn', values: ['hdd'] }] }] } } },
    });
    expect(nodeAffinityFilter.filter(required, info(ssd))).toBeUndefined();
    expect(nodeAffinityFilter.filter(required, info(hdd))).toBeDefined();
    const pinned = pod('p', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['b'] }] }] } } } });
    expect(nodeAffinityFilter.filter(pinned, info(ssd))).toBeDefined();
    expect(nodeAffinityFilter.filter(pinned, info(hdd))).toBeUndefined();
    const preferred = pod('p', {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 80, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
            { weight: 20, preference: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] } },
          ],
        },
      },
    });
    const raw = [ssd, hdd].map((n) => nodeAffinityScore.score(preferred, info(n), { nodes: [] }));
    expect(raw).toEqual([100, 20]);
    expect(nodeAffinityScore.normalize!(raw)).toEqual([100, 20]);
  });

  it('NodeResourcesFit filters on requests against allocatable, counting init containers as the max', () => {
    const n = node('a', {}, {}, '2', '4Gi');
    const used = [pod('x', {}, { cpu: '1500m', memory: '1Gi' })];
    expect(nodeResourcesFitFilter.filter(pod('p', {}, { cpu: '500m' }), info(n, used))).toBeUndefined();
    expect(nodeResourcesFitFilter.filter(pod('p', {}, { cpu: '501m' }), info(n, used))).toEqual(['Insufficient cpu']);
    expect(nodeResourcesFitFilter.filter(pod('p', {}, { cpu: '1', memory: '4Gi' }), info(n, used))).toEqual(['Insufficient cpu', 'Insufficient memory']);
    const init = pod('p', { initContainers: [{ name: 'i', image: 'busybox', resources: { requests: { cpu: '600m' } } }] }, { cpu: '100m' });
    expect(nodeResourcesFitFilter.filter(init, info(n, used))).toEqual(['Insufficient cpu']);
  });

  it('NodePorts rejects a node where the hostPort is taken', () => {
    const withPort = (n: string): Pod => ({ ...pod(n), spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] }] } });
    expect(nodePorts.filter(withPort('p'), info(node('a'), [withPort('q')]))).toEqual(["node(s) didn't have free ports for the requested pod ports"]);
    expect(nodePorts.filter(withPort('p'), info(node('a'), [pod('q')]))).toBeUndefined();
  });
});

describe('score formulas', () => {
  it('LeastAllocated: ((alloc - requested) * 100 / alloc) per resource, averaged, integer maths, with 100m/200Mi defaults', () => {
    const n = node('a', {}, {}, '4', '8Gi');
    // requested cpu = 1000m + 1000m = 2000m of 4000m → 50; memory = 2Gi + 2Gi = 4Gi of 8Gi → 50.
    expect(leastAllocatedScore(pod('p', {}, { cpu: '1', memory: '2Gi' }), info(n, [pod('x', {}, { cpu: '1', memory: '2Gi' })]))).toBe(50);
    // cpu 3000m of 4000m → 25; memory 1Gi of 8Gi → 87 (87.5 truncated); (25 + 87) / 2 = 56.
    expect(leastAllocatedScore(pod('p', {}, { cpu: '3', memory: '1Gi' }), info(n))).toBe(56);
    // No requests: 100m and 200Mi count. cpu (4000-100)*100/4000 = 97; memory (8192-200)*100/8192 = 97 → 97.
    expect(leastAllocatedScore(pod('p'), info(n))).toBe(97);
    // More than allocatable scores 0 for that resource.
    expect(leastAllocatedScore(pod('p', {}, { cpu: '5', memory: '4Gi' }), info(n))).toBe(25);
  });

  it('BalancedAllocation: (1 - |f_cpu - f_mem| / 2) * 100 on actual requests', () => {
    const n = node('a', {}, {}, '4', '8Gi');
    // cpu 2/4 = 0.5, memory 4/8 = 0.5 → perfectly balanced.
    expect(balancedAllocationScore(pod('p', {}, { cpu: '2', memory: '4Gi' }), info(n))).toBe(100);
    // cpu 0.75, memory 0.125 → std 0.3125 → 68.75 → 68.
    expect(balancedAllocationScore(pod('p', {}, { cpu: '3', memory: '1Gi' }), info(n))).toBe(68);
    // fractions are capped at 1: cpu 1 (6/4), memory 0 → std 0.5 → 50.
    expect(balancedAllocationScore(pod('p', {}, { cpu: '6' }), info(n))).toBe(50);
  });

  it('ImageLocality prefers nodes with big images already present, scaled by spread', () => {
    const a = info(node('a'), [], ['docker.io/library/nginx:1.27']);
    const b = info(node('b'));
    const state = { nodes: [a, b] };
    const sa = imageLocality.score(pod('p'), a, state);
    expect(sa).toBeGreaterThan(0);
    expect(imageLocality.score(pod('p'), b, state)).toBe(0);
    // Present everywhere → higher spread → higher score.
    const both = { nodes: [a, { ...b, images: ['docker.io/library/nginx:1.27'] }] };
    expect(imageLocality.score(pod('p'), a, both)).toBeGreaterThan(sa);
  });

  it('normalises like DefaultNormalizeScore', () => {
    expect(defaultNormalize([0, 0], false)).toEqual([0, 0]);
    expect(defaultNormalize([0, 0], true)).toEqual([100, 100]);
    expect(defaultNormalize([1, 3], false)).toEqual([33, 100]);
  });
});

describe('the scheduler framework', () => {
  it('prints the FailedScheduling text with sorted counts', () => {
    const msg = unschedulableMessage({
      pod: 'default/p',
      t: 0,
      nodes: [
        { node: 'cp', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'], scores: {}, total: 0 },
        { node: 'a', reasons: ['Insufficient cpu'], scores: {}, total: 0 },
        { node: 'b', reasons: ['Insufficient cpu'], scores: {}, total: 0 },
      ],
    });
    expect(msg).toBe('0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.');
  });

  it('scores only a percentage of large clusters (adaptive, at least 100 nodes)', () => {
    expect(numFeasibleNodesToFind(3)).toBe(3);
    expect(numFeasibleNodesToFind(99)).toBe(99);
    expect(numFeasibleNodesToFind(1000)).toBe(420);
    expect(numFeasibleNodesToFind(5000)).toBe(500);
    expect(numFeasibleNodesToFind(150)).toBe(100);
    expect(numFeasibleNodesToFind(1000, 100)).toBe(1000);
  });
});
