/** NodeUnschedulable: a cordoned node (spec.unschedulable) takes only pods that tolerate it. */
import type { FilterPlugin } from '../types';
import { nodeFacts } from '../nodeInfo';
import { tolerated } from './helpers';

export const nodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  resolvable: false,
  filter: (pod, info) => {
    if (!nodeFacts(info).unschedulable) return undefined;
    if (tolerated(pod.spec.tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) return undefined;
    return ['node(s) were unschedulable'];
  },
};
