/**
 * While an encapsulated packet is in flight, which two nodes its outer header connects:
 * the graph lights that VXLAN tunnel and those eth0 links.
 */
import type { Snapshot } from '../../engine/sim/snapshot';
import type { UiState } from '../store';
import { currentStep } from './traceFocus';

export function outerEnds(s: Snapshot | undefined, src: string, dst: string): [string, string] | undefined {
  const a = s?.nodes.find((n) => n.internalIP === src)?.name;
  const b = s?.nodes.find((n) => n.internalIP === dst)?.name;
  return a && b ? [a, b] : undefined;
}

/** "a|b" (sorted) for the active tunnel, or '' — a string so zustand selectors stay stable. */
export function activeWire(s: UiState): string {
  const step = currentStep(s);
  const p = step?.after;
  if (!p?.vxlan) return '';
  const ends = outerEnds(s.snapshot, p.ip.src, p.ip.dst);
  return ends ? [...ends].sort().join('|') : '';
}
