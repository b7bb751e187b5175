/**
 * Snapshot → React Flow nodes and edges. Pure and deterministic: nodes side by side
 * (control plane first, then workers by name), the underlay network as a bar below them,
 * VXLAN tunnels as arcs above. Sizes are fixed here so the picture never reflows on its own.
 */
import type { Edge, Node } from '@xyflow/react';
import { isSystemNamespace, type NodeView, type PodCounts, type PodView, type Snapshot } from '../../engine/sim/snapshot';

const GAP = 72;
const HEADER_H = 138;
const POD_H = 58;
const POD_GAP = 8;
const PAD = 12;
export const UNDERLAY_H = 44;
const UNDERLAY_GAP = 64;
const MESH_MAX = 16;

export interface K8sNodeData extends Record<string, unknown> {
  node?: NodeView;
  /** Set for the pseudo-node that holds pods not yet bound to a node. */
  unscheduled?: boolean;
  pods: PodView[];
  /** Pod grid columns (the same for every node). */
  cols?: number;
  /** Drilled into from the tiles view: the card offers to go back to the tile. */
  expanded?: boolean;
  /** Pods on the node when more exist than the card draws (an expanded tile of a huge group). */
  total?: number;
  /** A hollow node's pod counts as shown (visibleHollow): its pods are counted, not listed. */
  hollow?: PodCounts;
}

export interface UnderlayData extends Record<string, unknown> {
  ports: { node: string; ip: string; x: number }[];
}

export type K8sNode = Node<K8sNodeData, 'k8sNode'>;
export type UnderlayNode = Node<UnderlayData, 'underlay'>;

/** The cluster's own pods (control plane, kube-proxy, CoreDNS, flannel): hidden unless asked for. */
export function isSystemPod(p: PodView): boolean {
  return isSystemNamespace(p.namespace);
}

/** A hollow node's pod counts as the graph shows them: without its system pods unless asked for, as a machine's. */
export function visibleHollow(h: NonNullable<NodeView['hollow']>, showSystem: boolean): PodCounts {
  if (showSystem) return h;
  return { running: h.running - h.system.running, pending: h.pending - h.system.pending, other: h.other - h.system.other };
}

export function visiblePods(s: Snapshot, showSystem: boolean): PodView[] {
  return s.pods.filter((p) => showSystem || !isSystemPod(p));
}

export function sortedNodes(s: Snapshot): NodeView[] {
  const rank = (n: NodeView) => (n.role === 'control-plane' ? 0 : 1);
  return [...s.nodes].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/** One pod per row keeps full pod names readable; busy nodes switch to two wider columns. */
export function podColumns(maxPods: number): number {
  return maxPods <= 3 ? 1 : 2;
}

export function bodyHeight(podCount: number, cols: number): number {
  const rows = Math.max(1, Math.ceil(podCount / cols));
  return HEADER_H + rows * POD_H + (rows - 1) * POD_GAP + PAD * 2;
}

const byName = (a: PodView, b: PodView) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);

/** Pods by the node they run on (sorted by namespace, name), and those bound to no known node. One pass: clusters can be big. */
export function groupPods(s: Snapshot, pods: PodView[]): { byNode: Map<string, PodView[]>; pending: PodView[] } {
  const byNode = new Map<string, PodView[]>(s.nodes.map((n) => [n.name, []]));
  const pending: PodView[] = [];
  for (const p of pods) {
    const list = p.node ? byNode.get(p.node) : undefined;
    (list ?? pending).push(p);
  }
  for (const list of byNode.values()) list.sort(byName);
  pending.sort(byName);
  return { byNode, pending };
}

export function buildGraph(s: Snapshot, showSystem: boolean): { nodes: Node[]; edges: Edge[] } {
  const pods = visiblePods(s, showSystem);
  const { byNode, pending } = groupPods(s, pods);
  const groups: K8sNodeData[] = sortedNodes(s).map((n) => ({ node: n, pods: byNode.get(n.name) ?? [], ...(n.hollow ? { hollow: visibleHollow(n.hollow, showSystem) } : {}) }));
  if (pending.length) groups.push({ unscheduled: true, pods: pending });

  const cols = podColumns(Math.max(0, ...groups.map((g) => g.pods.length)));
  const nodeW = cols === 1 ? 320 : 400;
  // Every card gets the height of the tallest one: a tidy row reads as "one cluster".
  const height = Math.max(...groups.map((g) => bodyHeight(g.pods.length, cols)));
  const nodes: Node[] = groups.map((g, i) => ({
    id: g.node ? `node:${g.node.name}` : 'node:(unscheduled)',
    type: 'k8sNode',
    position: { x: i * (nodeW + GAP), y: 0 },
    width: nodeW,
    height,
    data: { ...g, cols },
    draggable: false,
    selectable: false,
  }));

  const machines = groups.filter((g) => g.node).map((g, i) => ({ n: g.node!, x: i * (nodeW + GAP) }));
  const width = Math.max(nodeW, machines.length * (nodeW + GAP) - GAP);
  const underlay: UnderlayNode = {
    id: 'underlay',
    type: 'underlay',
    position: { x: 0, y: height + UNDERLAY_GAP },
    width,
    height: UNDERLAY_H,
    data: { ports: machines.map((m) => ({ node: m.n.name, ip: m.n.internalIP, x: m.x + nodeW / 2 })) },
    draggable: false,
    selectable: false,
  };
  nodes.push(underlay);
  // An invisible node where the tunnel arcs reach, so fitView keeps the arcs on screen.
  const arc = 46 + (machines.length - 1) * (nodeW + GAP) * 0.16;
  nodes.push({ id: 'arc-space', type: 'spacer', position: { x: 0, y: -arc * 0.8 - 14 }, width, height: 1, data: {}, draggable: false, selectable: false });

  const edges: Edge[] = machines.map((m) => ({
    id: `eth0:${m.n.name}`,
    source: `node:${m.n.name}`,
    sourceHandle: 'eth0',
    target: 'underlay',
    targetHandle: `port:${m.n.name}`,
    type: 'straight',
    label: `eth0 ${m.n.internalIP}`,
    className: 'edge-underlay',
    data: { node: m.n.name },
  }));

  // One tunnel per pair of VTEPs: flannel's full mesh of FDB entries. Past MESH_MAX nodes (only
  // when the learner forces pod cards on a big cluster) the mesh is thousands of arcs: neighbours only.
  const vteps = machines.filter((m) => m.n.vtep);
  const mesh = vteps.length <= MESH_MAX;
  for (let i = 0; i < vteps.length; i++) {
    for (let j = i + 1; j < (mesh ? vteps.length : Math.min(vteps.length, i + 2)); j++) {
      const a = vteps[i].n;
      const b = vteps[j].n;
      edges.push({
        id: `vxlan:${a.name}:${b.name}`,
        source: `node:${a.name}`,
        sourceHandle: 'vtep',
        target: `node:${b.name}`,
        targetHandle: 'vtep-in',
        type: 'overlay',
        data: { label: j - i === 1 ? 'VXLAN · UDP 8472' : 'VXLAN', a: a.name, b: b.name },
      });
    }
  }
  return { nodes, edges };
}
