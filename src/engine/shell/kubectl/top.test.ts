import { describe, expect, it } from 'vitest';
import { Simulation } from '../../sim/simulation';

const kubectl = (sim: Simulation, cmd: string): { output: string; exitCode: number } => sim.exec('control-plane', `kubectl ${cmd}`);

describe('kubectl top', () => {
  it('waits for metrics-server, then prints pods and nodes as kubectl does', () => {
    const sim = Simulation.create();
    // The metrics-server pod is not Ready yet (readiness initialDelaySeconds: 20): no Metrics API.
    expect(kubectl(sim, 'top pods -n kube-system').output).toBe('error: Metrics API not available');
    sim.sleep(45_000);
    const pods = kubectl(sim, 'top pods -n kube-system').output.split('\n');
    expect(pods[0]).toMatch(/^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)$/);
    expect(pods.find((l) => l.startsWith('kube-apiserver-control-plane'))).toMatch(/^kube-apiserver-control-plane\s+\d+m\s+\d+Mi$/);
    const all = kubectl(sim, 'top pods -A').output.split('\n');
    expect(all[0]).toMatch(/^NAMESPACE\s+NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)$/);
    const nodes = kubectl(sim, 'top nodes').output.split('\n');
    expect(nodes[0]).toMatch(/^NAME\s+CPU\(cores\)\s+CPU\(%\)\s+MEMORY\(bytes\)\s+MEMORY\(%\)$/);
    expect(nodes[1]).toMatch(/^control-plane\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%$/);
    const sorted = kubectl(sim, 'top pods -n kube-system --sort-by=cpu').output.split('\n');
    expect(sorted[1]).toMatch(/^kube-apiserver-control-plane/);
    expect(kubectl(sim, 'top pod nope').output).toBe('Error from server (NotFound): pods "nope" not found');
  });
});
