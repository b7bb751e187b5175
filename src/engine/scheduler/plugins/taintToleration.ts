/**
 * TaintToleration: the filter rejects a node with a NoSchedule / NoExecute taint the pod
 * does not tolerate; the score counts untolerated PreferNoSchedule taints, and the
 * normaliser reverses it (fewest such taints → 100).
 */
import type { FilterPlugin, ScorePlugin } from '../types';
import { defaultNormalize } from '../types';
import { nodeFacts } from '../nodeInfo';
import { tolerated, toleratesTaint } from './helpers';

export const taintTolerationFilter: FilterPlugin = {
  name: 'TaintToleration',
  resolvable: false,
  filter: (pod, info) => {
    const taints = nodeFacts(info).noSchedule;
    if (taints.length === 0) return undefined;
    const t = taints.find((x) => !tolerated(pod.spec.tolerations, x));
    return t ? [`node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`] : undefined;
  },
};

export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  // Counts the PreferNoSchedule taints not tolerated by a toleration for that effect (or any effect).
  score: (pod, info) => {
    const taints = nodeFacts(info).preferNoSchedule;
    let n = 0;
    for (const t of taints) if (!pod.spec.tolerations?.some((x) => (!x.effect || x.effect === 'PreferNoSchedule') && toleratesTaint(x, t))) n++;
    return n;
  },
  normalize: (scores, n) => defaultNormalize(scores, true, n),
};
