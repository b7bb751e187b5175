/**
 * The control-plane flow's pure parts: which drawn component an actor of the message log is,
 * which edge a message travels, the fixed layout, and the animation queue (one step per
 * simulated instant, duplicates folded).
 */
import type { Message } from '../../engine/sim/messages';
import type { NodeView } from '../../engine/sim/snapshot';
import type { MessageKey } from '../i18n';

export type Side = 't' | 'b' | 'l' | 'r';

export interface CompBox {
  id: string;
  label: string;
  /** What it does, one line (an i18n key). */
  role: MessageKey;
  x: number;
  y: number;
  kind: 'user' | 'cp' | 'store' | 'node';
  w: number;
}

export interface MachineBox {
  id: string;
  label: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Link {
  id: string;
  source: string;
  target: string;
  sourceHandle: Side;
  targetHandle: Side;
}

export const BOX_W = 176;
export const NODE_BOX_W = 132;
export const BOX_H = 44;
const COL_W = NODE_BOX_W + 24;
const COL_GAP = 20;
const SIDE_GAP = 54;
const MID_Y = 120;
const NODE_Y = 224;

/**
 * The drawn component an actor name stands for, or undefined when the view does not draw it
 * (iptables, flanneld ...). Event sources count as their process: `deployment-controller` is a
 * loop inside kube-controller-manager, `default-scheduler` is kube-scheduler.
 */
export function componentOf(actor: string): string | undefined {
  if (actor === 'kubectl' || actor === 'kubeadm') return 'kubectl';
  if (actor === 'kube-apiserver') return 'kube-apiserver';
  if (actor === 'etcd') return 'etcd';
  if (actor === 'kube-scheduler' || actor === 'default-scheduler') return 'kube-scheduler';
  if (actor === 'kube-controller-manager' || /^[a-z-]+-controller$/.test(actor)) return 'kube-controller-manager';
  const m = /^(kubelet|containerd|cri-o|crio|cni)\/(.+)$/.exec(actor);
  if (!m) return undefined;
  const role = m[1] === 'containerd' || m[1] === 'cri-o' || m[1] === 'crio' ? 'runtime' : m[1];
  return `${role}:${m[2]}`;
}

/** Every drawn link, keyed by its two ends in either order. */
function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export interface Layout {
  boxes: CompBox[];
  machines: MachineBox[];
  links: Link[];
}

/**
 * Control plane on top (you → kube-apiserver → etcd; scheduler and controllers below it), then
 * one frame per node with its kubelet → container runtime → CNI plugin. kube-proxy and the CNI
 * daemons are not drawn (their messages are listed): the picture is the path of a pod.
 */
export function buildLayout(nodes: readonly NodeView[]): Layout {
  // At most MAX_COLUMNS machines get a column (a column per node froze the page for seconds at
  // 1,000 nodes); Kubemark hollow nodes never (no runtime or CNI to draw). The others' messages
  // are still listed; one last column says how many are not drawn.
  const machinesFirst = nodes.filter((n) => !n.hollow).sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) : a.role === 'control-plane' ? -1 : 1));
  const sorted = machinesFirst.slice(0, MAX_COLUMNS);
  const hidden = nodes.length - sorted.length;
  const columns = sorted.length + (hidden > 0 ? 1 : 0);
  const nodesW = columns * (COL_W + COL_GAP) - COL_GAP;
  const topW = 3 * BOX_W + 2 * SIDE_GAP;
  const width = Math.max(nodesW, topW);
  const cx = width / 2 - BOX_W / 2;
  const cp = (id: string, role: MessageKey, x: number, y: number, kind: CompBox['kind']): CompBox => ({ id, label: id, role, x, y, kind, w: BOX_W });
  const boxes: CompBox[] = [
    cp('kubectl', 'cp.role.kubectl', cx - BOX_W - SIDE_GAP, 0, 'user'),
    cp('kube-apiserver', 'cp.role.apiserver', cx, 0, 'cp'),
    cp('etcd', 'cp.role.etcd', cx + BOX_W + SIDE_GAP, 0, 'store'),
    cp('kube-scheduler', 'cp.role.scheduler', cx - BOX_W / 2 - SIDE_GAP, MID_Y, 'cp'),
    cp('kube-controller-manager', 'cp.role.controllers', cx + BOX_W / 2 + SIDE_GAP, MID_Y, 'cp'),
  ];
  const links: Link[] = [
    { id: pairKey('kubectl', 'kube-apiserver'), source: 'kubectl', target: 'kube-apiserver', sourceHandle: 'r', targetHandle: 'l' },
    { id: pairKey('kube-apiserver', 'etcd'), source: 'kube-apiserver', target: 'etcd', sourceHandle: 'r', targetHandle: 'l' },
    { id: pairKey('kube-apiserver', 'kube-scheduler'), source: 'kube-apiserver', target: 'kube-scheduler', sourceHandle: 'b', targetHandle: 't' },
    { id: pairKey('kube-apiserver', 'kube-controller-manager'), source: 'kube-apiserver', target: 'kube-controller-manager', sourceHandle: 'b', targetHandle: 't' },
  ];
  const machines: MachineBox[] = [];
  const x0 = (width - nodesW) / 2;
  sorted.forEach((n, i) => {
    const x = x0 + i * (COL_W + COL_GAP);
    machines.push({ id: `machine:${n.name}`, label: n.name, x, y: NODE_Y, w: COL_W, h: 236 });
    const kubelet = `kubelet:${n.name}`;
    const runtime = `runtime:${n.name}`;
    const cni = `cni:${n.name}`;
    const bx = x + (COL_W - NODE_BOX_W) / 2;
    const box = (id: string, label: string, role: MessageKey, y: number): CompBox => ({ id, label, role, x: bx, y: NODE_Y + y, kind: 'node', w: NODE_BOX_W });
    boxes.push(
      box(kubelet, 'kubelet', 'cp.role.kubelet', 30),
      box(runtime, n.runtime.split(':')[0] || 'containerd', 'cp.role.runtime', 108),
      box(cni, 'CNI plugin', 'cp.role.cni', 186),
    );
    links.push(
      { id: pairKey('kube-apiserver', kubelet), source: 'kube-apiserver', target: kubelet, sourceHandle: 'b', targetHandle: 't' },
      { id: pairKey(kubelet, runtime), source: kubelet, target: runtime, sourceHandle: 'b', targetHandle: 't' },
      { id: pairKey(runtime, cni), source: runtime, target: cni, sourceHandle: 'b', targetHandle: 't' },
    );
  });
  if (hidden > 0) machines.push({ id: 'machine:more', label: `… +${hidden.toLocaleString('en-US')}`, x: x0 + sorted.length * (COL_W + COL_GAP), y: NODE_Y, w: COL_W, h: 236 });
  return { boxes, machines, links };
}

