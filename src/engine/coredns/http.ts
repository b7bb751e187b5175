/**
 * CoreDNS's HTTP side: `health` on :8080/health, `ready` on :8181/ready and `prometheus` on
 * :9153/metrics (what kubelet probes and Prometheus scrape), with the process's real counters.
 */
import type { Trace } from '../net/trace';
import type { SimContext } from '../sim/context';
import { coreDnsServers, type CoreDnsServer } from './daemon';

function metrics(s: CoreDnsServer | undefined): string {
  const lines = [
    '# HELP coredns_build_info A metric with a constant \'1\' value labeled by version, revision, and goversion from which CoreDNS was built.',
    '# TYPE coredns_build_info gauge',
    'coredns_build_info{goversion="go1.24.1",revision="707c7c1",version="1.12.1"} 1',
    '# HELP coredns_dns_requests_total Counter of DNS requests made per zone, protocol and family.',
    '# TYPE coredns_dns_requests_total counter',
  ];
  const entries = (m: Record<string, number> | undefined): [string, number][] => Object.entries(m ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [k, n] of entries(s?.requests)) {
    const [proto, type] = k.split('|');
    lines.push(`coredns_dns_requests_total{family="1",proto="${proto}",server="dns://:53",type="${type}",view="",zone="."} ${n}`);
  }
  lines.push('# HELP coredns_dns_responses_total Counter of response status codes.', '# TYPE coredns_dns_responses_total counter');
  for (const [rcode, n] of entries(s?.responses)) lines.push(`coredns_dns_responses_total{plugin="",rcode="${rcode}",server="dns://:53",view="",zone="."} ${n}`);
  lines.push(
    '# HELP coredns_cache_hits_total The count of cache hits.',
    '# TYPE coredns_cache_hits_total counter',
    `coredns_cache_hits_total{server="dns://:53",type="success",view="",zone="."} ${s?.cacheHits ?? 0}`,
    '# HELP coredns_cache_misses_total The count of cache misses. Deprecated, derive misses from cache hits/requests counters.',
    '# TYPE coredns_cache_misses_total counter',
    `coredns_cache_misses_total{server="dns://:53",view="",zone="."} ${s?.cacheMisses ?? 0}`,
  );
  lines.push('# HELP coredns_forward_requests_total Counter of requests made per upstream.', '# TYPE coredns_forward_requests_total counter');
  for (const [to, n] of entries(s?.forwards)) lines.push(`coredns_forward_requests_total{to="${to}"} ${n}`);
  return lines.join('\n');
}

/** The page a CoreDNS pod serves for an HTTP GET that reached it, or undefined when the trace did not end at CoreDNS. */
export function coreDnsPage(ctx: SimContext, t: Trace, port: number, path: string): string | undefined {
  if (!t.listener?.startsWith('coredns')) return undefined;
  const at = [...t.steps].reverse().find((s) => s.leg === 'request' && s.stage === 'deliver');
  const pod = at ? ctx.net.namespaces.get(at.netns)?.pod : undefined;
  if (!pod) return undefined;
  if (port === 8080) return path === '/health' ? 'OK' : '404 page not found';
  if (port === 8181) return path === '/ready' ? 'OK' : '404 page not found';
  if (port === 9153) return path === '/metrics' ? metrics(coreDnsServers(ctx)?.get(pod)) : '404 page not found';
  return undefined;
}
