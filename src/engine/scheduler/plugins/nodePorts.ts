/** NodePorts: a pod asking for a hostPort fits only where no other pod holds that port/protocol. */
import type { Pod } from '../../api/types';
import type { FilterPlugin } from '../types';

function hostPorts(p: Pod): string[] {
  return p.spec.containers.flatMap((c) => (c.ports ?? []).filter((x) => x.hostPort).map((x) => `${x.protocol ?? 'TCP'}/${x.hostPort}`));
}

export const nodePorts: FilterPlugin = {
  name: 'NodePorts',
  resolvable: true,
  filter: (pod, info) => {
    const want = hostPorts(pod);
    if (want.length === 0) return undefined;
    const used = new Set(info.pods.flatMap(hostPorts));
    return want.some((w) => used.has(w)) ? ["node(s) didn't have free ports for the requested pod ports"] : undefined;
  },
};
