/** Small pure helpers over the snapshot that several panels share. */
import type { NodeView, PodView, Snapshot } from '../engine/sim/snapshot';

/** Pods by id, per snapshot: pickers look up every pod, which was O(pods²) on a 10,000-pod cluster. */
const podIndex = new WeakMap<Snapshot, { pods: PodView[]; length: number; byId: Map<string, PodView> }>();

export function findPod(s: Snapshot | undefined, id: string | undefined): PodView | undefined {
  if (!id || !s) return undefined;
  let ix = podIndex.get(s);
  if (!ix || ix.pods !== s.pods || ix.length !== s.pods.length) {
    const byId = new Map<string, PodView>();
    for (const p of s.pods) if (!byId.has(p.id)) byId.set(p.id, p);
    ix = { pods: s.pods, length: s.pods.length, byId };
    podIndex.set(s, ix);
  }
  return ix.byId.get(id);
}

export function findNode(s: Snapshot | undefined, name: string | undefined): NodeView | undefined {
  return name ? s?.nodes.find((n) => n.name === name) : undefined;
}

/** The terminal prompt a real shell would print for this target. */
export function promptFor(s: Snapshot | undefined, target: string): string {
  return findNode(s, target) ? `root@${target}:~#` : '/ #';
}

/** defaultSource / defaultDestination answers per pod list: the trace panel asks on every render, each a scan of every pod. */
const defaults = new WeakMap<PodView[], Map<string, string>>();

function remembered(s: Snapshot, key: string, fn: () => string): string {
  let m = defaults.get(s.pods);
  if (!m) defaults.set(s.pods, (m = new Map()));
  let v = m.get(key);
  if (v === undefined) m.set(key, (v = fn()));
  return v;
}

/** Default trace source: the `client` pod when there is one, else the first pod with an IP. */
export function defaultSource(s: Snapshot): string {
  return remembered(s, '', () => {
    const withIp = s.pods.filter((p) => p.ip);
    return (withIp.find((p) => p.name === 'client') ?? withIp[0])?.id ?? '';
  });
}

/** Default destination: a pod on another node than the source (the interesting, tunnelled case). */
export function defaultDestination(s: Snapshot, from: string): string {
  return remembered(s, `>${from}`, () => destinationFor(s, from));
}

function destinationFor(s: Snapshot, from: string): string {
  const src = findPod(s, from);
  const candidates = s.pods.filter((p) => p.ip && p.id !== from && p.namespace === (src?.namespace ?? 'default'));
  const remote = candidates.find((p) => p.node && p.node !== src?.node);
  return (remote ?? candidates[0])?.id ?? '';
}

export function defaultTerminal(s: Snapshot): string {
  return (s.nodes.find((n) => n.role === 'control-plane') ?? s.nodes[0])?.name ?? '';
}

/** Simulated ms → "mm:ss.s", the clock in the top bar. */
export function formatClock(ms: number): string {
  const total = Math.max(0, ms) / 1000;
  const m = Math.floor(total / 60);
  const sec = total - m * 60;
  return `${String(m).padStart(2, '0')}:${sec.toFixed(1).padStart(4, '0')}`;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Addresses a trace can go to besides pods: the nodes, the router, hosts on the internet. */
export function addressTargets(
  s: Snapshot,
  words: { node: (name: string) => string; internet: (name: string) => string } = { node: (n) => `node ${n}`, internet: (h) => `${h} on the internet` },
): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  const add = (value: string | undefined, label: string) => {
    if (value && !out.some((o) => o.value === value)) out.push({ value, label: `${value} — ${label}` });
  };
  // Not the hollow nodes': no machine answers there (and 5,000 of them would swamp the list).
  for (const n of s.nodes) if (!n.hollow) add(n.internalIP, words.node(n.name));
  for (const seg of s.segments ?? []) for (const m of seg.members) if (!s.nodes.some((n) => n.name === m.host)) add(m.ip, `${m.host} ${m.ifname}`);
  for (const h of s.outsideHosts ?? []) add(h.ip, words.internet(h.name));
  return out;
}

export const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
