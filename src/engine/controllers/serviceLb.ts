/**
 * The cloud's load balancers, as a cloud-controller-manager's service controller drives
 * them: every Service of type LoadBalancer gets an external IP from the provider's pool
 * (203.0.113.100–199, in the documentation range the uplink uses), written to
 * status.loadBalancer.ingress, and a load balancer on the router that forwards VIP:port
 * to the NodePort of healthy nodes, keeping the client's address (a pass-through L4
 * balancer). Health checks follow kube-proxy: with externalTrafficPolicy Cluster every node
 * passes (kube-proxy's /healthz on 10256); with Local only nodes with a ready local endpoint
 * pass (healthCheckNodePort answers 503 elsewhere). When no node passes, the balancer fails
 * open and sends to all of them, as cloud balancers do.
 */
import type { EndpointSlice, Node, Service } from '../api/types';
import { parseRule } from '../net/iptables';
import { ROUTER } from '../net/uplink';
import { recordEvent, type SimContext } from '../sim/context';
import { endpointsFor } from '../kube-proxy/rules';

export const LB_ACTOR = 'cloud-controller-manager';
const COMPONENT = 'service-controller';
/** The provider's pool of external addresses. */
export const LB_POOL = { prefix: '203.0.113.', first: 100, last: 199 };
/** The router's chain that stands for the cloud's load balancers. */
export const LB_CHAIN = 'CLOUD-LOAD-BALANCERS';
/** kube-proxy's health endpoint (--healthz-bind-address), checked for externalTrafficPolicy Cluster. */
const PROXY_HEALTHZ_PORT = 10256;

interface Backend {
  node: string;
  ip: string;
  healthy: boolean;
}

const key = (s: Service): string => `${s.metadata.namespace}/${s.metadata.name}`;

function nodeIP(n: Node): string | undefined {
  return n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}

