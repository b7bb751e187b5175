/** Small queries lessons share: which pod is where, what a trace went through. */
import type { Pod } from '../engine/api/types';
import type { Simulation } from '../engine/sim/simulation';
import type { NetNs } from '../engine/net/types';

export function podById(sim: Simulation, id: string): Pod | undefined {
  const [ns, name] = id.includes('/') ? id.split('/') : ['default', id];
  return sim.ctx.api.get<Pod>('Pod', ns, name);
}

export function podByIp(sim: Simulation, ip: string): Pod | undefined {
  return sim.pods().find((p) => p.status?.podIP === ip);
}

/** A Running pod labelled app=`app` on a different node than pod `id`. */
export function podOnOtherNode(sim: Simulation, id: string, app: string): Pod | undefined {
  const node = podById(sim, id)?.spec.nodeName;
  return sim.pods().find((p) => p.metadata.labels?.app === app && p.spec.nodeName && p.spec.nodeName !== node && p.status?.podIP && p.status.phase === 'Running');
}

export function commandsRun(sim: Simulation): { target: string; command: string }[] {
  return sim.actions.flatMap((a) => (a.type === 'exec' ? [{ target: a.target, command: a.command }] : []));
}

/** The root namespace of a node. */
export function hostNs(sim: Simulation, node: string): NetNs | undefined {
  return sim.ctx.net.namespaces.get(node);
}

/** Namespaces made by hand with `ip netns add` on a node. */
export function handmadeNetns(sim: Simulation, node: string): NetNs[] {
  return [...sim.ctx.net.namespaces.values()].filter((ns) => ns.host === node && ns.kind === 'netns');
}

/** A namespace's eth0 address (without prefix), if any. */
export function eth0Address(ns: NetNs): string | undefined {
  return ns.links.find((l) => l.name === 'eth0')?.addrs[0]?.address;
}

/** Commands run on a target whose text matches. */
export function ran(sim: Simulation, target: string | undefined, pattern: RegExp): boolean {
  return commandsRun(sim).some((c) => (target === undefined || c.target === target) && pattern.test(c.command));
}

/** The pod of an app on the same node as `id` (not `id` itself). */
export function podOnSameNode(sim: Simulation, id: string, app: string): Pod | undefined {
  const self = podById(sim, id);
  return sim.pods().find((p) => p.metadata.labels?.app === app && p !== self && p.spec.nodeName === self?.spec.nodeName && p.status?.podIP);
}
