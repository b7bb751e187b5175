/**
 * Pure helpers for the Node network view: which machine and namespace to show, which hop of
 * the trace is on it, and how its namespaces and devices are laid out in columns.
 */
import type { TraceStep } from '../../engine/net/trace';
import type { LinkView, NetnsView, NodeNetworkView, Snapshot } from '../../engine/sim/snapshot';
import type { UiState } from '../store';
import { currentStep } from '../graph/traceFocus';

/** Identifies the trace step on screen, so a pick made at one step can expire at the next. */
export function stepKey(s: UiState): string {
  const t = s.view.trace;
  return t && s.trace ? `${t.from}>${t.to}#${t.step}` : '';
}

/** Cluster nodes (control plane first) and the machines outside the cluster (router, internet). */
export function machines(snap: Snapshot | undefined): { cluster: string[]; outside: string[] } {
  if (!snap) return { cluster: [], outside: [] };
  const rank = (role: string) => (role === 'control-plane' ? 0 : 1);
  // Hollow nodes have no machine, so no network to show or capture.
  const cluster = snap.nodes.filter((n) => !n.hollow).sort((a, b) => rank(a.role) - rank(b.role) || a.name.localeCompare(b.name)).map((n) => n.name);
  const outside: string[] = [];
  for (const seg of snap.segments ?? []) {
    for (const m of seg.members) if (!cluster.includes(m.host) && !outside.includes(m.host)) outside.push(m.host);
  }
  return { cluster, outside };
}

/** The machine the view shows: the one picked by hand, else where the packet is, else node-1. */
export function shownNode(s: UiState): string {
  const { cluster, outside } = machines(s.snapshot);
  const all = [...cluster, ...outside];
  if (s.netNode && all.includes(s.netNode)) return s.netNode;
  const host = currentStep(s)?.host;
  if (host && all.includes(host)) return host;
  return cluster.includes('node-1') ? 'node-1' : (cluster.find((n) => n !== 'control-plane') ?? cluster[0] ?? '');
}

/** The current step when it happens on this machine. */
export function stepOn(step: TraceStep | undefined, node: string): TraceStep | undefined {
  return step && step.host === node ? step : undefined;
}

/** The namespace whose tables are shown: picked in the diagram, else the packet's, else root. */
export function focusNs(s: UiState, view: NodeNetworkView | undefined): string | undefined {
  if (!view) return undefined;
  const ids = view.namespaces.map((n) => n.id);
  if (s.netNs && s.netNs.at === stepKey(s) && ids.includes(s.netNs.id)) return s.netNs.id;
  const step = stepOn(currentStep(s), view.node);
  if (step && ids.includes(step.netns)) return step.netns;
  return ids[0];
}

/** "filter/FORWARD" → "filter". */
export function stageTable(stage: string): string | undefined {
  const i = stage.indexOf('/');
  return i > 0 ? stage.slice(0, i) : undefined;
}

/** A stable DOM key for an interface (what wires attach to). */
export function anchor(ns: string, ifname: string): string {
  return `${ns}|${ifname}`;
}

export function podName(ns: NetnsView): string | undefined {
  return ns.pod ? ns.pod.slice(ns.pod.indexOf('/') + 1) : undefined;
}

/** Test id of a namespace box: nn-ns-root, nn-pod-client, nn-netns-ns1. */
export function nsTestId(ns: NetnsView, root: boolean): string {
  if (root) return 'nn-ns-root';
  if (ns.kind === 'pod') return `nn-pod-${podName(ns)}`;
  return `nn-netns-${ns.label.replace(/^netns /, '')}`;
}

/** The command that prints a table of this namespace, as a learner would type it. */
export function nsCommand(ns: NetnsView, root: boolean, what: string): string {
  if (root) return `ip ${what}`;
  const name = ns.kind === 'netns' ? ns.label.replace(/^netns /, '') : ns.id;
  return `ip -n ${name} ${what}`;
}

export interface NsColumn {
  ns: NetnsView;
  /** The namespace's end of its veth to the root namespace, and the root's end. */
  inner?: LinkView;
  outer?: LinkView;
}

export interface BridgeSpan {
  link: LinkView;
  start: number;
  span: number;
}

