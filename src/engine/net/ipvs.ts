/**
 * IPVS (ip_vs) as data: virtual services (protocol, VIP, port, scheduler) with real servers,
 * per network namespace. A packet for a VIP that is a local address (kube-proxy binds every
 * ClusterIP to the dummy kube-ipvs0) is picked up at LOCAL_IN (or LOCAL_OUT for the node's
 * own processes), gets its destination rewritten to one real server (masquerading/NAT
 * forwarding, "Masq") and is routed out again. rr picks real servers in turn; `persistent`
 * (sessionAffinity: ClientIP) sends a client back to the server it had within the timeout.
 */
import { ipNumber } from './ip';

export interface RealServer {
  address: string;
  port: number;
  weight: number;
  /** When each connection was made (ms): recent ones count as InActConn (TIME_WAIT after curl). */
  conns: number[];
  stats: IpvsStats;
}

export interface IpvsStats {
  conns: number;
  inPkts: number;
  outPkts: number;
  inBytes: number;
  outBytes: number;
}

export interface VirtualService {
  proto: 'TCP' | 'UDP' | 'SCTP';
  address: string;
  port: number;
  scheduler: 'rr';
  /** Persistence timeout in seconds (ipvsadm -p), for sessionAffinity: ClientIP. */
  persistent?: number;
  servers: RealServer[];
  /** rr: the index of the server picked last (-1: none yet). */
  last: number;
  /** Persistence templates: client address → [server "ip:port", last used ms]. */
  templates?: Record<string, [string, number]>;
  stats: IpvsStats;
}

export interface IpvsState {
  services: VirtualService[];
}

/** How long a finished connection lingers in the table (IPVS's TCP TIME_WAIT timeout). */
const INACTIVE_MS = 120_000;

const PROTO_NUMBER = { TCP: 6, UDP: 17, SCTP: 132 };

const zero = (): IpvsStats => ({ conns: 0, inPkts: 0, outPkts: 0, inBytes: 0, outBytes: 0 });
const vsKey = (v: { proto: string; address: string; port: number }): string => `${v.proto} ${v.address}:${v.port}`;

export function emptyIpvs(): IpvsState {
  return { services: [] };
}

/** The virtual services kube-proxy wants, as plain specs. */
export interface VirtualServiceSpec {
  proto: VirtualService['proto'];
  address: string;
  port: number;
  persistent?: number;
  servers: { address: string; port: number }[];
}

/**
 * Syncs the table to the wanted services, like kube-proxy's ipvs proxier: existing virtual
 * and real servers keep their counters and rr position, others are added or removed.
 */
export function syncIpvs(state: IpvsState, wanted: VirtualServiceSpec[]): void {
  const old = new Map(state.services.map((v) => [vsKey(v), v]));
  state.services = wanted.map((w) => {
    const prev = old.get(vsKey(w));
    const servers = w.servers.map((s) => prev?.servers.find((r) => r.address === s.address && r.port === s.port) ?? { address: s.address, port: s.port, weight: 1, conns: [], stats: zero() });
    const vs: VirtualService = { proto: w.proto, address: w.address, port: w.port, scheduler: 'rr', servers, last: prev ? Math.min(prev.last, servers.length - 1) : -1, stats: prev?.stats ?? zero() };
    if (w.persistent) {
      vs.persistent = w.persistent;
      vs.templates = prev?.templates ?? {};
    }
    return vs;
  });
}

/** Virtual servers by proto/address/port, per services list (syncIpvs replaces the list): the kernel hashes them too. */
const byKey = new WeakMap<VirtualService[], Map<string, VirtualService>>();

export function findVirtualService(state: IpvsState | undefined, proto: string, dst: string, dport: number | undefined): VirtualService | undefined {
  if (!state || dport === undefined) return undefined;
  let index = byKey.get(state.services);
  if (!index) {
    index = new Map();
    // The first of equal keys wins, as a scan would find it.
    for (const v of state.services) if (!index.has(`${v.proto} ${v.address} ${v.port}`)) index.set(`${v.proto} ${v.address} ${v.port}`, v);
    byKey.set(state.services, index);
  }
  return index.get(`${proto.toUpperCase()} ${dst} ${dport}`);
}

