/**
 * What CoreDNS's kubernetes plugin answers for the cluster zone, computed from the objects it
 * watches (Services, EndpointSlices, Pods), as the Kubernetes DNS specification defines it:
 *   <svc>.<ns>.svc.<zone>              A: the ClusterIP; headless: every ready endpoint
 *   <host>.<svc>.<ns>.svc.<zone>       A: one endpoint (spec.hostname, or its IP with dashes)
 *   _<port>._<proto>.<svc>.<ns>.svc... SRV: priority 0, weight 100/n, the port, the target
 *   <a-b-c-d>.<ns>.pod.<zone>          A: a.b.c.d (`pods insecure`: not checked)
 *   <d.c.b.a>.in-addr.arpa             PTR: a ClusterIP or a Service endpoint
 * ExternalName Services answer a CNAME. Names outside the zone (and reverse names the plugin
 * does not know, thanks to `fallthrough in-addr.arpa ip6.arpa`) go to the next plugin: forward.
 */
import type { EndpointSlice, Pod, Service } from '../api/types';

export type RRType = 'A' | 'AAAA' | 'CNAME' | 'SRV' | 'PTR' | 'SOA' | 'TXT' | 'NS' | 'MX' | 'ANY';
export const RR_TYPES: RRType[] = ['A', 'AAAA', 'CNAME', 'SRV', 'PTR', 'SOA', 'TXT', 'NS', 'MX', 'ANY'];

/** A resource record; names are absolute with the trailing dot, data as dig prints it. */
export interface RR {
  name: string;
  ttl: number;
  type: RRType;
  data: string;
}

export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';

export interface DnsMessage {
  rcode: Rcode;
  /** Authoritative answer (aa): CoreDNS for its own zone; forwarded answers are not. */
  aa: boolean;
  /** Recursion available (ra): set by the forwarder and public resolvers. */
  ra: boolean;
  answers: RR[];
  authority: RR[];
  additional: RR[];
}

export interface ClusterView {
  services: readonly Service[];
  slices: readonly EndpointSlice[];
  pods: readonly Pod[];
}

export type ZoneResult = { kind: 'answer'; msg: DnsMessage; /** ExternalName: the CNAME target still to resolve. */ chase?: string } | { kind: 'forward' };

export const CLUSTER_DOMAIN = 'cluster.local';
/** The `ttl 30` of the kubeadm Corefile. */
export const TTL = 30;

export function fqdn(name: string): string {
  return name.endsWith('.') ? name.toLowerCase() : `${name.toLowerCase()}.`;
}

/** The zone's SOA, as CoreDNS builds it (serial: the time the plugin last saw a change; fixed here). */
export function soa(zone = CLUSTER_DOMAIN): RR {
  return { name: `${zone}.`, ttl: TTL, type: 'SOA', data: `ns.dns.${zone}. hostmaster.${zone}. 1764000000 7200 1800 86400 ${TTL}` };
}

function msg(rcode: Rcode, answers: RR[], additional: RR[] = []): DnsMessage {
  return { rcode, aa: true, ra: false, answers, authority: answers.length === 0 ? [soa()] : [], additional };
}

const dashed = (ip: string): string => ip.replace(/\./g, '-');

interface Endpoint {
  ip: string;
  /** The endpoint's DNS label: the pod's spec.hostname when its subdomain is this Service, else the IP with dashes. */
  host: string;
}

/** Ready endpoints of a Service, from its EndpointSlices (CoreDNS watches slices). */
function endpoints(view: ClusterView, svc: Service): Endpoint[] {
  const ns = svc.metadata.namespace ?? 'default';
  const out: Endpoint[] = [];
  for (const sl of view.slices) {
    if (sl.metadata.namespace !== ns || sl.metadata.labels?.['kubernetes.io/service-name'] !== svc.metadata.name) continue;
    for (const ep of sl.endpoints) {
      if (ep.conditions?.ready === false) continue;
      const pod = ep.targetRef?.kind === 'Pod' ? view.pods.find((p) => p.metadata.namespace === ns && p.metadata.name === ep.targetRef!.name) : undefined;
      const named = pod?.spec.hostname && pod.spec.subdomain === svc.metadata.name ? pod.spec.hostname : undefined;
      for (const ip of ep.addresses) if (!out.some((e) => e.ip === ip)) out.push({ ip, host: named ?? dashed(ip) });
    }
  }
  return out;
}

const isHeadless = (s: Service): boolean => s.spec.clusterIP === 'None';

function findService(view: ClusterView, ns: string, name: string): Service | undefined {
  return view.services.find((s) => s.metadata.namespace === ns && s.metadata.name === name);
}

/** Answers a query for the cluster zone, or says it belongs to the next plugin (forward). */
export function lookup(view: ClusterView, qname: string, qtype: RRType, zone = CLUSTER_DOMAIN): ZoneResult {
  const name = fqdn(qname);
  if (name.endsWith('.in-addr.arpa.')) return reverse(view, name, qtype, zone);
  const suffix = `.${zone}.`;
  if (name === `${zone}.`) return { kind: 'answer', msg: qtype === 'SOA' ? { ...msg('NOERROR', [soa(zone)]), authority: [] } : msg('NOERROR', []) };
  if (!name.endsWith(suffix)) return { kind: 'forward' };
  const labels = name.slice(0, -suffix.length).split('.');
  const kind = labels[labels.length - 1];
  if (kind === 'pod' && labels.length === 3) return podRecord(labels[0], qtype, name);
  if (kind !== 'svc' || labels.length < 3) return { kind: 'answer', msg: msg('NXDOMAIN', []) };
  const ns = labels[labels.length - 2];
  const svc = findService(view, ns, labels[labels.length - 3]);
  if (!svc) return { kind: 'answer', msg: msg('NXDOMAIN', []) };
  const rest = labels.slice(0, -3);
  const svcName = `${svc.metadata.name}.${ns}.svc.${zone}.`;
  if (rest.length === 0) return serviceRecord(view, svc, svcName, name, qtype);
  if (rest.length === 1) return endpointRecord(view, svc, rest[0], name, qtype);
  if (rest.length === 2 && rest[0].startsWith('_') && rest[1].startsWith('_')) return srvRecord(view, svc, rest[0].slice(1), rest[1].slice(1), svcName, name, qtype);
  return { kind: 'answer', msg: msg('NXDOMAIN', []) };
}