export interface Layout {
  root: NetnsView;
  cols: number;
  /** One entry per column of the top row (undefined: nothing above this column). */
  top: (NsColumn | undefined)[];
  /** Root-side devices under the namespaces: bridge ports and stand-alone veths, by column. */
  ports: { link: LinkView; col: number }[];
  bridges: BridgeSpan[];
  /** The rest of the root namespace's devices (VTEPs, NICs, dummies, lo), by column. */
  nics: { link: LinkView; col: number }[];
  /** Segments under the NICs plugged into them. */
  segments: { id: string; col: number }[];
  /** veth pairs between two non-root namespaces. */
  sideLinks: { a: string; b: string }[];
}

const NIC_ORDER: Record<LinkView['kind'], number> = { vxlan: 0, ipip: 0, ether: 1, bridge: 2, veth: 3, dummy: 4, loopback: 5 };

export function layoutNetwork(view: NodeNetworkView): Layout {
  const [root, ...others] = view.namespaces;
  const byId = new Map(others.map((n) => [n.id, n]));
  const toRoot = (ns: NetnsView): NsColumn => {
    const inner = ns.links.find((l) => l.peer?.netns === root.id);
    const outer = inner && root.links.find((l) => l.name === inner.peer?.ifname);
    return { ns, inner, outer };
  };
  const columns = others.map(toRoot);
  const top: (NsColumn | undefined)[] = [];
  const ports: Layout['ports'] = [];
  const bridges: BridgeSpan[] = [];
  const placed = new Set<string>();

  for (const br of root.links.filter((l) => l.kind === 'bridge')) {
    const start = top.length;
    for (const port of root.links.filter((l) => l.master === br.name)) {
      const col = columns.find((c) => c.outer?.name === port.name);
      if (col) placed.add(col.ns.id);
      ports.push({ link: port, col: top.length });
      top.push(col);
      placed.add(`dev:${port.name}`);
    }
    if (top.length === start) top.push(undefined);
    bridges.push({ link: br, start, span: top.length - start });
  }
  // Stand-alone veths with their namespace above (the "be the CNI" exercises).
  for (const c of columns) {
    if (placed.has(c.ns.id) || !c.outer || c.outer.master) continue;
    placed.add(c.ns.id);
    placed.add(`dev:${c.outer.name}`);
    ports.push({ link: c.outer, col: top.length });
    top.push(c);
  }
  // Namespaces with no link to the root namespace.
  for (const c of columns) {
    if (placed.has(c.ns.id)) continue;
    top.push({ ns: c.ns });
  }

  const rest = root.links.filter((l) => l.kind !== 'bridge' && !placed.has(`dev:${l.name}`));
  rest.sort((a, b) => NIC_ORDER[a.kind] - NIC_ORDER[b.kind]);
  const nics = rest.map((link, col) => ({ link, col }));
  const segments = nics.filter((n) => n.link.segment).map((n) => ({ id: n.link.segment!, col: n.col }));

  const sideLinks: Layout['sideLinks'] = [];
  for (const ns of others) {
    for (const l of ns.links) {
      if (!l.peer || l.peer.netns === root.id || !byId.has(l.peer.netns)) continue;
      const a = anchor(ns.id, l.name);
      const b = anchor(l.peer.netns, l.peer.ifname);
      if (!sideLinks.some((s) => s.a === b && s.b === a)) sideLinks.push({ a, b });
    }
  }
  return { root, cols: Math.max(top.length, nics.length, 3), top, ports, bridges, nics, segments, sideLinks };
}

/** Which detail tab holds the line that decided the current step (routes, iptables, ...). */
export function decidedTab(step: TraceStep | undefined, view: NodeNetworkView | undefined, focus: string | undefined): string | undefined {
  const d = step?.decidedBy;
  if (!step || !d || !view || step.host !== view.node) return undefined;
  const ns = view.namespaces.find((n) => n.id === step.netns);
  if (stageTable(step.stage) && step.netns === view.namespaces[0].id) return 'iptables';
  if (ns && focus === ns.id && ns.routes.includes(d)) return 'routes';
  if ((ns && focus === ns.id && ns.neigh.includes(d)) || view.fdb.includes(d)) return 'neigh';
  if (step.stage === 'conntrack') return 'conntrack';
  return undefined;
}

/** Does a conntrack line belong to the connection a conntrack step names ("icmp src=a dst=b → …")? */
export function conntrackMatches(line: string, decidedBy: string | undefined): boolean {
  const m = decidedBy && /^(\w+) src=(\S+) dst=(\S+)/.exec(decidedBy);
  if (!m) return false;
  return line.startsWith(m[1]) && line.includes(`src=${m[2]} dst=${m[3]} `);
}
