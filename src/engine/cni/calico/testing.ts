/** Test helper: the default scenario with Calico as the pod network. */
import { defaultScenario } from '../../scenario/defaults';
import { Simulation } from '../../sim/simulation';

export function calicoSim(): Simulation {
  const s = defaultScenario();
  s.cluster.cni = 'calico';
  return Simulation.create(s);
}
