// Label-selector helpers of the apiserver: plain label maps and Go's printing of a selector, shared by reads and validation.
import type { Labels, LabelSelector } from '../api/types';

/** Whether an object matches a plain label map (a selector given as key=value pairs). */
export function matchesLabels(labels: Labels | undefined, selector: Labels | undefined): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector)) if ((labels ?? {})[k] !== v) return false;
  return true;
}

/** A list's selector as a LabelSelector: a plain label map becomes its matchLabels. */
export function asLabelSelector(selector: Labels | LabelSelector | undefined): LabelSelector | undefined {
  return selector && ('matchLabels' in selector || 'matchExpressions' in selector) ? (selector as LabelSelector) : selector ? { matchLabels: selector as Labels } : undefined;
}

/** A selector as Go's %#v prints it, the way kube-apiserver quotes it in an "field is immutable" error. */
export function goSelector(s: LabelSelector): string {
  const ml = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `"${k}":"${v}"`).join(', ');
  return `v1.LabelSelector{MatchLabels:map[string]string{${ml}}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`;
}
