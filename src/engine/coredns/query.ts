/**
 * A DNS query as a real UDP datagram: it walks from the asking namespace to the nameserver
 * (through kube-proxy's DNAT when that is the kube-dns ClusterIP), whoever listens on port 53
 * there answers, and the reply walks back (un-DNATed by conntrack). CoreDNS answers its zone
 * from the live API objects and forwards the rest to the node's resolver, again as a packet.
 */
import type { EndpointSlice, Pod, Service } from '../api/types';
import { transportRequest } from '../net/packet';
import { fnv1a32 } from '../sim/hash';
import { annotateDnsAnswer } from '../net/capture';
import type { Trace } from '../net/trace';
import type { NetNs } from '../net/types';
import { INTERNET } from '../net/uplink';
import type { ShellEnv } from '../shell/types';
import { coreDnsServers, coreDnsServing, reloadIfDue, upstreamOf } from './daemon';
import { fqdn, lookup, type ClusterView, type DnsMessage, type RR, type RRType } from './records';
import { upstreamAnswer } from './upstream';
import { cacheGet, cacheKey, cachePut } from './cache';

export type QueryOutcome =
  | { kind: 'reply'; msg: DnsMessage; ms: number }
  /** Nothing came back (dropped on the way, or nothing answering DNS there). */
  | { kind: 'timeout'; trace: Trace }
  /** ICMP port unreachable came back (kube-proxy's REJECT for a Service without endpoints). */
  | { kind: 'refused'; trace: Trace }
  | { kind: 'unreachable'; trace: Trace };

export function clusterView(env: ShellEnv): ClusterView {
  const api = env.ctx.api;
  return { services: api.peekAll('Service') as Service[], slices: api.peekAll('EndpointSlice') as EndpointSlice[], pods: api.peekAll('Pod') as Pod[] };
}

/** The namespace that received the request: the last delivery on the request leg. */
function receiver(env: ShellEnv, t: Trace): NetNs | undefined {
  const at = [...t.steps].reverse().find((s) => s.leg === 'request' && s.stage === 'deliver');
  return at ? env.ctx.net.namespaces.get(at.netns) : undefined;
}

/** Sends one query from `from` to server:53 and returns what came back. */
export function sendQuery(env: ShellEnv, from: NetNs, server: string, qname: string, qtype: RRType, tool: string, sport = env.ephemeralPort(), proto: 'udp' | 'tcp' = 'udp'): QueryOutcome {
  // Over TCP the walk is the handshake: a SYN-ACK means the server accepted and answers on the stream.
  // The query id comes from a hash, not the PRNG, so capturing changes no other output.
  const query = { ...transportRequest(proto, '', server, sport, 53), dns: { id: fnv1a32(`${qname}/${qtype}/${sport}`) % 65536, qname, qtype } };
  const t = env.send(from, query, { answerEcho: true, answerUdp: true }, tool);
  if (t.icmpError?.type === 'port-unreachable' || t.refused) return { kind: 'refused', trace: t };
  if (!t.replied) return { kind: t.reason?.includes('unreachable') ? 'unreachable' : 'timeout', trace: t };
  const ns = receiver(env, t);
  const ms = Math.max(0, Math.round(t.rttUs / 1000));
  if (ns?.host === INTERNET && t.listener === 'DNS server') return answered(env, query.dns.id, upstreamAnswer(qname, qtype), ms);
  if (ns?.kind === 'pod' && ns.pod && t.listener?.startsWith('coredns') && coreDnsServing(env.ctx, ns.pod)) {
    const server = coreDnsServers(env.ctx)?.get(ns.pod);
    if (server) reloadIfDue(env.ctx, server);
    const key = cacheKey(qname, qtype);
    const hit = server ? cacheGet(server.cache, key, env.ctx.clock.now) : undefined;
    const r = hit ? { msg: hit, ms: 0, forwardedTo: undefined } : coreDnsAnswer(env, ns, qname, qtype);
    if (server) {
      if (hit) server.cacheHits++;
      else {
        server.cacheMisses++;
        if (server.config.cache !== undefined) cachePut(server.cache, key, r.msg, env.ctx.clock.now, server.config.cache);
      }
      const bump = (m: Record<string, number>, k: string): void => void (m[k] = (m[k] ?? 0) + 1);
      bump(server.requests, `${proto}|${qtype}`);
      bump(server.responses, r.msg.rcode);
      if (r.forwardedTo) bump(server.forwards, r.forwardedTo);
    }
    return answered(env, query.dns.id, loadbalance(env, r.msg), ms + r.ms);
  }
  // Something else got the datagram: no DNS answer ever comes back.
  return { kind: 'timeout', trace: t };
}

