/** Builds the UI's Snapshot from the engine's state. */
import { podReady, podStatus } from '../shell/kubectl';
import { OUTSIDE_HOSTS } from '../net/uplink';
import type { Simulation } from './simulation';
import type { Node, Pod } from '../api/types';
import type { ApiServer } from '../apiserver/apiserver';
import type { NetNs } from '../net/types';
import { isSystemNamespace, type NodeView, type PodView, type Snapshot } from './snapshot';
import { buildServiceViews } from './serviceViews';

export function buildSnapshot(sim: Simulation): Snapshot {
  const { ctx, scenario } = sim;
  // Read-only views of the store (no deep copies), in the order `kubectl get` lists them.
  const byName = (a: { metadata: { namespace?: string; name: string } }, b: typeof a): number => {
    const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
    const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
  const storedNodes = [...(ctx.api.peekAll('Node') as readonly Node[])].sort(byName);
  // Pods on hollow nodes are counted per node, not listed (NodeView.hollow).
  const hollow = new Map<string, NonNullable<NodeView['hollow']>>();
  for (const name of ctx.hollow?.keys() ?? []) hollow.set(name, { running: 0, pending: 0, other: 0, system: { running: 0, pending: 0, other: 0 } });
  const storedPods = (ctx.api.peekAll('Pod') as readonly Pod[]).filter((p) => {
    const counts = p.spec.nodeName === undefined ? undefined : hollow.get(p.spec.nodeName);
    if (!counts) return true;
    const phase = p.metadata.deletionTimestamp ? 'Terminating' : p.status?.phase;
    const key = phase === 'Running' ? 'running' : phase === 'Pending' ? 'pending' : 'other';
    counts[key]++;
    // Counted apart too, so the graph can leave them out as it leaves out a machine's.
    if (isSystemNamespace(p.metadata.namespace)) counts.system[key]++;
    return false;
  }).sort(byName);
  // Each pod's network namespace, found once (a lookup per pod would scan every namespace).
  const podNs = new Map<string, NetNs>();
  for (const ns of ctx.net.namespaces.values()) if (ns.kind === 'pod' && ns.pod && !podNs.has(ns.pod)) podNs.set(ns.pod, ns);
  const nodes: NodeView[] = storedNodes.map((n) => {
    const host = ctx.hosts.get(n.metadata.name);
    const ns = ctx.net.namespaces.get(n.metadata.name);
    const vtep = ns?.links.find((l) => l.name === 'flannel.1');
    const br = ns?.links.find((l) => l.name === 'cni0');
    const internalIP = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
    const nic = ns?.links.find((l) => l.addrs.some((a) => a.address === internalIP));
    return {
      name: n.metadata.name,
      role: host?.role ?? 'worker',
      ready: n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True',
      internalIP: n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '',
      podCIDR: n.spec.podCIDR,
      runtime: n.status?.nodeInfo?.containerRuntimeVersion ?? '',
      kubeletVersion: n.status?.nodeInfo?.kubeletVersion ?? '',
      vtep: vtep ? { dev: vtep.name, mac: vtep.mac, address: vtep.addrs[0]?.address ?? '' } : undefined,
      bridge: br ? { dev: br.name, address: br.addrs[0] ? `${br.addrs[0].address}/${br.addrs[0].prefix}` : '' } : undefined,
      nic: { dev: nic?.name ?? 'eth0', address: internalIP },
      ...(hollow.has(n.metadata.name) ? { hollow: hollow.get(n.metadata.name) } : {}),
    };
  });
  const pods: PodView[] = storedPods.map((p) => {
    const id = `${p.metadata.namespace}/${p.metadata.name}`;
    const ns = podNs.get(id);
    const eth0 = ns?.links.find((l) => l.name === 'eth0');
    return {
      namespace: p.metadata.namespace!,
      name: p.metadata.name,
      id,
      node: p.spec.nodeName,
      ip: p.status?.podIP,
      phase: p.status?.phase ?? 'Pending',
      status: podStatus(p),
      ready: podReady(p),
      app: p.metadata.labels?.app,
      images: p.spec.containers.map((c) => c.image),
      hostVeth: eth0?.peer?.ifname,
      netns: ns?.id,
    };
  });
  return {
    time: ctx.clock.now,
    clusterName: scenario.name,
    podCIDR: scenario.cluster.podCIDR,
    serviceCIDR: scenario.cluster.serviceCIDR,
    cni: scenario.cluster.cni === 'flannel' ? `flannel (${scenario.cluster.flannelBackend})` : scenario.cluster.cni === 'calico' ? 'calico (IPIP)' : 'none',
    nodes,
    pods,
    services: buildServiceViews(sim.ctx.api),
    messages: [...ctx.log.all()].slice(-100),
    actionCount: sim.actions.length,
    segments: [...ctx.net.segments.values()].map((seg) => ({
      ...seg,
      members: ctx.net.segmentPorts(seg.id).map(([ns, l]) => ({ host: ns.host, ifname: l.name, ip: l.addrs[0]?.address })),
    })),
    preset: scenario.preset,
    outsideHosts: Object.entries(OUTSIDE_HOSTS).map(([ip, name]) => ({ ip, name })),
    ...attachedSessions(sim),
    ...snapshotHash(sim),
  };
}

/** The open `kubectl run -it` sessions whose pod is still there, not deleted or replaced (omitted when none). */
function attachedSessions(sim: Simulation): Pick<Snapshot, 'attached'> {
  const open = [...(sim.ctx.attached ?? [])].filter(([id, s]) => {
    const [ns, name] = id.split('/');
    return sim.ctx.api.peek('Pod', ns, name)?.metadata.uid === s.uid;
  });
  return open.length === 0 ? {} : { attached: open.map(([pod, s]) => ({ pod, from: s.from })) };
}

/**
 * The fingerprint walks the whole state: ~0.6 s at 200 nodes / 2,000 pods, ~1.4 s at 300 / 3,000,
 * ~9 s at 1,000 nodes, and every node's kube-proxy rules add ~50 µs per Service per node (5.5 s
 * for 1,000 Services on 100 nodes). Every answer to the page carries a snapshot, so past these
 * sizes it gets a version instead.
 */
export const CONTENT_HASH_LIMITS = { nodes: 200, pods: 5_000, serviceNodes: 5_000 };

/** Each Simulation's serial: a new one (undo, a load) never repeats an old one's version. */
const serials = new WeakMap<Simulation, number>();
let nextSerial = 1;

export function hashesContent(api: ApiServer): boolean {
  const nodes = api.peekAll('Node').length;
  return nodes <= CONTENT_HASH_LIMITS.nodes && api.peekAll('Pod').length <= CONTENT_HASH_LIMITS.pods && nodes * api.peekAll('Service').length <= CONTENT_HASH_LIMITS.serviceNodes;
}

function snapshotHash(sim: Simulation): { hash: string; hashIsState: boolean } {
  if (hashesContent(sim.ctx.api)) return { hash: sim.stateHash(), hashIsState: true };
  let serial = serials.get(sim);
  if (serial === undefined) serials.set(sim, (serial = nextSerial++));
  // Every command is an action, every write an etcd revision, every timer a clock sequence number.
  const { ctx } = sim;
  return { hash: `v${serial}.${sim.actions.length}.${ctx.clock.now}.${ctx.clock.getSeq()}.${ctx.api.etcd.revision}`, hashIsState: false };
}
