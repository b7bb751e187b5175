import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import { defaultScenario } from '../scenario/defaults';
import { validateScenario } from '../scenario/validate';
import { cidrContains } from '../net/ip';
import type { Node, Pod } from '../api/types';
import { hollowNodes } from './layout';

function hollowCluster(count = 4): Simulation {
  const s = defaultScenario();
  s.cluster.hollowNodes = count;
  return Simulation.create(s);
}

const podsOn = (sim: Simulation, node: string): Pod[] => sim.pods().filter((p) => p.spec.nodeName === node);

describe('Kubemark hollow nodes', () => {
  it('register as Ready Nodes with the fake runtime, after the machines, and get a podCIDR each', () => {
    const sim = hollowCluster();
    const out = sim.exec('control-plane', 'kubectl get nodes -o wide').output;
    expect(out).toMatch(/^hollow-node-1\s+Ready\s+<none>\s+\S+\s+v1\.34\.2\s+192\.168\.56\.13\s.*fakeRuntime:\/\/0\.1\.0$/m);
    expect(out).toMatch(/^node-1\s+Ready\s.*containerd:\/\/2\.1\.4$/m);
    const nodes = sim.nodes().filter((n) => n.metadata.name.startsWith('hollow-node-'));
    expect(nodes).toHaveLength(4);
    expect(new Set(nodes.map((n) => n.spec.podCIDR)).size).toBe(4);
    // They join a running cluster: the add-ons and the scenario's own pods stay on the machines.
    expect(sim.pods().filter((p) => !p.metadata.name.startsWith('kube-proxy') && !p.metadata.name.startsWith('kube-flannel') && p.spec.nodeName?.startsWith('hollow-'))).toEqual([]);
    // The DaemonSets run there too, on the node's address (hostNetwork).
    const ds = podsOn(sim, 'hollow-node-2');
    expect(ds.map((p) => p.metadata.name.replace(/-[a-z0-9]{5}$/, '')).sort()).toEqual(['kube-flannel-ds', 'kube-proxy']);
    expect(ds.every((p) => p.status?.phase === 'Running' && p.status.podIP === '192.168.56.14')).toBe(true);
    // flannel's init containers ran (and exited 0) on the fake runtime too.
    expect(sim.exec('control-plane', 'kubectl get pods -n kube-flannel -o wide').output).toMatch(/^kube-flannel-ds-\S+\s+1\/1\s+Running\s+0\s+\S+\s+192\.168\.56\.14\s+hollow-node-2\s/m);
  });

  it('run pods: Running with an address from the node podCIDR (host-local\'s order), and the kubelet events', () => {
    const sim = hollowCluster();
    sim.exec('control-plane', 'kubectl scale deployment web --replicas=20');
    sim.sleep(5000);
    const node = sim.nodes().find((n) => n.metadata.name === 'hollow-node-1') as Node;
    const web = podsOn(sim, 'hollow-node-1').filter((p) => p.metadata.name.startsWith('web-'));
    expect(web.length).toBeGreaterThan(1);
    for (const p of web) {
      expect(p.status?.phase).toBe('Running');
      expect(cidrContains(node.spec.podCIDR!, p.status!.podIP!)).toBe(true);
      expect(p.status?.containerStatuses?.[0].containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    }
    const events = sim.exec('control-plane', `kubectl get events --field-selector involvedObject.name=${web[0].metadata.name}`).output;
    expect(events).toMatch(/Scheduled\s+pod\/\S+\s+Successfully assigned default\/\S+ to hollow-node-1/);
    expect(events).toMatch(/Pulled\s+pod\/\S+\s+Container image "nginx:1\.27" already present on machine/);
    expect(events).toMatch(/Started\s+pod\/\S+\s+Started container nginx/);
    // host-local goes on after the last address it gave: a replacement does not take the freed one.
    const last = Math.max(...web.map((p) => Number(p.status!.podIP!.split('.')[3])));
    for (const n of ['node-1', 'node-2', 'hollow-node-2', 'hollow-node-3', 'hollow-node-4']) sim.exec('control-plane', `kubectl cordon ${n}`);
    expect(sim.exec('control-plane', `kubectl delete pod ${web[0].metadata.name}`).output).toMatch(/deleted/);
    sim.sleep(5000);
    const replacement = podsOn(sim, 'hollow-node-1').find((p) => !web.some((w) => w.metadata.name === p.metadata.name) && p.metadata.name.startsWith('web-'));
    expect(replacement?.status?.podIP).toBe(node.spec.podCIDR!.replace(/\.0\/24$/, `.${last + 1}`));
  });

  it('have no machine behind them: no terminal, no logs, and a trace to one of their pods says why it fails', () => {
    const sim = hollowCluster();
    sim.exec('control-plane', 'kubectl scale deployment web --replicas=12');
    sim.sleep(5000);
    const hollow = sim.pods().find((p) => p.spec.nodeName?.startsWith('hollow-') && p.metadata.name.startsWith('web-'))!;
    const real = sim.pods().find((p) => p.spec.nodeName === 'node-1' && p.metadata.name.startsWith('web-'))!;
    expect(sim.exec('hollow-node-1', 'ip a').output).toBe('error: hollow-node-1 is a Kubemark hollow node: its kubelet runs against a fake container runtime, and there is no machine to open a terminal on');
    expect(sim.exec(`default/${hollow.metadata.name}`, 'ip a').output).toMatch(/runs on the hollow node hollow-node-\d: its containers are fakes/);
    const logs = sim.exec('control-plane', `kubectl logs ${hollow.metadata.name}`);
    expect(logs.exitCode).toBe(1);
    expect(logs.output).toMatch(new RegExp(`^Error from server: failed to try resolving symlinks in path "/var/log/pods/default_${hollow.metadata.name}_${hollow.metadata.uid}/nginx/0.log"`));
    const t = sim.trace(`default/${real.metadata.name}`, `default/${hollow.metadata.name}`);
    expect(t.outcome).toBe('dropped');
    expect(t.notes?.join(' ')).toContain(`${hollow.status!.podIP} is pod default/${hollow.metadata.name} on ${hollow.spec.nodeName}, a Kubemark hollow node`);
  });

  it('are counted, not listed, in the UI snapshot', () => {
    const sim = hollowCluster();
    sim.exec('control-plane', 'kubectl scale deployment web --replicas=20');
    sim.sleep(5000);
    const snap = sim.snapshot();
    const h1 = snap.nodes.find((n) => n.name === 'hollow-node-1')!;
    // kube-proxy and kube-flannel (DaemonSets) are counted among its system pods too: the graph hides those as a machine's.
    const system = podsOn(sim, 'hollow-node-1').filter((p) => ['kube-system', 'kube-flannel'].includes(p.metadata.namespace!)).length;
    expect(system).toBe(2);
    expect(h1.hollow).toEqual({ running: podsOn(sim, 'hollow-node-1').length, pending: 0, other: 0, system: { running: 2, pending: 0, other: 0 } });
    expect(snap.nodes.find((n) => n.name === 'node-1')!.hollow).toBeUndefined();
    expect(snap.pods.some((p) => p.node?.startsWith('hollow-'))).toBe(false);
    expect(snap.pods.filter((p) => p.node === 'node-1')).toHaveLength(podsOn(sim, 'node-1').length);
  });

  it('replay exactly from the scenario and the log', () => {
    const sim = hollowCluster(6);
    sim.exec('control-plane', 'kubectl scale deployment web --replicas=30');
    sim.sleep(3000);
    sim.exec('control-plane', 'kubectl delete node hollow-node-2');
    const again = Simulation.replay(sim.scenario, sim.actions);
    expect(again.stateHash()).toBe(sim.stateHash());
  });

  it('are laid out on the node network after the machines, and bad counts are named', () => {
    const s = defaultScenario();
    s.cluster.hollowNodes = 3;
    expect(hollowNodes(s)).toEqual([
      { name: 'hollow-node-1', ip: '192.168.56.13' },
      { name: 'hollow-node-2', ip: '192.168.56.14' },
      { name: 'hollow-node-3', ip: '192.168.56.15' },
    ]);
    const bad = (n: number, edit: (x: typeof s) => void = () => {}): string => {
      const x = structuredClone(s);
      x.cluster.hollowNodes = n;
      edit(x);
      try {
        validateScenario(x);
        return 'valid';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(bad(-1)).toBe("scenario.cluster.hollowNodes: must be a whole number from 0 to 4997 (Kubernetes' limit is 5000 nodes, 3 of them machines here)");
    expect(bad(4998)).toMatch(/must be a whole number from 0 to 4997/);
    expect(bad(300)).toBe('scenario.cluster.hollowNodes: 300 hollow nodes do not fit in the node network 192.168.56.0/24 beside 3 machines');
    expect(bad(300, (x) => (x.cluster.nodeNetwork = '192.168.0.0/16'))).toBe('scenario.cluster.podCIDR: 10.244.0.0/16 holds 256 node subnets of /24, fewer than the 303 nodes (kube-controller-manager could not give every node a podCIDR)');
    expect(bad(300, (x) => Object.assign(x.cluster, { nodeNetwork: '192.168.0.0/16', podCIDR: '10.240.0.0/12' }))).toBe('valid');
  });
});