/** The answer, also shown by tcpdump on the captured response. */
function answered(env: ShellEnv, id: number, msg: DnsMessage, ms: number): QueryOutcome {
  const records = msg.answers.map((r) => `${r.type} ${r.data}`);
  annotateDnsAnswer(env.ctx.net, id, { aa: msg.aa, ra: msg.ra, rcode: msg.rcode, counts: [msg.answers.length, msg.authority.length, msg.additional.length], records });
  return { kind: 'reply', msg, ms };
}

/** The `loadbalance` plugin: A records of an answer in a random order (round-robin DNS). */
function loadbalance(env: ShellEnv, msg: DnsMessage): DnsMessage {
  const a = msg.answers.filter((r) => r.type === 'A');
  if (a.length < 2) return msg;
  for (let i = a.length - 1; i > 0; i--) {
    const j = env.ctx.prng.int(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return { ...msg, answers: [...msg.answers.filter((r) => r.type !== 'A'), ...a] };
}

let forwardDepth = 0;

/** CoreDNS's plugin chain for one query: kubernetes, then forward to its own resolv.conf's server. */
function coreDnsAnswer(env: ShellEnv, ns: NetNs, qname: string, qtype: RRType): { msg: DnsMessage; ms: number; forwardedTo?: string } {
  const [pns, pname] = ns.pod!.split('/');
  const pod = env.ctx.api.peekAll('Pod').find((p) => p.metadata.namespace === pns && p.metadata.name === pname) as Pod | undefined;
  const target = coreDnsServers(env.ctx)?.get(ns.pod!)?.config.forward[0] ?? '/etc/resolv.conf';
  const upstream = upstreamOf(env.ctx, pod, target);
  const forward = (name: string, type: RRType): { msg: DnsMessage; ms: number } => {
    // A backstop for forwarding chains the loop plugin did not see (e.g. through another resolver).
    if (forwardDepth >= 3) return { msg: { rcode: 'SERVFAIL', aa: false, ra: true, answers: [], authority: [], additional: [] }, ms: 0 };
    forwardDepth++;
    let r: QueryOutcome;
    try {
      r = sendQuery(env, ns, upstream, name, type, 'coredns');
    } finally {
      forwardDepth--;
    }
    if (r.kind === 'reply') return { msg: { ...r.msg, aa: false, ra: true }, ms: r.ms };
    // forward: the upstream did not answer in time.
    return { msg: { rcode: 'SERVFAIL', aa: false, ra: true, answers: [], authority: [], additional: [] }, ms: 2000 };
  };
  const view = clusterView(env);
  const first = lookup(view, qname, qtype);
  if (first.kind === 'forward') return { ...forward(qname, qtype), forwardedTo: `${upstream}:53` };
  if (!first.chase) return { msg: first.msg, ms: 0 };
  // ExternalName: the CNAME, then its target resolved (in the zone, or upstream).
  const next = lookup(view, first.chase, qtype);
  const tail = next.kind === 'forward' ? forward(first.chase, qtype) : { msg: next.msg, ms: 0 };
  const answers: RR[] = [...first.msg.answers, ...tail.msg.answers];
  const forwardedTo = next.kind === 'forward' ? `${upstream}:53` : undefined;
  return { msg: { ...tail.msg, aa: false, ra: true, answers, authority: tail.msg.answers.length ? [] : tail.msg.authority }, ms: tail.ms, forwardedTo };
}

/** Follows CNAMEs in an answer to the addresses of `name`. */
export function addressesOf(msg: DnsMessage, name: string): { canonical: string; ips: string[] } {
  let canonical = fqdn(name);
  for (let i = 0; i < 8; i++) {
    const c = msg.answers.find((r) => r.type === 'CNAME' && r.name === canonical);
    if (!c) break;
    canonical = c.data;
  }
  return { canonical, ips: msg.answers.filter((r) => r.type === 'A' && r.name === canonical).map((r) => r.data) };
}
