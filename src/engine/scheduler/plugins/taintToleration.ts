/**
 * TaintToleration: the filter rejects a node with a NoSchedule / NoExecute taint the pod
 * does not tolerate; the score counts untolerated PreferNoSchedule taints, and the
 * normaliser reverses it (fewest such taints → 100).
 */
import type { Pod } from '../../api/types';
import type { CurrentNodeInfo, FilterPlugin, ScorePlugin } from '../types';
import { defaultNormalize } from '../types';
import { upToDate } from '../nodeInfo';
import { tolerated, toleratesTaint } from './helpers';

function untolerated(pod: Pod, info: CurrentNodeInfo): string[] | undefined {
  const taints = info.noSchedule;
  if (taints.length === 0) return undefined;
  const t = taints.find((x) => !tolerated(pod.spec.tolerations, x));
  return t ? [`node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`] : undefined;
}

export const taintTolerationFilter: FilterPlugin = {
  name: 'TaintToleration',
  resolvable: false,
  filter: (pod, info) => untolerated(pod, upToDate(info)),
  filterNodes: (pod, nodes, idx, from, to, rejected) => {
    let kept = from;
    for (let i = from; i < to; i++) {
      const reasons = untolerated(pod, nodes[i]);
      if (reasons) rejected.push({ idx: idx[i], plugin: 'TaintToleration', reasons });
      else {
        nodes[kept] = nodes[i];
        idx[kept++] = idx[i];
      }
    }
    return kept;
  },
};

/** Counts the PreferNoSchedule taints not tolerated by a toleration for that effect (or any effect). */
function intolerablePreferNoSchedule(pod: Pod, info: CurrentNodeInfo): number {
  const taints = info.preferNoSchedule;
  let n = 0;
  // An indexed loop: for-of would allocate an iterator per node, even over no taints.
  for (let i = 0; i < taints.length; i++) {
    const t = taints[i];
    if (!pod.spec.tolerations?.some((x) => (!x.effect || x.effect === 'PreferNoSchedule') && toleratesTaint(x, t))) n++;
  }
  return n;
}

export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  score: (pod, info) => intolerablePreferNoSchedule(pod, upToDate(info)),
  scoreNodes: (pod, nodes, n, out) => {
    for (let i = 0; i < n; i++) out[i] = intolerablePreferNoSchedule(pod, nodes[i]);
  },
  normalize: (scores, n) => defaultNormalize(scores, true, n),
};
