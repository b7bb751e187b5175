/** Matching rules the plugins (and the DaemonSet and taint-eviction controllers) share. */
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, Taint, Toleration } from '../../api/types';

/** v1helper.ToleratesTaint. */
export function toleratesTaint(tol: Toleration, t: Taint): boolean {
  if (tol.effect && tol.effect !== t.effect) return false;
  if (tol.key && tol.key !== t.key) return false;
  if (tol.operator === 'Exists') return true;
  return (tol.value ?? '') === (t.value ?? '') && !!tol.key;
}

export function tolerated(tols: readonly Toleration[] | undefined, t: Taint): boolean {
  return (tols ?? []).some((tol) => toleratesTaint(tol, t));
}

/** The first taint (NoSchedule / NoExecute) the tolerations do not tolerate. */
export function untoleratedTaint(tols: readonly Toleration[] | undefined, taints: readonly Taint[] | undefined, effects: Taint['effect'][] = ['NoSchedule', 'NoExecute']): Taint | undefined {
  return (taints ?? []).find((t) => effects.includes(t.effect) && !tolerated(tols, t));
}

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const has = value !== undefined;
  switch (r.operator) {
    case 'In':
      return has && (r.values ?? []).includes(value);
    case 'NotIn':
      return !has || !(r.values ?? []).includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
      return has && Number(value) > Number((r.values ?? [])[0]);
    case 'Lt':
      return has && Number(value) < Number((r.values ?? [])[0]);
    default:
      return false;
  }
}

/** A term matches when all its expressions (labels) and fields (metadata.name) match. */
export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  return exprs.every((r) => requirementMatches(r, labels[r.key])) && fields.every((r) => requirementMatches(r, r.key === 'metadata.name' ? node.metadata.name : undefined));
}

/** nodeSelector and required node affinity (terms are ORed). */
export function nodeMatchesPod(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms && !terms.some((t) => termMatches(t, node))) return false;
  return true;
}
