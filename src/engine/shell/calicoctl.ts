/**
 * calicoctl (v3.29), the cheap parts: `node status` (BIRD's node-to-node mesh), `get ippool
 * [-o wide]`, `get workloadendpoints [-A|-n NS]`, `ipam show`. Read from the same state the
 * dataplane uses: calico-node's IPAM on each host and the pods' cali interfaces.
 */
import type { Pod } from '../api/types';
import { POOL_NAME } from '../cni/calico/ipam';
import { vethName } from '../cni/calico/names';
import { IPv4CidrRange } from 'ip-num';
import { isoAt } from '../sim/time';
import { table } from './table';
import { fail, ok, type Command, type ShellEnv } from './types';

const boxed = (header: string[], rows: string[][]): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const center = (s: string, w: number): string => {
    const left = Math.floor((w - s.length) / 2);
    return ' '.repeat(left) + s + ' '.repeat(w - s.length - left);
  };
  const row = (r: string[], head: boolean): string => `|${r.map((c, i) => ` ${head ? center(c, widths[i]) : c.padEnd(widths[i])} `).join('|')}|`;
  return [line, row(header, true), line, ...rows.map((r) => row(r, false)), line].join('\n');
};

function nodeStatus(env: ShellEnv): string {
  const me = env.ctx.hosts.get(env.target.host)!;
  if (!me.calico?.running) return 'Calico process is not running.';
  const peers = [...env.ctx.hosts.values()].filter((h) => h.name !== me.name && h.calico?.tunnelAddr);
  const since = isoAt(env.ctx.clock.now).slice(11, 19);
  const rows = peers.map((h) => [h.ip, 'node-to-node mesh', h.calico!.running ? 'up' : 'start', since, h.calico!.running ? 'Established' : 'Connect']);
  return ['Calico process is running.', '', 'IPv4 BGP status', rows.length > 0 ? boxed(['PEER ADDRESS', 'PEER TYPE', 'STATE', 'SINCE', 'INFO'], rows) : 'No IPv4 peers found.', '', 'IPv6 BGP status', 'No IPv6 peers found.', ''].join('\n');
}

function workloadEndpoints(env: ShellEnv, all: boolean, ns: string): string {
  const pods = (env.ctx.api.peekAll('Pod') as Pod[]).filter((p) => !p.spec.hostNetwork && p.status?.podIP && p.spec.nodeName && (all || p.metadata.namespace === ns));
  const rows = pods.map((p) => [...(all ? [p.metadata.namespace ?? 'default'] : []), p.metadata.name, p.spec.nodeName!, `${p.status!.podIP}/32`, vethName(p.metadata.namespace ?? 'default', p.metadata.name)]);
  return table([...(all ? ['NAMESPACE'] : []), 'WORKLOAD', 'NODE', 'NETWORKS', 'INTERFACE'], rows.sort((a, b) => a.join(' ').localeCompare(b.join(' '))));
}

function ipamShow(env: ShellEnv): string {
  const cidr = env.ctx.scenario.cluster.podCIDR;
  const total = Number(IPv4CidrRange.fromCidr(cidr).getSize());
  const used = [...env.ctx.hosts.values()].reduce((n, h) => n + Object.keys(h.calico?.allocations ?? {}).length, 0);
  const pct = (n: number): string => `${Math.round((n / total) * 100)}%`;
  return boxed(['GROUPING', 'CIDR', 'IPS TOTAL', 'IPS IN USE', 'IPS FREE'], [['IP Pool', cidr, String(total), `${used} (${pct(used)})`, `${total - used} (${pct(total - used)})`]]);
}

export const calicoctl: Command = (args, env) => {
  if (env.target.kind === 'pod') return fail('sh: calicoctl: not found', 127);
  if (env.ctx.scenario.cluster.cni !== 'calico') return fail('Failed to get resources: connection is unauthorized: the Calico API server and CRDs are not installed (the pod network is not Calico)');
  const words = args.filter((a) => !a.startsWith('-'));
  const flag = (f: string): string | undefined => {
    const i = args.findIndex((a) => a === f || a.startsWith(`${f}=`));
    if (i < 0) return undefined;
    return args[i].includes('=') ? args[i].split('=')[1] : args[i + 1];
  };
  const [verb, what] = words;
  if (verb === 'node' && what === 'status') return ok(nodeStatus(env));
  if (verb === 'ipam' && what === 'show') return ok(ipamShow(env));
  if (verb === 'get' && (what === 'ippool' || what === 'ippools')) {
    const wide = flag('-o') === 'wide';
    const row = [POOL_NAME, env.ctx.scenario.cluster.podCIDR];
    return ok(wide ? table(['NAME', 'CIDR', 'NAT', 'IPIPMODE', 'VXLANMODE', 'DISABLED', 'DISABLEBGPEXPORT', 'SELECTOR'], [[...row, 'true', 'Always', 'Never', 'false', 'false', 'all()']]) : table(['NAME', 'CIDR', 'SELECTOR'], [[...row, 'all()']]));
  }
  if (verb === 'get' && ['workloadendpoints', 'workloadendpoint', 'wep', 'weps'].includes(what ?? '')) {
    const all = args.includes('-A') || args.includes('--all-namespaces');
    return ok(workloadEndpoints(env, all, flag('-n') ?? flag('--namespace') ?? 'default'));
  }
  return fail(`Invalid option: calicoctl ${args.join(' ')}\nthis playground simulates: calicoctl node status, calicoctl get ippool [-o wide], calicoctl get workloadendpoints [-A], calicoctl ipam show`);
};
