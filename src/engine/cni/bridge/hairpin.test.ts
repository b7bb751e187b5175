import { describe, expect, it } from 'vitest';
import { Simulation } from '../../sim/simulation';
import { presetById } from '../../scenario/presets';
import { defaultScenario } from '../../scenario/defaults';

/** A pod alone behind its own Service, so the ClusterIP always DNATs back to the pod itself. */
function withSolo(sim: Simulation): { ip: string; node: string; veth: string } {
  for (const c of ['kubectl run solo --image=nginx --labels=app=solo', 'kubectl expose pod solo --port=80', 'sleep 5']) {
    expect(sim.exec('control-plane', c).exitCode, c).toBe(0);
  }
  const ip = sim.exec('control-plane', 'kubectl get svc solo -o jsonpath={.spec.clusterIP}').output;
  const podNs = sim.resolveTarget('solo').ns;
  const node = podNs.host;
  const veth = sim.ctx.net.ns(node).links.find((l) => l.peer?.ns === podNs.id)!.name;
  return { ip, node, veth };
}

describe('bridge hairpinMode', () => {
  it('plain bridge (hairpin off): a pod cannot reach itself through its Service until hairpin is turned on', () => {
    const { scenario, setup } = presetById('no-routes')!.build();
    const sim = Simulation.replay(scenario, setup);
    const { ip, node, veth } = withSolo(sim);
    expect(sim.exec(node, `bridge -d link show dev ${veth}`).output).toContain('\n    hairpin off ');
    expect(sim.exec('solo', `curl -s -m 2 http://${ip}/`).exitCode).toBe(28);
    const trace = sim.probes.at(-1)!.trace;
    expect(trace.outcome).toBe('dropped');
    expect(trace.reason).toBe(`cni0 would send the frame back out of ${veth}, the port it came in on: hairpin mode is off on ${veth} (bridge link set dev ${veth} hairpin on)`);
    expect(sim.exec(node, `bridge link set dev ${veth} hairpin on`).exitCode).toBe(0);
    expect(sim.exec(node, `bridge -d link show dev ${veth}`).output).toContain('\n    hairpin on ');
    expect(sim.exec('solo', `curl -s -m 2 http://${ip}/`).exitCode).toBe(0);
    const back = sim.probes.at(-1)!.trace.steps.find((s) => s.stage === 'bridge' && s.summary.includes('the port it came in on'))!;
    expect(back.summary).toBe(`cni0 sends the frame back out of ${veth}, the port it came in on (hairpin mode is on)`);
  });

  it('flannel delegates with "hairpinMode": true, so there a pod reaches itself via its Service', () => {
    const sim = Simulation.create(defaultScenario());
    const { ip, node, veth } = withSolo(sim);
    expect(sim.exec(node, 'bridge -d link').output).toContain(`${veth}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 master cni0 state forwarding priority 32 cost 2 \n    hairpin on `);
    expect(sim.exec('solo', `curl -s -m 2 http://${ip}/`).exitCode).toBe(0);
  });
});
