import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import type { Node } from '../api/types';
import { createdAgo, crictlTable } from './crictl';

describe('crictl', () => {
  it('lists sandboxes, containers and images in crictl\'s layout', () => {
    const sim = Simulation.create();
    const pods = sim.exec('node-2', 'crictl pods').output.split('\n');
    // node-2 runs two web pods and its DaemonSet pods (kube-flannel, kube-proxy: hostNetwork sandboxes).
    expect(pods[0]).toBe('POD ID              CREATED             STATE               NAME                    NAMESPACE           ATTEMPT             RUNTIME');
    expect(pods[1]).toMatch(/^[0-9a-f]{13} {7}\d+ seconds ago {6,}Ready {15}web-\S+ +default {13}0 {19}\(default\)$/);
    expect(pods.slice(3).map((l) => l.split(/ {2,}/)[3])).toEqual([expect.stringMatching(/^kube-flannel-ds-/), expect.stringMatching(/^kube-proxy-/)]);
    const ps = sim.exec('node-2', 'crictl ps').output.split('\n');
    expect(ps[0]).toMatch(/^CONTAINER {11}IMAGE {15}CREATED +STATE {15}NAME {16}ATTEMPT {13}POD ID {14}POD +NAMESPACE$/);
    expect(ps.slice(1).map((l) => l.split(/ {2,}/)[4])).toEqual(['nginx', 'nginx', 'kube-flannel', 'kube-proxy']);
    expect(ps.slice(1).every((l) => / Running /.test(l))).toBe(true);
    expect(sim.exec('node-2', 'crictl images').output).toMatch(/^IMAGE +TAG +IMAGE ID +SIZE\ndocker\.io\/library\/nginx +1\.27 +[0-9a-f]{13} +72\.2MB\nghcr\.io\/flannel-io\/flannel-cni-plugin +v1\.6\.2-flannel1 .*\nghcr\.io\/flannel-io\/flannel +v0\.26\.7 .*\nregistry\.k8s\.io\/kube-proxy +v1\.34\.2 .*\nregistry\.k8s\.io\/pause +3\.10\.1 +[0-9a-f]{13} +320kB$/);
    expect(sim.exec('default/client', 'crictl ps')).toMatchObject({ exitCode: 127 });
  });

  it('formats like crictl (minwidth 20, padding 3) and go-units durations', () => {
    expect(crictlTable(['A', 'B'], [['x', 'y']])).toBe('A                   B\nx                   y');
    expect([500, 1000, 5000, 65_000, 600_000, 3_600_000, 7_200_000].map(createdAgo)).toEqual([
      'Less than a second ago',
      '1 second ago',
      '5 seconds ago',
      'About a minute ago',
      '10 minutes ago',
      'About an hour ago',
      '2 hours ago',
    ]);
  });
});

describe('etcdctl', () => {
  it('reads the apiserver\'s keys on the control-plane node', () => {
    const sim = Simulation.create();
    const keys = sim.exec('control-plane', 'etcdctl get --prefix /registry/pods/default --keys-only').output.split('\n');
    expect(keys.filter((k) => k !== '')).toHaveLength(4);
    expect(keys[0]).toBe('/registry/pods/default/client');
    expect(keys[1]).toBe('');
    const one = sim.exec('control-plane', 'ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt get /registry/pods/default/client').output.split('\n');
    expect(one[0]).toBe('/registry/pods/default/client');
    expect(JSON.parse(one[1])).toMatchObject({ kind: 'Pod', metadata: { name: 'client' } });
    // default, kube-flannel, kube-node-lease, kube-public, kube-system
    expect(sim.exec('control-plane', 'etcdctl get --prefix /registry/namespaces --keys-only | grep -c registry').output).toBe('5');
    expect(JSON.parse(sim.exec('control-plane', 'etcdctl get /registry/minions/node-1 -w json').output).count).toBe(1);
    expect(sim.exec('node-1', 'etcdctl get --prefix /registry').output).toMatch(/Error: context deadline exceeded$/);
  });
});

