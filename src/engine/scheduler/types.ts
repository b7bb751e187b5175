/** The scheduler framework's plugin interfaces, after pkg/scheduler/framework. */
import type { Node, Pod, Taint } from '../api/types';

export const MAX_NODE_SCORE = 100;

export interface NodeInfo extends Partial<NodeFacts>, Partial<PodSums> {
  node: Node;
  /** Pods bound to the node (including ones assumed in this cycle and ones terminating). */
  pods: Pod[];
  /** Images present on the node (what node.status.images lists), normalised references. */
  images: string[];
  /** ImageLocality's last score here and what it was for (see imageLocality.ts): pods of one Deployment score a node once. */
  imageScoreFor?: object;
  imageScore?: number;
}

/**
 * NodeInfo.Allocatable plus the node fields the filters read, parsed once into the NodeInfo
 * itself (see nodeFacts): one object per node to read, not three.
 */
export interface NodeFacts {
  /** The Node object the fields below were parsed from. */
  factsOf: Node;
  /** Allocatable milli-cpu, bytes of memory, and pods. */
  allocCpu: number;
  allocMemory: number;
  allocPods: number;
  unschedulable: boolean;
  /** The NoSchedule and NoExecute taints, in node order. */
  noSchedule: readonly Taint[];
  preferNoSchedule: readonly Taint[];
}

/** NodeInfo.Requested and NonZeroRequested (milli-cpu, bytes) summed over `sumsOf` (see podSums). */
export interface PodSums {
  /** The pods array the sums below are over. */
  sumsOf: readonly Pod[];
  /** sumsOf.length, kept here so a filter need not load the array. */
  podCount: number;
  requestedCpu: number;
  requestedMemory: number;
  nonZeroCpu: number;
  nonZeroMemory: number;
}

/**
 * A NodeInfo whose facts and sums are current (see upToDate in nodeInfo.ts). The framework
 * brings every node it looks at up to date once per cycle, so the plugins' loops read the
 * fields directly instead of each re-checking them.
 */
export type CurrentNodeInfo = NodeInfo & NodeFacts & PodSums;

/** What every plugin can see of the whole cluster in one cycle. */
export interface CycleState {
  nodes: NodeInfo[];
}

export interface FilterPlugin {
  name: string;
  /**
   * PreFilter: false is the framework's Skip — the pod asks nothing this plugin checks (no
   * nodeSelector, no host ports …), so its Filter would pass every node and is not run.
   */
  preFilter?(pod: Pod): boolean;
  /** Undefined when the node fits; otherwise the reasons, as in the scheduler's event text. */
  filter(pod: Pod, info: NodeInfo): string[] | undefined;
  /**
   * Filter over nodes[from..to) (with their indices in `idx`): the nodes that fit are moved
   * to the front, in order, and their end returned; the others are added to `rejected`. The
   * plugins every pod runs write this loop themselves, so the call to their own `filter` is
   * direct and inlined; the framework loops for the others (see filterNodes in scheduler.ts).
   */
  filterNodes?(pod: Pod, nodes: CurrentNodeInfo[], idx: Int32Array, from: number, to: number, rejected: Rejection[]): number;
  /** Whether evicting pods could ever make the node pass (false: UnschedulableAndUnresolvable). */
  resolvable: boolean;
}

/** A node a filter rejected: its index in the cycle's node list, the plugin and its reasons. */
export interface Rejection {
  idx: number;
  plugin: string;
  reasons: string[];
}

/** Scores of the nodes being scored, one per node, in a buffer reused from cycle to cycle. */
export type Scores = Float64Array | number[];

export interface ScorePlugin {
  name: string;
  weight: number;
  /** PreScore: false is Skip — every node would score 0 (before normalising), so Score is not run. */
  preScore?(pod: Pod): boolean;
  /** The raw score of one node. */
  score(pod: Pod, info: NodeInfo, state: CycleState): number;
  /**
   * The raw scores of the first `n` nodes into `out` — what the framework calls. Each plugin
   * writes this loop itself, so the call to its own `score` is direct and inlined (one shared
   * loop over every plugin would make that call site megamorphic: 3× slower at 5,000 nodes).
   */
  scoreNodes(pod: Pod, nodes: readonly CurrentNodeInfo[], n: number, out: Scores, state: CycleState): void;
  /**
   * NormalizeScore: scales the first `n` raw scores to 0..100 across the feasible nodes, in
   * place, and returns the same array; none means they already are.
   */
  normalize?(scores: Scores, n?: number): Scores;
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
    /** Left out by a PreFilter plugin's result (NodeAffinity's node names): no filter ran on it. */
    preFiltered?: boolean;
  }[];
  chosen?: string;
  message?: string;
  /** A PreFilter plugin rejected the pod on every node (FitError's PreFilterMsg). */
  preFilterMsg?: string;
  /** Pods evicted to make room (preemption), as namespace/name. */
  victims?: string[];
  nominatedNode?: string;
}

/** DefaultNormalizeScore from the framework's helper package (integer maths, as in Go), in place. */
export function defaultNormalize(scores: Scores, reverse: boolean, n = scores.length): Scores {
  let max = 0;
  for (let i = 0; i < n; i++) if (scores[i] > max) max = scores[i];
  for (let i = 0; i < n; i++) {
    const v = max === 0 ? 0 : Math.trunc((MAX_NODE_SCORE * scores[i]) / max);
    scores[i] = reverse ? MAX_NODE_SCORE - v : v;
  }
  return scores;
}
