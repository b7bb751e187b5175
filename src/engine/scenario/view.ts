/** What the learner is looking at: stored in the shared URL next to the scenario and the log. */
export interface ViewState {
  /** The bottom panel in front: trace, terminal, editor or lesson. */
  panel: 'trace' | 'terminal' | 'editor' | 'lesson';
  /** Selected pod or node id (namespace/name for pods, node name for nodes). */
  selected?: { kind: 'pod' | 'node'; id: string };
  /** The trace on screen: its source and destination, and the step being looked at. */
  trace?: { from: string; to: string; step: number };
  /** The lesson being followed and its current step. */
  lesson?: { id: string; step: number };
  /** The terminal's target. */
  terminal?: string;
  /** What the main canvas shows, and the machine the Node network view is on. */
  canvas?: 'cluster' | 'node-network' | 'overlay' | 'control-plane' | 'compare' | 'reach';
  machine?: string;
}
