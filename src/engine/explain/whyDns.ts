/**
 * Why a name did not resolve in a pod: a timeout (no DNS server answered: the kube-dns Service
 * has no endpoints) or NXDOMAIN (CoreDNS answered: no such name under any search domain).
 * Runs nslookup on the copy it is given, never on the learner's simulation.
 */
import type { Service } from '../api/types';
import type { Simulation } from '../sim/simulation';
import { serviceByClusterIP } from './whyCluster';
import { serviceCause } from './whyService';
import type { Cause } from './whyTrace';
import type { WhyOutcome } from './whyTypes';

export function nslookup(sim: Simulation, from: string, name: string): { out: string; outcome: WhyOutcome } {
  const out = sim.exec(from, `nslookup ${name}`).output;
  const answered = /^Name:\s/m.test(out);
  const timedOut = /connection timed out|no servers could be reached/.test(out);
  const text = answered ? `resolved: ${out.split('\n').filter((l) => /^(Name|Address):\s/.test(l)).slice(-2).join(' ').replace(/\s+/g, ' ')}` : timedOut ? 'timed out: no servers could be reached' : 'NXDOMAIN: no such name';
  return { out, outcome: { ok: answered, text } };
}

export function dnsCause(sim: Simulation, from: string, name: string, out: string): Cause {
  const resolv = sim.exec(from, 'cat /etc/resolv.conf').output;
  const server = /^nameserver\s+(\S+)/m.exec(resolv)?.[1] ?? '';
  const first = out.split('\n').find((l) => l.trim() !== '') ?? '';
  const evidence = { target: from, command: `nslookup ${name}`, line: first };
  if (/connection timed out|no servers could be reached/.test(out)) {
    const svc = serviceByClusterIP(sim, server);
    const c = svc ? serviceCause(sim, svc) : undefined;
    const what = svc ? `the kube-dns Service ${svc.metadata.namespace}/${svc.metadata.name} (${server}, from the pod's /etc/resolv.conf)` : `the nameserver ${server}`;
    if (c) return { ...c, kind: 'dns', cause: `No DNS server answered (a timeout, not NXDOMAIN): ${what} has no endpoints. ${c.cause}`, evidence, details: [`nameserver ${server}`, ...(c.details ?? [])] };
    return { kind: 'dns', cause: `No DNS server answered (a timeout, not NXDOMAIN): the queries to ${what} got no reply.`, evidence, noFix: `Trace UDP port 53 from ${from} to ${server} to see where the query is lost.` };
  }
  const ns = from.includes('/') ? from.split('/')[0] : 'default';
  const services = (sim.ctx.api.peekAll('Service') as Service[]).map((s) => `${s.metadata.name}.${s.metadata.namespace}`);
  const short = name.split('.')[0];
  const close = services.filter((s) => s.startsWith(short.slice(0, 3)));
  return {
    kind: 'dns',
    cause: `CoreDNS answered NXDOMAIN: no Service or pod has the name ${name} under any search domain of ${from} (${ns}.svc.cluster.local, svc.cluster.local, cluster.local).`,
    evidence,
    details: close.length > 0 ? close.map((s) => `similar: ${s}.svc.cluster.local`) : undefined,
    noFix: close.length > 0 ? `Did you mean ${close[0]}? A Service in another namespace needs NAME.NAMESPACE.` : 'Create the Service the name belongs to, or use an existing Service name.',
  };
}
