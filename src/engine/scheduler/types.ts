/** The scheduler framework's plugin interfaces, after pkg/scheduler/framework. */
import type { Node, Pod } from '../api/types';

export const MAX_NODE_SCORE = 100;

export interface NodeInfo {
  node: Node;
  /** Pods bound to the node (including ones assumed in this cycle and ones terminating). */
  pods: Pod[];
  /** Images present on the node (what node.status.images lists), normalised references. */
  images: string[];
  /**
   * NodeInfo.Requested / NonZeroRequested / Allocatable, computed once: each is valid only
   * for the `pods` list and `node` object it was computed from, so a copy with other pods
   * (`{ ...info, pods }`) recomputes rather than trusting a stale sum.
   */
  sums?: { pods: readonly Pod[]; requested?: { cpu: number; memory: number }; nonZero?: { cpu: number; memory: number } };
  alloc?: { node: Node; cpu: number; memory: number; pods: number };
}

/** What every plugin can see of the whole cluster in one cycle. */
export interface CycleState {
  nodes: NodeInfo[];
}

export interface FilterPlugin {
  name: string;
  /** Undefined when the node fits; otherwise the reasons, as in the scheduler's event text. */
  filter(pod: Pod, info: NodeInfo): string[] | undefined;
  /** Whether evicting pods could ever make the node pass (false: UnschedulableAndUnresolvable). */
  resolvable: boolean;
}

export interface ScorePlugin {
  name: string;
  weight: number;
  /** The raw score of one node. */
  score(pod: Pod, info: NodeInfo, state: CycleState): number;
  /** Scales raw scores to 0..100 across the feasible nodes (NormalizeScore); none means they already are. */
  normalize?(scores: number[]): number[];
}

/** Why a pod went where it went: every node's filter result and scores. */
export interface SchedulingDecision {
  pod: string;
  t: number;
  nodes: {
    node: string;
    rejectedBy?: string;
    reason?: string;
    reasons?: string[];
    /** Normalised scores per plugin (0..100), before weights. */
    scores: Record<string, number>;
    /** Weighted sum of the normalised scores. */
    total: number;
    /** Not evaluated: enough feasible nodes were found first (percentageOfNodesToScore). */
    skipped?: boolean;
  }[];
  chosen?: string;
  message?: string;
  /** A PreFilter plugin rejected the pod on every node (FitError's PreFilterMsg). */
  preFilterMsg?: string;
  /** Pods evicted to make room (preemption), as namespace/name. */
  victims?: string[];
  nominatedNode?: string;
}

/** DefaultNormalizeScore from the framework's helper package (integer maths, as in Go). */
export function defaultNormalize(scores: number[], reverse: boolean): number[] {
  const max = Math.max(0, ...scores);
  if (max === 0) return scores.map(() => (reverse ? MAX_NODE_SCORE : 0));
  return scores.map((s) => {
    const v = Math.trunc((MAX_NODE_SCORE * s) / max);
    return reverse ? MAX_NODE_SCORE - v : v;
  });
}
