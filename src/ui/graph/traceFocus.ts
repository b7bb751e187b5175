/** Which graph element the current trace step points at (what the graph highlights). */
import type { TraceStep } from '../../engine/net/trace';
import type { Snapshot } from '../../engine/sim/snapshot';
import type { UiState } from '../store';

export function currentStep(s: UiState): TraceStep | undefined {
  const i = s.view.trace?.step;
  return s.trace && i !== undefined ? s.trace.steps[i] : undefined;
}

/** The node-level device chip a step's device belongs to (a veth is a port of cni0). */
export function chipFor(device: string | undefined): string | undefined {
  if (!device) return undefined;
  return device.startsWith('veth') ? 'cni0' : device;
}

export function isAt(step: TraceStep | undefined, kind: TraceStep['at']['kind'], id: string): boolean {
  return !!step && step.at.kind === kind && step.at.id === id;
}

/** A segment no cluster node is plugged into (the router's uplink to the internet). */
export function isOutsideSegment(snap: Snapshot | undefined, id: string): boolean {
  const seg = snap?.segments?.find((x) => x.id === id);
  return !!seg && !seg.members.some((m) => snap?.nodes.some((n) => n.name === m.host));
}

/** The step is on a machine that is not a cluster node (the router, "internet"), or on the uplink between them. */
export function isOutside(s: UiState): boolean {
  const step = currentStep(s);
  if (!step) return false;
  if (step.at.kind === 'segment') return isOutsideSegment(s.snapshot, step.at.id);
  return step.at.kind === 'node' && !s.snapshot?.nodes.some((n) => n.name === step.at.id);
}

/** The step is on the wire of the node network (the underlay bar). */
export function onUnderlay(s: UiState): boolean {
  const step = currentStep(s);
  return !!step && step.at.kind === 'segment' && !isOutsideSegment(s.snapshot, step.at.id);
}
