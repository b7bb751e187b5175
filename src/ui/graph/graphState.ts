/**
 * The cluster graph's own view state: pods vs tiles (auto by size unless the learner picks one)
 * and which tiles are drilled into. A store of its own, so a click on "Show pods" re-renders the
 * graph and nothing else.
 */
import { create } from 'zustand';
import type { GraphMode } from './scale';

interface GraphState {
  mode: GraphMode;
  /** Nodes drawn with their pod cards while the rest are tiles ('(unscheduled)' for the pending pods). */
  expanded: string[];
  /** The node just drilled into: the view fits it rather than the whole cluster. */
  focus?: string;
  /** The cluster map's keyboard cursor: the tile (its key) that arrow keys move from and Enter opens. */
  cursor?: string;
}

export const UNSCHEDULED = '(unscheduled)';

export const useGraph = create<GraphState>(() => ({ mode: 'auto', expanded: [] }));

export function setGraphMode(mode: GraphMode): void {
  useGraph.setState({ mode, expanded: [], focus: undefined });
}

export function toggleExpanded(node: string): void {
  useGraph.setState((s) =>
    s.expanded.includes(node) ? { expanded: s.expanded.filter((n) => n !== node), focus: undefined } : { expanded: [...s.expanded, node], focus: node },
  );
}
