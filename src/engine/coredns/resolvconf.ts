/**
 * /etc/resolv.conf and /etc/hosts as the kubelet writes them into a pod, and the stub
 * resolver's search-list rule (glibc/musl): a name with fewer dots than ndots is tried under
 * each search domain first, then as it is; a name with enough dots (or a trailing dot) first
 * as it is.
 */
import type { Pod } from '../api/types';
import type { SimContext } from '../sim/context';
import { DNS_SERVICE_OFFSET } from '../apiserver/allocators';
import { nthAddress } from '../net/ip';
import { CLUSTER_DOMAIN } from './records';

export interface ResolvConf {
  nameservers: string[];
  search: string[];
  ndots: number;
  /** Seconds per try (glibc's default 5) and tries per server (default 2). */
  timeout: number;
  attempts: number;
}

/** The node's own resolver file (what `--resolv-conf` points the kubelet at). */
export const NODE_RESOLV_CONF = 'nameserver 8.8.8.8\nnameserver 1.1.1.1\n';

export function parseResolvConf(text: string): ResolvConf {
  const conf: ResolvConf = { nameservers: [], search: [], ndots: 1, timeout: 5, attempts: 2 };
  for (const line of text.split('\n')) {
    const [key, ...rest] = line.trim().split(/\s+/);
    if (key === 'nameserver' && rest[0]) conf.nameservers.push(rest[0]);
    else if (key === 'search' || key === 'domain') conf.search = rest;
    else if (key === 'options') {
      for (const o of rest) {
        const [k, v] = o.split(':');
        if (k === 'ndots') conf.ndots = Math.min(15, Number(v) || 0);
        if (k === 'timeout') conf.timeout = Number(v) || 5;
        if (k === 'attempts') conf.attempts = Number(v) || 2;
      }
    }
  }
  return conf;
}

/** The names a stub resolver tries, in order. */
export function searchCandidates(name: string, conf: Pick<ResolvConf, 'search' | 'ndots'>): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const searched = conf.search.map((d) => `${name}.${d}`);
  return dots >= conf.ndots ? [name, ...searched] : [...searched, name];
}

/** What the kubelet writes for the pod's dnsPolicy (pkg/kubelet/network/dns). */
export function podResolvConf(pod: Pod, nodeResolvConf: string, clusterDNS: string, domain = CLUSTER_DOMAIN): string {
  const policy = pod.spec.dnsPolicy ?? 'ClusterFirst';
  const node = parseResolvConf(nodeResolvConf);
  const ns = pod.metadata.namespace ?? 'default';
  let servers: string[];
  let search: string[];
  let options: string[] = [];
  const clusterFirst = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !pod.spec.hostNetwork);
  if (policy === 'None') {
    servers = [];
    search = [];
  } else if (clusterFirst) {
    servers = [clusterDNS];
    search = [`${ns}.svc.${domain}`, `svc.${domain}`, domain, ...node.search];
    options = ['ndots:5'];
  } else {
    // Default (and ClusterFirst on the host network): the node's own file.
    servers = node.nameservers;
    search = node.search;
  }
  const cfg = pod.spec.dnsConfig;
  if (cfg) {
    servers = [...servers, ...(cfg.nameservers ?? [])];
    search = [...search, ...(cfg.searches ?? [])];
    for (const o of cfg.options ?? []) {
      options = options.filter((x) => x.split(':')[0] !== o.name);
      options.push(o.value !== undefined ? `${o.name}:${o.value}` : o.name);
    }
  }
  const lines: string[] = [];
  const uniq = [...new Set(search)].slice(0, 32);
  if (uniq.length > 0) lines.push(`search ${uniq.join(' ')}`);
  for (const s of servers.slice(0, 3)) lines.push(`nameserver ${s}`);
  if (options.length > 0) lines.push(`options ${options.join(' ')}`);
  return `${lines.join('\n')}\n`;
}

/** The kubelet-managed /etc/hosts: localhost, then the pod's IP with its hostname (FQDN first when it has a subdomain). */
export function podHostsFile(pod: Pod, podIP: string | undefined, domain = CLUSTER_DOMAIN): string {
  const lines = ['# Kubernetes-managed hosts file.', '127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback', 'fe00::0\tip6-localnet', 'fe00::0\tip6-mcastprefix', 'fe00::1\tip6-allnodes', 'fe00::2\tip6-allrouters'];
  const host = pod.spec.hostname ?? pod.metadata.name;
  if (podIP) {
    const fq = pod.spec.subdomain ? `${host}.${pod.spec.subdomain}.${pod.metadata.namespace ?? 'default'}.svc.${domain}\t` : '';
    lines.push(`${podIP}\t${fq}${host}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The resolv.conf the kubelet of the pod's node wrote for it (clusterDNS: the 10th service address). */
export function resolvConfFor(ctx: SimContext, pod: Pod): string {
  const node = ctx.hosts.get(pod.spec.nodeName ?? '')?.files['/etc/resolv.conf'] ?? NODE_RESOLV_CONF;
  return podResolvConf(pod, node, nthAddress(ctx.scenario.cluster.serviceCIDR, DNS_SERVICE_OFFSET));
}
