import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import type { Pod } from '../api/types';
import { isPodReady } from './util';

const shop = (replicas: number, minAvailable: number | string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: shop
spec:
  minAvailable: ${minAvailable}
  selector:
    matchLabels:
      app: shop
`;

const sh = (sim: Simulation, host: string, cmd: string): string => sim.exec(host, cmd).output;
const shopPods = (sim: Simulation): Pod[] => sim.ctx.api.list<Pod>('Pod', 'default', { app: 'shop' }).filter((p) => !p.metadata.deletionTimestamp);

/** Watches every pod change and remembers the fewest ready shop pods seen. */
function trackAvailability(sim: Simulation): () => number {
  let min = Infinity;
  sim.ctx.api.watch('Pod', 'test', () => {
    min = Math.min(min, shopPods(sim).filter(isPodReady).length);
  });
  return () => min;
}

describe('PodDisruptionBudget and kubectl drain', () => {
  it('blocks a drain the budget forbids, then lets it through once minAvailable permits', () => {
    const sim = Simulation.create();
    sh(sim, 'control-plane', 'kubectl delete pod client');
    sim.applyManifest(shop(2, 2));
    expect(sh(sim, 'control-plane', 'kubectl get pdb')).toMatch(/^NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE\nshop\s+2\s+N\/A\s+0\s+\d+s$/);
    const node = shopPods(sim)[0].spec.nodeName!;
    const blocked = sim.exec('control-plane', `kubectl drain ${node} --ignore-daemonsets --timeout=20s`);
    expect(blocked.exitCode).toBe(1);
    const victim = shopPods(sim).find((p) => p.spec.nodeName === node)!.metadata.name;
    expect(blocked.output).toContain(`error when evicting pods/"${victim}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`);
    expect(blocked.output).toContain(`error: unable to drain node "${node}" due to error: [error when evicting pods/"${victim}" -n "default": global timeout reached: 20s], continuing command...`);
    expect(shopPods(sim).filter(isPodReady).length).toBe(2);
    sh(sim, 'control-plane', `kubectl patch pdb shop -p '{"spec":{"minAvailable":1}}'`);
    expect(sh(sim, 'control-plane', 'kubectl get pdb shop')).toMatch(/shop\s+1\s+N\/A\s+1\s+/);
    const drained = sim.exec('control-plane', `kubectl drain ${node} --ignore-daemonsets`);
    expect(drained.output).toContain(`pod/${victim} evicted`);
    expect(drained.output).toMatch(new RegExp(`node/${node} drained$`));
    sim.sleep(30_000);
    expect(shopPods(sim).every((p) => p.spec.nodeName !== node)).toBe(true);
  });

  it('upgrades every node one by one while the Deployment stays available', () => {
    const sim = Simulation.create();
    sh(sim, 'control-plane', 'kubectl delete pod client');
    sim.applyManifest(shop(2, 1));
    sim.sleep(10_000);
    const minReady = trackAvailability(sim);
    sh(sim, 'control-plane', 'apt-mark unhold kubeadm kubelet kubectl');
    expect(sh(sim, 'control-plane', 'kubeadm upgrade apply v1.35.0 -y')).toContain('Specified version to upgrade to "v1.35.0" is higher than the kubeadm version "v1.34.2"');
    sh(sim, 'control-plane', 'apt-get install -y kubeadm=1.35.0-1.1');
    expect(sh(sim, 'control-plane', 'kubeadm upgrade plan')).toContain('kubeadm upgrade apply v1.35.0');
    expect(sh(sim, 'control-plane', 'kubeadm upgrade apply v1.35.0 -y')).toContain('[upgrade] SUCCESS! A control plane node of your cluster was upgraded to "v1.35.0".');
    sim.sleep(30_000);
    expect(sh(sim, 'control-plane', 'kubectl version')).toContain('Server Version: v1.35.0');
    for (const node of ['control-plane', 'node-1', 'node-2']) {
      const drain = sim.exec('control-plane', `kubectl drain ${node} --ignore-daemonsets`);
      expect(drain.output).toMatch(new RegExp(`node/${node} drained$`));
      if (node !== 'control-plane') {
        sh(sim, node, 'apt-mark unhold kubeadm kubelet kubectl');
        sh(sim, node, 'apt-get install -y kubeadm=1.35.0-1.1');
        expect(sh(sim, node, 'kubeadm upgrade node')).toContain('[upgrade] The configuration for this node was successfully upgraded!');
      }
      expect(sh(sim, node, 'apt-get install -y kubelet=1.35.0-1.1 kubectl=1.35.0-1.1')).toContain('Setting up kubelet (1.35.0-1.1) ...');
      sh(sim, node, 'systemctl daemon-reload');
      sh(sim, node, 'systemctl restart kubelet');
      sim.sleep(15_000);
      expect(sh(sim, 'control-plane', `kubectl uncordon ${node}`)).toBe(`node/${node} uncordoned`);
      sim.sleep(15_000);
      const versions = sh(sim, 'control-plane', 'kubectl get nodes').split('\n').slice(1).map((l) => l.split(/\s+/));
      expect(versions.find((r) => r[0] === node)![4]).toBe('v1.35.0');
    }
    expect(sh(sim, 'control-plane', 'kubectl get nodes')).not.toContain('v1.34.2');
    expect(minReady()).toBeGreaterThanOrEqual(1);
    expect(shopPods(sim).filter(isPodReady).length).toBe(2);
  });

  it('kubectl create pdb and kubectl set resources write what the walk-throughs need', () => {
    const sim = Simulation.create();
    expect(sh(sim, 'control-plane', 'kubectl create pdb web --selector=app=web --min-available=50%')).toBe('poddisruptionbudget.policy/web created');
    expect(sh(sim, 'control-plane', 'kubectl get pdb web')).toMatch(/web\s+50%\s+N\/A\s+1\s+/);
    expect(sh(sim, 'control-plane', 'kubectl set resources deployment web --requests=cpu=200m --limits=cpu=500m')).toBe('deployment.apps/web resource requirements updated');
    expect(sh(sim, 'control-plane', 'kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].resources.requests.cpu}')).toBe('200m');
  });
});
