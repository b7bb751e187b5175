/** Filter plugins: NodeUnschedulable, NodeName, TaintToleration, NodeAffinity (nodeSelector), NodeResourcesFit. */
import type { Pod, Taint } from '../../api/types';
import type { FilterPlugin, NodeInfo } from '../types';
import { bytes, milliCpu, podRequests } from './resources';

export const nodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter: (_pod, info) => (info.node.spec.unschedulable ? "node(s) were unschedulable" : undefined),
};

export const nodeName: FilterPlugin = {
  name: 'NodeName',
  filter: (pod, info) => (pod.spec.nodeName && pod.spec.nodeName !== info.node.metadata.name ? "node(s) didn't match the requested node name" : undefined),
};

function tolerates(pod: Pod, t: Taint): boolean {
  return (pod.spec.tolerations ?? []).some(
    (tol) => (tol.effect === undefined || tol.effect === t.effect) && (tol.operator === 'Exists' ? !tol.key || tol.key === t.key : tol.key === t.key && (tol.value ?? '') === (t.value ?? '')),
  );
}

export const taintToleration: FilterPlugin = {
  name: 'TaintToleration',
  filter: (pod, info) => {
    const t = (info.node.spec.taints ?? []).find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(pod, t));
    return t ? `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}` : undefined;
  },
};

export const nodeAffinity: FilterPlugin = {
  name: 'NodeAffinity',
  filter: (pod, info) => {
    const labels = info.node.metadata.labels ?? {};
    for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return "node(s) didn't match Pod's node affinity/selector";
    return undefined;
  },
};

export const nodeResourcesFit: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter: (pod, info: NodeInfo) => {
    const alloc = info.node.status?.allocatable ?? {};
    if (info.pods.length + 1 > Number(alloc.pods ?? 110)) return 'Too many pods';
    const want = podRequests(pod);
    let cpu = 0;
    let mem = 0;
    for (const p of info.pods) {
      const r = podRequests(p);
      cpu += r.cpu;
      mem += r.memory;
    }
    if (want.cpu > 0 && cpu + want.cpu > milliCpu(alloc.cpu)) return 'Insufficient cpu';
    if (want.memory > 0 && mem + want.memory > bytes(alloc.memory)) return 'Insufficient memory';
    return undefined;
  },
};

export const DEFAULT_FILTERS: FilterPlugin[] = [nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodeResourcesFit];