/** Nodes the balancer may use: kubeadm labels control-plane nodes to stay out. */
function candidates(ctx: SimContext): Node[] {
  return (ctx.api.peekAll('Node') as Node[])
    .filter((n) => n.metadata.labels?.['node.kubernetes.io/exclude-from-external-load-balancers'] === undefined && nodeIP(n))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

/** The health check result per node, as the cloud sees it. */
export function lbBackends(ctx: SimContext, svc: Service): Backend[] {
  const slices = ctx.api.peekAll('EndpointSlice') as EndpointSlice[];
  const local = svc.spec.externalTrafficPolicy === 'Local';
  const withEndpoints = new Set((svc.spec.ports ?? []).flatMap((p) => endpointsFor(svc, p, slices).map((e) => e.nodeName)));
  return candidates(ctx).map((n) => {
    const ready = (n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
    return { node: n.metadata.name, ip: nodeIP(n)!, healthy: ready && (!local || withEndpoints.has(n.metadata.name)) };
  });
}

export function startServiceLbController(ctx: SimContext): void {
  let pending = false;
  const health = new Map<string, string>();
  const sync = (): void => {
    pending = false;
    const router = ctx.net.namespaces.get(ROUTER);
    if (!router) return;
    const services = (ctx.api.peekAll('Service') as Service[]).filter((s) => s.spec.type === 'LoadBalancer' && !s.metadata.deletionTimestamp).sort((a, b) => (key(a) < key(b) ? -1 : 1));
    const used = new Set(services.flatMap((s) => (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip)));
    const rules: string[][] = [];
    const vips = new Set<string>();
    for (const svc of services) {
      let ip = svc.status?.loadBalancer?.ingress?.[0]?.ip;
      if (!ip) {
        let n = LB_POOL.first;
        while (n <= LB_POOL.last && used.has(`${LB_POOL.prefix}${n}`)) n++;
        if (n > LB_POOL.last) {
          recordEvent(ctx, svc, 'Warning', 'SyncLoadBalancerFailed', 'Error syncing load balancer: failed to ensure load balancer: no free address in the pool 203.0.113.100-203.0.113.199', COMPONENT);
          continue;
        }
        ip = `${LB_POOL.prefix}${n}`;
        used.add(ip);
        recordEvent(ctx, svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer', COMPONENT);
        const fresh = ctx.api.get<Service>('Service', svc.metadata.namespace, svc.metadata.name)!;
        fresh.status = { loadBalancer: { ingress: [{ ip }] } };
        ctx.api.update(fresh, LB_ACTOR, 'status');
        recordEvent(ctx, svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer', COMPONENT);
      }
      vips.add(ip);
      const backends = lbBackends(ctx, svc);
      const checked = svc.spec.externalTrafficPolicy === 'Local' ? `:${svc.spec.healthCheckNodePort}/healthz` : `:${PROXY_HEALTHZ_PORT}/healthz`;
      for (const b of backends) {
        const result = b.healthy ? '200 OK' : '503 Service Unavailable';
        if (health.get(`${key(svc)}@${b.node}`) === result) continue;
        health.set(`${key(svc)}@${b.node}`, result);
        ctx.log.add({ t: ctx.clock.now, from: `load-balancer/${key(svc)}`, to: `kube-proxy/${b.node}`, verb: 'GET', path: `${b.ip}${checked} → ${result}` });
      }
      const healthy = backends.filter((b) => b.healthy);
      const targets = healthy.length > 0 ? healthy : backends;
      for (const p of svc.spec.ports ?? []) {
        if (!p.nodePort) continue;
        const proto = (p.protocol ?? 'TCP').toLowerCase();
        targets.forEach((b, i) => {
          const left = targets.length - i;
          const pick = left > 1 ? ['-m', 'statistic', '--mode', 'random', '--probability', (1 / left).toFixed(10)] : [];
          const note = `load balancer for ${key(svc)}: ${ip}:${p.port} -> ${b.node}${healthy.length === 0 ? ' (no node passes the health check: fail open)' : ''}`;
          rules.push(['-d', `${ip}/32`, '-p', proto, '-m', 'comment', '--comment', note, '-m', proto, '--dport', String(p.port), ...pick, '-j', 'DNAT', '--to-destination', `${b.ip}:${p.nodePort}`]);
        });
      }
    }
    program(ctx, router, vips, rules);
  };
  const request = (): void => {
    if (pending) return;
    pending = true;
    ctx.clock.schedule(0, LB_ACTOR, sync);
  };
  for (const kind of ['Service', 'EndpointSlice', 'Node'] as const) ctx.api.watch(kind, LB_ACTOR, request);
}

/** The router answers for every VIP (ARP on the uplink) and DNATs it to the chosen node. */
function program(ctx: SimContext, router: NonNullable<ReturnType<SimContext['net']['namespaces']['get']>>, vips: Set<string>, rules: string[][]): void {
  const eth1 = router.links.find((l) => l.name === 'eth1');
  if (!eth1) return;
  eth1.addrs = eth1.addrs.filter((a) => !(a.prefix === 32 && a.address.startsWith(LB_POOL.prefix) && !vips.has(a.address)));
  for (const ip of [...vips].sort()) if (!eth1.addrs.some((a) => a.address === ip)) ctx.net.addAddress(router, 'eth1', ip, 32);
  const nat = router.iptables.nat;
  const old = nat[LB_CHAIN]?.rules ?? [];
  nat[LB_CHAIN] = { name: LB_CHAIN, rules: [], packets: 0, bytes: 0 };
  for (const words of rules) {
    const rule = parseRule(words, 'nat');
    const prev = old.find((r) => r.spec === rule.spec);
    if (prev) Object.assign(rule, { packets: prev.packets, bytes: prev.bytes });
    nat[LB_CHAIN].rules.push(rule);
  }
  const jump = parseRule(['-j', LB_CHAIN], 'nat');
  if (!nat.PREROUTING.rules.some((r) => r.spec === jump.spec)) nat.PREROUTING.rules.unshift(jump);
}
