/**
 * TaintToleration: the filter rejects a node with a NoSchedule / NoExecute taint the pod
 * does not tolerate; the score counts untolerated PreferNoSchedule taints, and the
 * normaliser reverses it (fewest such taints → 100).
 */
import type { FilterPlugin, ScorePlugin } from '../types';
import { defaultNormalize } from '../types';
import { tolerated, untoleratedTaint } from './helpers';

export const taintTolerationFilter: FilterPlugin = {
  name: 'TaintToleration',
  resolvable: false,
  filter: (pod, info) => {
    const t = untoleratedTaint(pod.spec.tolerations, info.node.spec.taints);
    return t ? [`node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`] : undefined;
  },
};

export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  score: (pod, info) => (info.node.spec.taints ?? []).filter((t) => t.effect === 'PreferNoSchedule' && !tolerated(pod.spec.tolerations?.filter((x) => !x.effect || x.effect === 'PreferNoSchedule'), t)).length,
  normalize: (scores) => defaultNormalize(scores, true),
};