function serviceRecord(view: ClusterView, svc: Service, svcName: string, name: string, qtype: RRType): ZoneResult {
  if (svc.spec.type === 'ExternalName') {
    const target = fqdn(svc.spec.externalName ?? '');
    return { kind: 'answer', msg: msg('NOERROR', [{ name, ttl: TTL, type: 'CNAME', data: target }]), chase: qtype === 'CNAME' ? undefined : target };
  }
  if (qtype === 'SRV') return srvRecord(view, svc, undefined, undefined, svcName, name, qtype);
  if (qtype !== 'A' && qtype !== 'ANY') return { kind: 'answer', msg: msg('NOERROR', []) };
  const ips = isHeadless(svc) ? endpoints(view, svc).map((e) => e.ip) : [svc.spec.clusterIP ?? ''].filter((ip) => ip !== '');
  // A headless Service without ready endpoints has no address: the name does not exist.
  if (ips.length === 0) return { kind: 'answer', msg: msg(isHeadless(svc) ? 'NXDOMAIN' : 'NOERROR', []) };
  return { kind: 'answer', msg: msg('NOERROR', ips.map((ip) => ({ name, ttl: TTL, type: 'A', data: ip }))) };
}

function endpointRecord(view: ClusterView, svc: Service, host: string, name: string, qtype: RRType): ZoneResult {
  const ep = endpoints(view, svc).find((e) => e.host === host);
  if (!ep) return { kind: 'answer', msg: msg('NXDOMAIN', []) };
  if (qtype !== 'A' && qtype !== 'ANY') return { kind: 'answer', msg: msg('NOERROR', []) };
  return { kind: 'answer', msg: msg('NOERROR', [{ name, ttl: TTL, type: 'A', data: ep.ip }]) };
}

/** SRV for a named port (or every port when port/proto are not given). */
function srvRecord(view: ClusterView, svc: Service, port: string | undefined, proto: string | undefined, svcName: string, name: string, qtype: RRType): ZoneResult {
  const ports = (svc.spec.ports ?? []).filter((p) => port === undefined || (p.name === port && (p.protocol ?? 'TCP').toLowerCase() === proto));
  if (ports.length === 0) return { kind: 'answer', msg: msg('NXDOMAIN', []) };
  if (qtype !== 'SRV' && qtype !== 'ANY') return { kind: 'answer', msg: msg('NOERROR', []) };
  const targets: { host: string; ip: string }[] = isHeadless(svc)
    ? endpoints(view, svc).map((e) => ({ host: `${e.host}.${svcName}`, ip: e.ip }))
    : [{ host: svcName, ip: svc.spec.clusterIP ?? '' }];
  const weight = Math.floor(100 / Math.max(1, targets.length * ports.length));
  const answers: RR[] = [];
  const additional: RR[] = [];
  for (const p of ports) {
    for (const t of targets) {
      answers.push({ name, ttl: TTL, type: 'SRV', data: `0 ${weight} ${p.port} ${t.host}` });
      if (!additional.some((a) => a.name === t.host)) additional.push({ name: t.host, ttl: TTL, type: 'A', data: t.ip });
    }
  }
  return { kind: 'answer', msg: msg('NOERROR', answers, additional) };
}

/** `pods insecure`: any a-b-c-d label is an address; nothing is checked. */
function podRecord(label: string, qtype: RRType, name: string): ZoneResult {
  const parts = label.split('-');
  const ok = parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
  if (!ok) return { kind: 'answer', msg: msg('NXDOMAIN', []) };
  if (qtype !== 'A' && qtype !== 'ANY') return { kind: 'answer', msg: msg('NOERROR', []) };
  return { kind: 'answer', msg: msg('NOERROR', [{ name, ttl: TTL, type: 'A', data: parts.join('.') }]) };
}

/** PTR for ClusterIPs and Service endpoints; anything else falls through to forward. */
function reverse(view: ClusterView, name: string, qtype: RRType, zone: string): ZoneResult {
  const octets = name.slice(0, -'.in-addr.arpa.'.length).split('.');
  if (octets.length !== 4) return { kind: 'forward' };
  const ip = [...octets].reverse().join('.');
  const name_ = (svc: Service): string => `${svc.metadata.name}.${svc.metadata.namespace}.svc.${zone}.`;
  // ClusterIPs first; only when none matches, the endpoints of every Service (pod IPs).
  let ptrs = view.services.filter((s) => s.spec.clusterIP === ip).map(name_);
  if (ptrs.length === 0) ptrs = view.services.flatMap((s) => endpoints(view, s).filter((e) => e.ip === ip).map((e) => `${e.host}.${name_(s)}`));
  if (ptrs.length === 0) return { kind: 'forward' };
  if (qtype !== 'PTR' && qtype !== 'ANY') return { kind: 'answer', msg: msg('NOERROR', []) };
  return { kind: 'answer', msg: msg('NOERROR', ptrs.map((p) => ({ name, ttl: TTL, type: 'PTR', data: p }))) };
}

/** d.c.b.a.in-addr.arpa for an IPv4 address. */
export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}
