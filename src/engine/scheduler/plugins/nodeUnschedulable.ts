/** NodeUnschedulable: a cordoned node (spec.unschedulable) takes only pods that tolerate it. */
import type { Pod } from '../../api/types';
import type { CurrentNodeInfo, FilterPlugin } from '../types';
import { upToDate } from '../nodeInfo';
import { tolerated } from './helpers';

function unschedulable(pod: Pod, info: CurrentNodeInfo): string[] | undefined {
  if (!info.unschedulable) return undefined;
  if (tolerated(pod.spec.tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) return undefined;
  return ['node(s) were unschedulable'];
}

export const nodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  resolvable: false,
  filter: (pod, info) => unschedulable(pod, upToDate(info)),
  filterNodes: (pod, nodes, idx, from, to, rejected) => {
    let kept = from;
    for (let i = from; i < to; i++) {
      const reasons = unschedulable(pod, nodes[i]);
      if (reasons) rejected.push({ idx: idx[i], plugin: 'NodeUnschedulable', reasons });
      else {
        nodes[kept] = nodes[i];
        idx[kept++] = idx[i];
      }
    }
    return kept;
  },
};
