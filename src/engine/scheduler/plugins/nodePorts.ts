/** NodePorts: a pod asking for a hostPort fits only where no other pod holds that port/protocol. */
import type { Pod } from '../../api/types';
import type { FilterPlugin } from '../types';

// Pods are replaced on update, never edited: list a pod's host ports once, not per node looked at.
const memo = new WeakMap<Pod, string[]>();
function hostPorts(p: Pod): string[] {
  let r = memo.get(p);
  if (!r) memo.set(p, (r = p.spec.containers.flatMap((c) => (c.ports ?? []).filter((x) => x.hostPort).map((x) => `${x.protocol ?? 'TCP'}/${x.hostPort}`))));
  return r;
}

export const nodePorts: FilterPlugin = {
  name: 'NodePorts',
  resolvable: true,
  preFilter: (pod) => pod.spec.containers.some((c) => c.ports?.some((x) => x.hostPort)),
  filter: (pod, info) => {
    const want = hostPorts(pod);
    if (want.length === 0) return undefined;
    const used = new Set(info.pods.flatMap(hostPorts));
    return want.some((w) => used.has(w)) ? ["node(s) didn't have free ports for the requested pod ports"] : undefined;
  },
};
