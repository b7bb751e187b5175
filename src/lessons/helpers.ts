/** Small queries lessons share: which pod is where, what a trace went through. */
import type { Pod, Service } from '../engine/api/types';
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

/** A Service by name (default namespace unless namespace/name). */
export function serviceByName(sim: Simulation, id: string): Service | undefined {
  const [ns, name] = id.includes('/') ? id.split('/') : ['default', id];
  return sim.ctx.api.get<Service>('Service', ns, name);
}

/** Whether a command matching `then` was run (on `target`, if given) after one matching `first`. */
export function ranAfter(sim: Simulation, target: string | undefined, first: RegExp, then: RegExp): boolean {
  const runs = commandsRun(sim);
  const i = runs.findIndex((c) => first.test(c.command));
  return i >= 0 && runs.slice(i + 1).some((c) => (target === undefined || c.target === target) && then.test(c.command));
}

/** The last command's output, if it ran on `target` (any target when omitted) and matches. */
export function lastOutput(sim: Simulation, command: RegExp, target?: string): string | undefined {
  const e = sim.lastExec;
  return e && command.test(e.command) && (target === undefined || e.target === target) ? e.output : undefined;
}

/** Pods of an app in the default namespace that are not being deleted. */
export function appPods(sim: Simulation, app: string, namespace = 'default'): Pod[] {
  return sim.pods().filter((p) => p.metadata.namespace === namespace && p.metadata.labels?.app === app && !p.metadata.deletionTimestamp);
}

/** The node's Ready condition status ("True", "False", "Unknown"). */
export function nodeReady(sim: Simulation, node: string): string | undefined {
  return sim.nodes().find((n) => n.metadata.name === node)?.status?.conditions?.find((c) => c.type === 'Ready')?.status;
}
