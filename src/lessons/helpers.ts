/** Small queries lessons share: which pod is where, what a trace went through. */
import type { Pod } from '../engine/api/types';
import type { Simulation } from '../engine/sim/simulation';

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
