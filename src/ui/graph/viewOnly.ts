/**
 * ReactFlow settings for a diagram the learner looks at but does not edit: fitted to its box,
 * nothing to drag, connect or select, and no ReactFlow keyboard handling (our own cards carry
 * the focus and keys). Shared by the cluster graph and the control-plane view.
 */
export const VIEW_ONLY_FLOW = {
  fitView: true,
  nodesDraggable: false,
  nodesConnectable: false,
  nodesFocusable: false,
  edgesFocusable: false,
  elementsSelectable: false,
  disableKeyboardA11y: true,
  zoomOnDoubleClick: false,
} as const;