describe('systemctl and kubeadm', () => {
  it('stops and starts the kubelet and reports its state', () => {
    const sim = Simulation.create();
    expect(sim.exec('node-1', 'systemctl status kubelet').output).toMatch(/^● kubelet\.service - kubelet: The Kubernetes Node Agent\n.*\n.*\n.*\n {5}Active: active \(running\) since Mon 2026-01-05 09:00:\d\d UTC; \d+s ago/);
    expect(sim.exec('node-1', 'systemctl stop kubelet')).toEqual({ output: '', exitCode: 0 });
    expect(sim.exec('node-1', 'systemctl is-active kubelet')).toEqual({ output: 'inactive', exitCode: 3 });
    expect(sim.exec('node-1', 'systemctl status kubelet')).toMatchObject({ exitCode: 3, output: expect.stringContaining('Active: inactive (dead) since') });
    sim.sleep(60_000);
    expect(sim.ctx.api.get<Node>('Node', undefined, 'node-1')!.status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('Unknown');
    sim.exec('node-1', 'systemctl start kubelet');
    expect(sim.ctx.api.get<Node>('Node', undefined, 'node-1')!.status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('True');
    expect(sim.exec('node-1', 'systemctl status containerd').output).toMatch(/^● containerd\.service - containerd container runtime/);
    expect(sim.exec('node-1', 'systemctl stop nginx')).toMatchObject({ output: 'Failed to stop nginx.service: Unit nginx.service not found.', exitCode: 5 });
  });

  it('creates join tokens, resets a worker and joins it back', () => {
    const sim = Simulation.create();
    const join = sim.exec('control-plane', 'kubeadm token create --print-join-command').output;
    expect(join).toMatch(/^kubeadm join 192\.168\.56\.10:6443 --token [a-z0-9]{6}\.[a-z0-9]{16} --discovery-token-ca-cert-hash sha256:[0-9a-f]{64} $/);
    expect(sim.exec('control-plane', 'kubectl get secrets -n kube-system --no-headers').output).toMatch(/^bootstrap-token-[a-z0-9]{6} +bootstrap\.kubernetes\.io\/token +6 +\d+s$/);
    expect(sim.exec('node-2', join)).toMatchObject({ exitCode: 1, output: expect.stringContaining('[ERROR FileAvailable--etc-kubernetes-kubelet.conf]') });
    expect(sim.exec('node-2', 'kubeadm reset').exitCode).toBe(1);
    const reset = sim.exec('node-2', 'kubeadm reset -f');
    expect(reset.output.split('\n')[0]).toBe('[preflight] Running pre-flight checks');
    expect(reset.output).toContain('- the CNI plugin configuration in /etc/cni/net.d');
    expect(sim.ctx.runtimes.get('node-2')!.sandboxes).toEqual([]);
    expect([...sim.ctx.net.namespaces.values()].filter((n) => n.kind === 'pod' && n.host === 'node-2')).toEqual([]);
    expect(sim.exec('node-2', 'ls /etc/cni/net.d').exitCode).toBe(0);
    expect(sim.exec('node-2', 'kubeadm join 192.168.56.10:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:00').output).toContain('could not find a JWS signature in the cluster-info ConfigMap for token ID "abcdef"');
    const back = sim.exec('node-2', join);
    expect(back.exitCode).toBe(0);
    expect(back.output).toContain('This node has joined the cluster:');
    expect(sim.exec('control-plane', 'kubectl get node node-2 --no-headers').output).toMatch(/^node-2 +Ready/);
  });
});

describe('determinism with the control-plane commands', () => {
  it('the same actions give the same state hash, and a replay reproduces it', () => {
    const script = (sim: Simulation): void => {
      sim.exec('control-plane', 'kubectl create deployment api --image=nginx:1.27 --replicas=2');
      sim.exec('control-plane', 'kubectl expose deployment api --port=80 --type=NodePort');
      sim.exec('control-plane', 'kubectl set image deployment/api nginx=nginx:1.28');
      sim.exec('node-1', 'systemctl stop kubelet');
      sim.sleep(400_000);
      sim.exec('control-plane', 'kubeadm token create --print-join-command');
      sim.exec('control-plane', 'kubectl drain node-2 --ignore-daemonsets --force');
    };
    const a = Simulation.create();
    const b = Simulation.create();
    script(a);
    script(b);
    expect(a.stateHash()).toBe(b.stateHash());
    const c = Simulation.replay(a.scenario, a.actions);
    expect(c.stateHash()).toBe(a.stateHash());
  });
});

describe('ip link del', () => {
  it('refuses words after the device, as iproute2 does, and deletes nothing', () => {
    const sim = Simulation.create();
    const r = sim.exec('node-1', 'ip link del eth0 netns test');
    expect(r).toEqual({ output: 'Error: either "dev" is duplicate, or "netns" is a garbage.', exitCode: 1 });
    expect(sim.exec('node-1', 'ip link show eth0').output).toMatch(/^2: eth0: /);
  });
});