/** Machine columns drawn at most. */
export const MAX_COLUMNS = 24;

/** The link a message travels and whether it runs against the link's drawn direction; undefined when not drawn. */
export function edgeOf(m: Pick<Message, 'from' | 'to'>, links: readonly Link[]): { link: Link; reverse: boolean } | undefined {
  const a = componentOf(m.from);
  const b = componentOf(m.to);
  if (!a || !b || a === b) return undefined;
  const link = links.find((l) => l.id === pairKey(a, b));
  return link ? { link, reverse: link.source !== a } : undefined;
}

/** A message with how many identical ones (same instant, ends, verb and path) it stands for. */
export interface Folded extends Message {
  n: number;
  /** Position in the session's message stream, a stable key. */
  seq: number;
}

/** Folds identical messages (the apiserver fans one watch event out to every informer of a process). */
export function fold(messages: readonly Message[], firstSeq: number): Folded[] {
  const out: Folded[] = [];
  messages.forEach((m, i) => {
    const prev = out[out.length - 1];
    if (prev && prev.t === m.t && prev.from === m.from && prev.to === m.to && prev.verb === m.verb && prev.path === m.path) prev.n++;
    else out.push({ ...m, n: 1, seq: firstSeq + i });
  });
  return out;
}

/** Animation steps: the messages of one simulated instant travel together, instants in time order. */
export function steps(messages: readonly Folded[]): Folded[][] {
  const out: Folded[][] = [];
  for (const m of messages) {
    const last = out[out.length - 1];
    if (last && last[0].t === m.t) last.push(m);
    else out.push([m]);
  }
  return out;
}

/** How long one step shows: slower when little is queued, faster when a big apply queued many. */
export function stepMs(queued: number): number {
  if (queued > 60) return 160;
  if (queued > 20) return 380;
  return 800;
}

/** Whether a message involves a component (for the list's filter): either end, by drawn id. */
export function involves(m: Pick<Message, 'from' | 'to'>, component: string): boolean {
  return componentOf(m.from) === component || componentOf(m.to) === component;
}

/** What one link shows during a step: a dot per direction and, once per fan-out, a label. */
export interface Travel {
  key: string;
  reverse: boolean;
  /** Empty on the other links of a fan-out (one label says "×n"). */
  label: string;
  msgs: Folded[];
}

/** The last two segments of a REST path or etcd key, enough to say what a label is about. */
export function shortPath(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts.length > 2 ? `…/${parts.slice(-2).join('/')}` : path;
}

/**
 * The links busy in a step. The apiserver fans one watch event out to every kubelet: the dots
 * go on every link, the label (verb, short path, ×n) only on the first, so labels do not pile up.
 */
export function travelsOf(current: readonly Folded[], links: readonly Link[]): Map<string, Travel> {
  const byLink = new Map<string, Travel>();
  const fan = new Map<string, { travel: Travel; n: number }>();
  for (const m of current) {
    const e = edgeOf(m, links);
    if (!e) continue;
    const tr = byLink.get(e.link.id);
    if (tr) {
      tr.msgs.push(m);
      continue;
    }
    const key = `${componentOf(m.from)}|${m.verb}|${m.path}`;
    const seen = fan.get(key);
    const travel: Travel = { key: `${m.seq}`, reverse: e.reverse, label: seen ? '' : `${m.verb} ${shortPath(m.path)}`, msgs: [m] };
    if (seen) seen.n++;
    else fan.set(key, { travel, n: 1 });
    byLink.set(e.link.id, travel);
  }
  for (const { travel, n } of fan.values()) if (n > 1) travel.label += ` ×${n}`;
  for (const tr of byLink.values()) if (tr.label && tr.msgs.length > 1) tr.label += ` (+${tr.msgs.length - 1})`;
  return byLink;
}
