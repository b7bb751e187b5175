/** The scheduler framework's plugin interfaces, after pkg/scheduler/framework. */
import type { Node, Pod } from '../api/types';

export interface NodeInfo {
  node: Node;
  /** Pods already bound to the node (including ones assumed in this cycle). */
  pods: Pod[];
}

export interface FilterPlugin {
  name: string;
  /** undefined when the node fits; otherwise the reason, as in the scheduler's event text. */
  filter(pod: Pod, info: NodeInfo): string | undefined;
}

export interface ScorePlugin {
  name: string;
  weight: number;
  /** 0..100 */
  score(pod: Pod, info: NodeInfo): number;
}

/** Why a pod went where it went: every node's filter result and scores. */
export interface SchedulingDecision {
  pod: string;
  t: number;
  nodes: { node: string; rejectedBy?: string; reason?: string; scores: Record<string, number>; total: number }[];
  chosen?: string;
  message?: string;
}
