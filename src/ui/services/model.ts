/**
 * Pure model of the Services view: which Services to show, the Service → endpoint → pod-on-node
 * graph laid out in three columns, and the DNS names CoreDNS serves for a Service.
 */
import type { ServiceView, Snapshot } from '../../engine/sim/snapshot';

export const CLUSTER_DOMAIN = 'cluster.local';

export type GraphNode =
  | { id: string; type: 'service'; x: number; y: number; h: number; svc: ServiceView }
  | { id: string; type: 'endpoint'; x: number; y: number; h: number; svc: string; ip: string; ports: string; ready: boolean; pod?: string }
  | { id: string; type: 'machine'; x: number; y: number; h: number; name: string; pods: number }
  /** A pod inside its machine's box: x/y relative to the box. */
  | { id: string; type: 'pod'; x: number; y: number; h: number; parent: string; pod: string; name: string; ip?: string; ready: boolean };

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** The endpoint is not ready: kube-proxy sends it nothing (dashed). */
  unready?: boolean;
}

export const COL_X = { service: 0, endpoint: 300, machine: 560 };
export const WIDTH = { service: 250, endpoint: 200, machine: 250 };
const SVC_H = 96;
const EP_H = 40;
const GAP = 20;
const MACHINE_HEAD = 34;
const POD_ROW = 30;

/** Services to draw: kube-system's only when system pods are shown; `kubernetes` (the API server) always. */
export function shownServices(snap: Snapshot | undefined, showSystem: boolean): ServiceView[] {
  return (snap?.services ?? [])
    .filter((s) => showSystem || s.namespace !== 'kube-system')
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

/** "80/TCP", "http:80/TCP" for endpoint ports. */
function epPorts(svc: ServiceView): string {
  return svc.endpointPorts.map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(',');
}

/** Three columns: Services; their endpoint addresses; the machines with the pods behind them. */
export function buildServiceGraph(snap: Snapshot, services: ServiceView[]): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  // Machines (cluster nodes) that hold an endpoint, with the endpoint pods on each.
  const machinePods = new Map<string, { id: string; name: string; ip?: string; ready: boolean }[]>();
  const hostOf = new Map(snap.nodes.map((n) => [n.internalIP, n.name]));
  const epTarget = (ep: ServiceView['endpoints'][number]): { machine: string; pod?: string } | undefined => {
    const pod = ep.pod ? snap.pods.find((p) => p.id === ep.pod) : undefined;
    const machine = pod?.node ?? ep.node ?? hostOf.get(ep.ip);
    return machine ? { machine, pod: pod?.id } : undefined;
  };
  for (const svc of services) {
    for (const ep of svc.endpoints) {
      const tg = epTarget(ep);
      if (!tg) continue;
      const list = machinePods.get(tg.machine) ?? [];
      if (tg.pod && !list.some((p) => p.id === tg.pod)) {
        const pod = snap.pods.find((p) => p.id === tg.pod)!;
        list.push({ id: pod.id, name: pod.name, ip: pod.ip, ready: pod.ready.split('/')[0] === pod.ready.split('/')[1] });
      }
      machinePods.set(tg.machine, list);
    }
  }
  let y = 0;
  for (const svc of services) {
    const id = `svc:${svc.id}`;
    const eps = svc.endpoints.length;
    // A Service without endpoints gets room for its two-line warning (the selector that matches nothing).
    const h = eps === 0 && svc.type !== 'ExternalName' ? SVC_H + 18 : SVC_H;
    const block = Math.max(h, eps * (EP_H + 8) - 8);
    nodes.push({ id, type: 'service', x: COL_X.service, y, h, svc });
    svc.endpoints.forEach((ep, i) => {
      const epId = `ep:${svc.id}:${ep.ip}`;
      const tg = epTarget(ep);
      nodes.push({ id: epId, type: 'endpoint', x: COL_X.endpoint, y: y + i * (EP_H + 8), h: EP_H, svc: svc.id, ip: ep.ip, ports: epPorts(svc), ready: ep.ready, pod: tg?.pod });
      edges.push({ id: `e:${id}>${epId}`, source: id, target: epId, unready: !ep.ready });
      if (tg) edges.push({ id: `e:${epId}>${tg.machine}`, source: epId, target: tg.pod ? `pod:${tg.pod}` : `machine:${tg.machine}`, unready: !ep.ready });
    });
    y += block + GAP;
  }
  let my = 0;
  for (const name of [...machinePods.keys()].sort()) {
    const pods = machinePods.get(name)!.sort((a, b) => a.name.localeCompare(b.name));
    const h = MACHINE_HEAD + pods.length * POD_ROW + 8;
    nodes.push({ id: `machine:${name}`, type: 'machine', x: COL_X.machine, y: my, h, name, pods: pods.length });
    pods.forEach((p, i) => nodes.push({ id: `pod:${p.id}`, type: 'pod', x: 8, y: MACHINE_HEAD + i * POD_ROW, h: POD_ROW - 4, parent: `machine:${name}`, pod: p.id, name: p.name, ip: p.ip, ready: p.ready }));
    my += h + GAP;
  }
  return { nodes, edges };
}

/** The names CoreDNS answers for a Service: its A (or CNAME) name, SRV names of named ports, a headless Service's pod names. */
export function dnsRecords(svc: ServiceView, zone = CLUSTER_DOMAIN): { name: string; type: 'A' | 'CNAME' | 'SRV'; data: string }[] {
  const name = `${svc.name}.${svc.namespace}.svc.${zone}`;
  if (svc.type === 'ExternalName') return [{ name, type: 'CNAME', data: svc.externalName ?? '' }];
  const headless = svc.clusterIP === 'None';
  const ready = svc.endpoints.filter((e) => e.ready);
  const out: { name: string; type: 'A' | 'CNAME' | 'SRV'; data: string }[] = [];
  if (headless) for (const e of ready) out.push({ name, type: 'A', data: e.ip });
  else if (svc.clusterIP) out.push({ name, type: 'A', data: svc.clusterIP });
  for (const p of svc.ports) {
    if (!p.name) continue;
    const srv = `_${p.name}._${p.protocol.toLowerCase()}.${name}`;
    const targets = headless ? ready.map((e) => `${e.ip.replace(/\./g, '-')}.${name}`) : [name];
    for (const tg of targets) out.push({ name: srv, type: 'SRV', data: `0 ${Math.floor(100 / Math.max(1, targets.length))} ${p.port} ${tg}` });
  }
  if (headless) for (const e of ready) out.push({ name: `${e.ip.replace(/\./g, '-')}.${name}`, type: 'A', data: e.ip });
  return out;
}

/** "80/TCP", "80:30080/TCP", "http 8080→http/TCP": the Service's ports as kubectl and the spec say them. */
export function portText(p: ServiceView['ports'][number]): string {
  const base = `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol}`;
  return [p.name, base, p.targetPort && p.targetPort !== String(p.port) ? `→ ${p.targetPort}` : ''].filter(Boolean).join(' ');
}

/** `app=web,tier=front`. */
export function selectorText(sel: Record<string, string> | undefined): string {
  return sel ? Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',') : '';
}
