/**
 * What a trace should say about NetworkPolicy when the pod network does not enforce it
 * (flannel, the plain bridge plugin): the policy is stored, a learner may expect a drop, and
 * nothing in the dataplane looks at it.
 */
import type { Pod } from '../../api/types';
import type { Trace } from '../../net/trace';
import type { SimContext } from '../../sim/context';
import { evaluate, podByIp, policyRef, selecting, worldOf, type Proto } from './policy';

/** Whether the cluster's pod network enforces NetworkPolicy (only Calico here). */
export function enforcesPolicy(ctx: SimContext): boolean {
  return ctx.scenario.cluster.cni === 'calico';
}

/** The pod the request was delivered to, and the address it arrived at (after any DNAT). */
function deliveredTo(ctx: SimContext, t: Trace): { pod?: Pod; ip: string } | undefined {
  const d = t.steps.find((s) => s.leg === 'request' && s.stage === 'deliver');
  if (!d) return undefined;
  const ip = d.after.ip.dst;
  return { ip, pod: d.at.kind === 'pod' ? podByIp(ctx, ip) : undefined };
}

/** Felix dropped the packet in a workload chain: which policies isolate the pod, in a learner's words. */
function felixDropNotes(ctx: SimContext, t: Trace): string[] {
  const m = /cali-(tw|fw)-(cali[0-9a-f]{11})/.exec(t.reason ?? '');
  if (t.outcome !== 'dropped' || !m) return [];
  const dir = m[1] === 'tw' ? 'Ingress' : 'Egress';
  const host = t.steps.at(-1)?.host;
  const link = host ? ctx.net.namespaces.get(host)?.links.find((l) => l.name === m[2]) : undefined;
  const podId = link?.peer ? ctx.net.namespaces.get(link.peer.ns)?.pod : undefined;
  if (!podId) return [];
  const [ns, name] = podId.split('/');
  const pod = ctx.api.get<Pod>('Pod', ns, name);
  if (!pod) return [];
  const refs = selecting(worldOf(ctx), pod, dir).map(policyRef);
  if (refs.length === 0) return [];
  const what = t.proto === 'icmp' ? 'ICMP' : `${t.proto.toUpperCase()} port ${t.port}`;
  return [`felix dropped it in cali-${m[1]}-${m[2]} (${dir.toLowerCase()} of ${podId}): NetworkPolicy ${refs.join(', ')} ${refs.length > 1 ? 'select' : 'selects'} this pod, and no ${dir.toLowerCase()} rule of ${refs.length > 1 ? 'them' : 'it'} allows ${what} ${dir === 'Ingress' ? `from ${t.src}` : `to ${t.dst}`}`];
}

/** Notes about NetworkPolicy for a trace: what felix dropped, or what flannel/bridge ignore. */
export function unenforcedPolicyNotes(ctx: SimContext, t: Trace): string[] {
  if (enforcesPolicy(ctx)) return felixDropNotes(ctx, t);
  if (t.outcome !== 'delivered' || ctx.api.peekAll('NetworkPolicy').length === 0) return [];
  const to = deliveredTo(ctx, t);
  if (!to) return [];
  const cni = ctx.scenario.cluster.cni === 'flannel' ? 'flannel' : `the ${ctx.scenario.cluster.cni} plugin`;
  const world = worldOf(ctx);
  const src = podByIp(ctx, t.src);
  const proto = t.proto as Proto;
  const notes: string[] = [];
  const say = (dir: 'Ingress' | 'Egress', pod: Pod, refs: string[]): void => {
    const who = `${pod.metadata.namespace}/${pod.metadata.name}`;
    notes.push(`NetworkPolicy ${refs.join(', ')} ${refs.length > 1 ? 'select' : 'selects'} ${who} for ${dir.toLowerCase()} and would not allow this packet, but ${cni} does not enforce NetworkPolicy: the packet is delivered`);
  };
  if (src) {
    const v = evaluate(world, 'Egress', src, { ip: to.ip, pod: to.pod }, proto, t.port);
    if (!v.allowed) say('Egress', src, v.isolatedBy.map(policyRef));
  }
  if (to.pod) {
    const v = evaluate(world, 'Ingress', to.pod, { ip: t.src, pod: src }, proto, t.port);
    if (!v.allowed) say('Ingress', to.pod, v.isolatedBy.map(policyRef));
  }
  return notes;
}
