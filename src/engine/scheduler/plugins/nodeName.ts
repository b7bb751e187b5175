/** NodeName: a pod that names its node (spec.nodeName) fits only there. */
import type { FilterPlugin } from '../types';

export const nodeName: FilterPlugin = {
  name: 'NodeName',
  resolvable: false,
  preFilter: (pod) => !!pod.spec.nodeName,
  filter: (pod, info) => (pod.spec.nodeName && pod.spec.nodeName !== info.node.metadata.name ? ["node(s) didn't match the requested node name"] : undefined),
};
