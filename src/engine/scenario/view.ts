export const SELECTED_KINDS = ['pod', 'node', 'service', 'iface', 'route', 'rule'] as const;
export type SelectedKind = (typeof SELECTED_KINDS)[number];

/** What the learner is looking at: stored in the shared URL next to the scenario and the log. */
export interface ViewState {
  /** The bottom panel in front: trace, terminal, editor or lesson. */
  panel: 'trace' | 'terminal' | 'editor' | 'lesson';
  /**
   * The selected thing: a pod or Service (namespace/name), a node (its name), or a part of a
   * machine's network (ids from selection.ts: `node|netns|ifname`, `node|netns|route line`,
   * `node|table|chain|rule number`).
   */
  selected?: { kind: SelectedKind; id: string };
  /** The trace on screen: its source and destination, and the step being looked at. */
  trace?: { from: string; to: string; step: number };
  /** The lesson being followed and its current step. */
  lesson?: { id: string; step: number };
  /** The terminal's target. */
  terminal?: string;
  /** What the main canvas shows, and the machine the Node network view is on. */
  canvas?: 'cluster' | 'services' | 'node-network' | 'overlay' | 'control-plane' | 'compare' | 'reach' | 'scale' | 'capture';
  machine?: string;
}