/** Picks the real server for a new connection: the persistent one, or the next in turn (rr). */
export function schedule(vs: VirtualService, client: string, now: number, bytes: number): { server: RealServer; how: string } | undefined {
  if (vs.servers.length === 0) return undefined;
  let server: RealServer | undefined;
  let how = `rr: the next real server after ${vs.last < 0 ? 'none' : `${vs.servers[vs.last].address}:${vs.servers[vs.last].port}`}`;
  const tpl = vs.templates?.[client];
  if (vs.persistent && tpl && now - tpl[1] <= vs.persistent * 1000) {
    server = vs.servers.find((s) => `${s.address}:${s.port}` === tpl[0]);
    if (server) how = `persistent ${vs.persistent}: ${client} had ${tpl[0]} within the timeout`;
  }
  if (!server) {
    vs.last = (vs.last + 1) % vs.servers.length;
    server = vs.servers[vs.last];
  }
  if (vs.templates) vs.templates[client] = [`${server.address}:${server.port}`, now];
  server.conns = [...server.conns.filter((t) => now - t < INACTIVE_MS), now];
  for (const st of [vs.stats, server.stats]) {
    st.conns++;
    st.inPkts++;
    st.inBytes += bytes;
  }
  return { server, how };
}

/** A reply leaving through IPVS (un-NATed by conntrack) counts as OutPkts. */
export function countReply(state: IpvsState | undefined, proto: string, vip: string, vport: number, rs: string, rport: number, bytes: number): void {
  const vs = findVirtualService(state, proto, vip, vport);
  const server = vs?.servers.find((s) => s.address === rs && s.port === rport);
  if (!vs || !server) return;
  for (const st of [vs.stats, server.stats]) {
    st.outPkts++;
    st.outBytes += bytes;
  }
}

const pad = (s: string | number, n: number): string => String(s).padEnd(n);
const num = (n: number): string => String(n).padStart(9);

/** `ipvsadm -Ln` (and `--stats`), as ipvsadm 1.31 prints it, trailing blanks included. */
export function formatIpvsadm(state: IpvsState | undefined, opts: { stats?: boolean; now: number; only?: string; portName?: (port: number) => string }): string {
  const ap = (a: string, p: number): string => `${a}:${opts.portName?.(p) ?? p}`;
  const lines = ['IP Virtual Server version 1.2.1 (size=4096)'];
  if (opts.stats) lines.push('Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes', '  -> RemoteAddress:Port');
  else lines.push('Prot LocalAddress:Port Scheduler Flags', '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn');
  const row = (s: IpvsStats): string => [s.conns, s.inPkts, s.outPkts, s.inBytes, s.outBytes].map(num).join('');
  // ipvsadm sorts by protocol, address and port; real servers by address and port.
  const order = (a: { address: string; port: number }, b: { address: string; port: number }): number => Number(ipNumber(a.address) - ipNumber(b.address)) || a.port - b.port;
  const services = [...(state?.services ?? [])].filter((v) => !opts.only || `${v.address}:${v.port}` === opts.only).sort((a, b) => PROTO_NUMBER[a.proto] - PROTO_NUMBER[b.proto] || order(a, b));
  for (const v of services) {
    const name = `${v.proto}  ${ap(v.address, v.port)}`;
    if (opts.stats) lines.push(`${pad(name, 33)}${row(v.stats)}`);
    else lines.push(`${name} ${v.scheduler}${v.persistent ? ` persistent ${v.persistent}` : ''}`);
    for (const s of [...v.servers].sort(order)) {
      const dest = ap(s.address, s.port);
      if (opts.stats) lines.push(`  -> ${pad(dest, 28)}${row(s.stats)}`);
      else lines.push(`  -> ${pad(dest, 28)} ${pad('Masq', 7)} ${pad(s.weight, 6)} ${pad(0, 10)} ${pad(s.conns.filter((t) => opts.now - t < INACTIVE_MS).length, 10)}`);
    }
  }
  return lines.join('\n');
}
