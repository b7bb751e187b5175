import { describe, expect, it } from 'vitest';
import type { ConfigMap, Pod } from '../api/types';
import { presetById } from '../scenario/presets';
import { decodeState, encodeState } from '../scenario/url';
import { validateScenario } from '../scenario/validate';
import { Simulation } from '../sim/simulation';
import type { Kubelet } from '../kubelet/kubelet';
import { kubeFlannelYaml } from './flannel';

const sysPods = (sim: Simulation, ns: string, label: string): Pod[] => sim.ctx.api.list<Pod>('Pod', ns).filter((p) => p.metadata.name.startsWith(label) && !p.metadata.deletionTimestamp);
const daemons = (sim: Simulation, node: string): string[] => (sim.ctx.kubelets!.get(node) as Kubelet).daemons.names().sort();

describe('kubeadm init: static control-plane pods', () => {
  const sim = Simulation.create();

  it('writes the four manifests and runs them as mirror pods on the control plane', () => {
    const files = Object.keys(sim.ctx.hosts.get('control-plane')!.files).filter((f) => f.startsWith('/etc/kubernetes/manifests/'));
    expect(files.sort()).toEqual(['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map((c) => `/etc/kubernetes/manifests/${c}.yaml`));
    const want: Record<string, [string, Record<string, string>]> = {
      etcd: ['registry.k8s.io/etcd:3.6.4-0', { cpu: '100m', memory: '100Mi' }],
      'kube-apiserver': ['registry.k8s.io/kube-apiserver:v1.34.2', { cpu: '250m' }],
      'kube-controller-manager': ['registry.k8s.io/kube-controller-manager:v1.34.2', { cpu: '200m' }],
      'kube-scheduler': ['registry.k8s.io/kube-scheduler:v1.34.2', { cpu: '100m' }],
    };
    for (const [c, [image, requests]] of Object.entries(want)) {
      const p = sim.ctx.api.get<Pod>('Pod', 'kube-system', `${c}-control-plane`)!;
      expect(p.metadata.labels).toEqual({ component: c, tier: 'control-plane' });
      expect(p.metadata.annotations!['kubernetes.io/config.mirror']).toMatch(/^[0-9a-f]{32}$/);
      expect(p.metadata.annotations!['kubernetes.io/config.source']).toBe('file');
      expect(p.metadata.ownerReferences).toEqual([expect.objectContaining({ apiVersion: 'v1', kind: 'Node', name: 'control-plane', controller: true })]);
      expect(p.spec).toMatchObject({ hostNetwork: true, priorityClassName: 'system-node-critical', priority: 2000001000, nodeName: 'control-plane' });
      expect(p.spec.containers[0].image).toBe(image);
      expect(p.spec.containers[0].resources?.requests).toEqual(requests);
      expect(p.status).toMatchObject({ phase: 'Running', podIP: '192.168.56.10' });
    }
  });

  it('posts a deleted mirror pod again, and stops the pod whose manifest is moved away', () => {
    expect(sim.exec('control-plane', 'kubectl delete pod -n kube-system kube-scheduler-control-plane').exitCode).toBe(0);
    sim.sleep(1000);
    expect(sim.ctx.api.get<Pod>('Pod', 'kube-system', 'kube-scheduler-control-plane')?.metadata.deletionTimestamp).toBeUndefined();
    const host = sim.ctx.hosts.get('control-plane')!;
    const manifest = host.files['/etc/kubernetes/manifests/etcd.yaml'];
    delete host.files['/etc/kubernetes/manifests/etcd.yaml'];
    sim.sleep(12_000);
    expect(sim.ctx.api.get<Pod>('Pod', 'kube-system', 'etcd-control-plane')).toBeUndefined();
    host.files['/etc/kubernetes/manifests/etcd.yaml'] = manifest;
    sim.sleep(12_000);
    expect(sim.ctx.api.get<Pod>('Pod', 'kube-system', 'etcd-control-plane')?.status?.phase).toBe('Running');
  });
});

describe('the classic static pod exercise', () => {
  it('moving kube-scheduler.yaml out of the manifests stops scheduling; moving it back schedules the waiting pod', () => {
    const sim = Simulation.create();
    expect(sim.exec('control-plane', 'mv /etc/kubernetes/manifests/kube-scheduler.yaml /tmp/')).toEqual({ output: '', exitCode: 0 });
    sim.sleep(15_000);
    expect(sim.ctx.api.get<Pod>('Pod', 'kube-system', 'kube-scheduler-control-plane')).toBeUndefined();
    sim.exec('control-plane', 'kubectl run late --image=nginx:1.27');
    sim.sleep(5000);
    expect(sim.exec('control-plane', 'kubectl get pod late --no-headers').output).toMatch(/^late +0\/1 +Pending /);
    expect(sim.exec('control-plane', 'mv /tmp/nope.yaml /etc/kubernetes/manifests/').output).toBe("mv: cannot stat '/tmp/nope.yaml': No such file or directory");
    sim.exec('control-plane', 'mv /tmp/kube-scheduler.yaml /etc/kubernetes/manifests/');
    sim.sleep(15_000);
    expect(sim.ctx.api.get<Pod>('Pod', 'default', 'late')!.status?.phase).toBe('Running');
  });
});

describe('kube-proxy and kube-flannel DaemonSets', () => {
  it('run one hostNetwork pod per node, each running its daemon', () => {
    const sim = Simulation.create();
    for (const [ns, prefix] of [['kube-system', 'kube-proxy-'], ['kube-flannel', 'kube-flannel-ds-']]) {
      const pods = sysPods(sim, ns, prefix);
      expect(pods.map((p) => `${p.spec.nodeName} ${p.status?.podIP} ${p.status?.phase}`).sort()).toEqual(['control-plane 192.168.56.10 Running', 'node-1 192.168.56.11 Running', 'node-2 192.168.56.12 Running']);
    }
    // metrics-server's Deployment put its pod on node-1 too.
    expect(daemons(sim, 'node-1')).toEqual(['kube-flannel', 'kube-proxy', 'metrics-server']);
    const cm = sim.ctx.api.get<ConfigMap>('ConfigMap', 'kube-system', 'kube-proxy')!;
    expect(cm.data!['config.conf']).toMatch(/\nmode: ""\n/);
    expect(cm.data!['kubeconfig.conf']).toContain('server: https://192.168.56.10:6443');
    const ds = sim.exec('control-plane', 'kubectl get ds -A').output;
    expect(ds).toMatch(/\nkube-flannel +kube-flannel-ds +3 +3 +3 +3 +3 +<none> /);
    expect(ds).toMatch(/\nkube-system +kube-proxy +3 +3 +3 +3 +3 +kubernetes.io\/os=linux /);
    // install-cni copied the ConfigMap's cni-conf.json to the host.
    expect(sim.exec('node-1', 'cat /etc/cni/net.d/10-flannel.conflist').output).toContain('"type": "flannel"');
    // A terminal in a hostNetwork pod is in the node's network namespace.
    const proxy = sysPods(sim, 'kube-system', 'kube-proxy-').find((p) => p.spec.nodeName === 'node-1')!;
    expect(sim.exec(`kube-system/${proxy.metadata.name}`, 'ip -4 addr show eth0').output).toContain('inet 192.168.56.11/24');
  });

  it('installs kube-flannel.yml\'s ServiceAccount and RBAC objects, listed as kubectl lists them', () => {
    const sim = Simulation.create();
    expect(sim.exec('control-plane', 'kubectl get sa -n kube-flannel').output).toMatch(/^NAME +SECRETS +AGE\nflannel +0 +\d+s$/);
    expect(sim.exec('control-plane', 'kubectl get clusterrolebinding flannel').output).toMatch(/^NAME +ROLE +AGE\nflannel +ClusterRole\/flannel +\d+s$/);
    expect(sim.exec('control-plane', 'kubectl get clusterrole flannel').output).toMatch(/^NAME +CREATED AT\nflannel +2026-01-05T09:00:\d\dZ$/);
    // Applying the same file again (as after editing it) leaves them unchanged.
    expect(sim.applyManifest(kubeFlannelYaml(sim.scenario)).output.split('\n')).toEqual([
      'namespace/kube-flannel unchanged',
      'serviceaccount/flannel unchanged',
      'clusterrole.rbac.authorization.k8s.io/flannel unchanged',
      'clusterrolebinding.rbac.authorization.k8s.io/flannel unchanged',
      'configmap/kube-flannel-cfg unchanged',
      'daemonset.apps/kube-flannel-ds unchanged',
    ]);
  });

  it('a new flannel pod reads the edited ConfigMap: host-gw instead of VXLAN', () => {
    const sim = Simulation.create();
    const netConf = JSON.stringify(JSON.stringify({ Network: '10.244.0.0/16', Backend: { Type: 'host-gw' } }));
    expect(sim.exec('control-plane', `kubectl patch configmap kube-flannel-cfg -n kube-flannel --type merge -p '{"data":{"net-conf.json":${netConf}}}'`).exitCode).toBe(0);
    // Nothing changes until flanneld restarts: it reads net-conf.json at start.
    expect(sim.exec('node-1', 'ip route').output).toContain('10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink');
    expect(sim.exec('control-plane', 'kubectl delete pod -n kube-flannel -l app=flannel').exitCode).toBe(0);
    sim.sleep(15_000);
    expect(sim.exec('node-1', 'ip route').output).toContain('10.244.2.0/24 via 192.168.56.12 dev eth0');
    expect(sim.ctx.net.link(sim.ctx.net.ns('node-1'), 'flannel.1')).toBeUndefined();
    const flannel = sysPods(sim, 'kube-flannel', 'kube-flannel-ds-').find((p) => p.spec.nodeName === 'node-1')!;
    expect(sim.exec('control-plane', `kubectl logs -n kube-flannel ${flannel.metadata.name}`).output).toMatch(/^I0105 09:\d\d:\d\d\.\d{6} {7}1 main\.go:1\] flanneld starting: --ip-masq --kube-subnet-mgr, Network 10\.244\.0\.0\/16, backend host-gw\n/);
    expect(sim.trace('default/client', sim.pods().find((p) => p.metadata.labels?.app === 'web' && p.spec.nodeName === 'node-2')!.status!.podIP!).replied).toBe(true);
  });

  it('kubelet stop keeps the daemons running; kubeadm reset stops them', () => {
    const sim = Simulation.create();
    sim.exec('node-1', 'systemctl stop kubelet');
    // metrics-server's Deployment put its pod on node-1 too.
    expect(daemons(sim, 'node-1')).toEqual(['kube-flannel', 'kube-proxy', 'metrics-server']);
    sim.exec('node-1', 'systemctl start kubelet');
    sim.exec('node-1', 'kubeadm reset -f');
    expect(daemons(sim, 'node-1')).toEqual([]);
  });

  it('a user hostNetwork pod takes its node\'s address and needs no CNI call', () => {
    const sim = Simulation.create();
    const calls = sim.ctx.hosts.get('node-1')!.cniCalls.length;
    sim.applyManifest('apiVersion: v1\nkind: Pod\nmetadata:\n  name: hn\nspec:\n  hostNetwork: true\n  nodeName: node-1\n  containers:\n  - name: nginx\n    image: nginx:1.27\n');
    sim.sleep(5000);
    expect(sim.exec('control-plane', 'kubectl get pod hn -o wide --no-headers').output).toMatch(/^hn +1\/1 +Running +0 +\d+s +192\.168\.56\.11 +node-1 /);
    expect(sim.ctx.hosts.get('node-1')!.cniCalls.length).toBe(calls);
  });
});

describe('kubeadm join of a new machine', () => {
  it('a spare machine is part of the scenario schema: validated, and kept in a shared link', () => {
    const { scenario } = presetById('spare-machine')!.build();
    expect(validateScenario(structuredClone(scenario)).nodes[2].joined).toBe(false);
    const bad = structuredClone(scenario) as unknown as { nodes: Record<string, unknown>[] };
    bad.nodes[2].joined = 'no';
    expect(() => validateScenario(bad)).toThrow('scenario.nodes[2].joined: must be true or false');
    bad.nodes[2].joined = true;
    bad.nodes[0].joined = false;
    expect(() => validateScenario(bad)).toThrow(/scenario\.nodes\[0\]\.joined: the control-plane is the node kubeadm init ran on/);
    expect(decodeState(encodeState({ scenario, actions: [] })).scenario.nodes[2].joined).toBe(false);
  });

  it('registers node-2, which gets a podCIDR, the DaemonSet pods and workloads; reset and delete remove it', () => {
    const { scenario } = presetById('spare-machine')!.build();
    const sim = Simulation.create(scenario);
    expect(sim.nodes().map((n) => n.metadata.name)).toEqual(['control-plane', 'node-1']);
    expect(sim.exec('node-2', 'systemctl is-active kubelet').output).toBe('inactive');
    const bad = sim.exec('node-2', 'kubeadm join 192.168.56.10:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:00');
    expect(bad.output).toContain('could not find a JWS signature in the cluster-info ConfigMap for token ID "abcdef"');
    const join = sim.exec('control-plane', 'kubeadm token create --print-join-command').output.trim();
    expect(sim.exec('node-2', join).output).toContain('This node has joined the cluster:');
    sim.sleep(20_000);
    expect(sim.exec('control-plane', 'kubectl get nodes --no-headers').output).toMatch(/\nnode-2 +Ready +<none> /);
    expect(sim.ctx.api.get('Node', undefined, 'node-2')).toMatchObject({ spec: { podCIDR: '10.244.2.0/24' } });
    expect(daemons(sim, 'node-2')).toEqual(['kube-flannel', 'kube-proxy']);
    sim.exec('control-plane', 'kubectl run probe --image=busybox:1.36 --overrides=\'{"spec":{"nodeName":"node-2"}}\' -- sleep infinity');
    sim.sleep(5000);
    expect(sim.ctx.api.get<Pod>('Pod', 'default', 'probe')!.status!.podIP).toBe('10.244.2.2');
    expect(sim.trace('default/client', '10.244.2.2').replied).toBe(true);
    expect(sim.exec('node-1', 'ip route').output).toContain('10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink');
    // Leave again: drain, reset on the machine, delete the Node.
    sim.exec('control-plane', 'kubectl drain node-2 --ignore-daemonsets --force');
    expect(sim.exec('node-2', 'kubeadm reset -f').exitCode).toBe(0);
    expect(sim.exec('control-plane', 'kubectl delete node node-2').output).toBe('node "node-2" deleted');
    sim.sleep(5000);
    expect(sim.pods().filter((p) => p.spec.nodeName === 'node-2')).toEqual([]);
    expect(sim.exec('node-1', 'ip route').output).not.toContain('10.244.2.0/24');
    expect(sim.ctx.runtimes.get('node-2')!.sandboxes).toEqual([]);
  });
});
