import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseScenarioFile } from './file';
import { Simulation } from '../sim/simulation';

const node = (name: string, ip: string, cidr: string, cp = false, runtime = 'containerd://2.1.4') => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, uid: 'x', resourceVersion: '812', labels: { 'kubernetes.io/hostname': name, ...(cp ? { 'node-role.kubernetes.io/control-plane': '' } : {}) } },
  spec: { podCIDR: cidr, podCIDRs: [cidr] },
  status: { addresses: [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: name }], nodeInfo: { kubeletVersion: 'v1.33.4', containerRuntimeVersion: runtime } },
});

/** What `kubectl get nodes,pods,deploy,rs,svc,cm,ingress -A -o yaml` prints on a small kubeadm + flannel cluster. */
const DUMP = stringify({
  apiVersion: 'v1',
  kind: 'List',
  metadata: { resourceVersion: '' },
  items: [
    node('k8s-master', '10.0.0.10', '10.244.0.0/24', true),
    node('k8s-worker1', '10.0.0.11', '10.244.1.0/24'),
    node('k8s-worker2', '10.0.0.12', '10.244.2.0/24', false, 'cri-o://1.33.2'),
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'kube-apiserver-k8s-master', namespace: 'kube-system', labels: { component: 'kube-apiserver', tier: 'control-plane' } },
      spec: { nodeName: 'k8s-master', containers: [{ name: 'kube-apiserver', image: 'registry.k8s.io/kube-apiserver:v1.33.4', command: ['kube-apiserver', '--advertise-address=10.0.0.10', '--service-cluster-ip-range=10.96.0.0/12'] }] },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'kube-controller-manager-k8s-master', namespace: 'kube-system', labels: { component: 'kube-controller-manager' } },
      spec: { nodeName: 'k8s-master', containers: [{ name: 'kube-controller-manager', image: 'registry.k8s.io/kube-controller-manager:v1.33.4', command: ['kube-controller-manager', '--allocate-node-cidrs=true', '--cluster-cidr=10.244.0.0/16'] }] },
    },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-flannel-cfg', namespace: 'kube-flannel' }, data: { 'net-conf.json': '{ "Network": "10.244.0.0/16", "Backend": { "Type": "host-gw" } }' } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'shop', namespace: 'default', uid: 'u1', resourceVersion: '999', generation: 2, creationTimestamp: '2026-01-01T00:00:00Z', annotations: { 'deployment.kubernetes.io/revision': '2' }, managedFields: [{ manager: 'kubectl' }] },
      spec: { replicas: 2, selector: { matchLabels: { app: 'shop' } }, template: { metadata: { labels: { app: 'shop' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } } },
      status: { readyReplicas: 2 },
    },
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'shop-5d8f', namespace: 'default', ownerReferences: [{ kind: 'Deployment', name: 'shop' }] }, spec: { replicas: 2 } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'shop-5d8f-abcde', namespace: 'default', ownerReferences: [{ kind: 'ReplicaSet', name: 'shop-5d8f' }] }, spec: { nodeName: 'k8s-worker1', containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'default' }, spec: { nodeName: 'k8s-worker2', containers: [{ name: 'sh', image: 'busybox:1.36', command: ['sleep', 'infinity'] }] }, status: { podIP: '10.244.2.7' } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'shop', namespace: 'default' }, spec: { type: 'ClusterIP', clusterIP: '10.103.45.12', clusterIPs: ['10.103.45.12'], selector: { app: 'shop' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default' }, spec: { clusterIP: '10.96.0.1', ports: [{ port: 443, targetPort: 6443 }] } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'shop', namespace: 'default' }, spec: { ingressClassName: 'nginx', rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'shop', port: { number: 80 } } } }] } }] } },
    { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'backup', namespace: 'default' }, spec: {} },
  ],
});

describe('import of a real cluster dump (kubectl get -o yaml)', () => {
  it('takes over the nodes, the ranges, the CNI and the learner’s workloads, and says what it left out', () => {
    const r = parseScenarioFile(DUMP, 'prod.yaml');
    const s = r.scenario;
    expect(s.nodes).toEqual([
      { name: 'k8s-master', role: 'control-plane', ip: '10.0.0.10', runtime: 'containerd' },
      { name: 'k8s-worker1', role: 'worker', ip: '10.0.0.11', runtime: 'containerd' },
      { name: 'k8s-worker2', role: 'worker', ip: '10.0.0.12', runtime: 'cri-o' },
    ]);
    expect(s.cluster).toMatchObject({ podCIDR: '10.244.0.0/16', serviceCIDR: '10.96.0.0/12', nodeCIDRMaskSize: 24, cni: 'flannel', flannelBackend: 'host-gw', kubernetesVersion: 'v1.33.4', nodeNetwork: '10.0.0.0/24' });
    expect(s.manifests).toContain('name: shop');
    expect(s.manifests).toContain('clusterIP: 10.103.45.12');
    expect(s.manifests).not.toMatch(/managedFields|resourceVersion|uid:|status:|deployment.kubernetes.io\/revision|shop-5d8f/);
    expect(r.notes![0]).toBe('imported 3 node(s) and 4 object(s) from prod.yaml: pod network 10.244.0.0/16, services 10.96.0.0/12, CNI flannel');
    expect(s.manifests).toContain('kind: Ingress');
    expect(r.notes).toContain('left out 1 CronJob (batch/v1: not simulated)');
    expect(r.notes).toContain('left out 3 system objects (kube-system, kube-flannel, ...: the simulation runs its own)');
    expect(r.notes).toContain('left out 1 objects owned by a controller (pods of Deployments, DaemonSets ...: recreated by them)');
  });

  it('runs: the Deployment’s pods come up, the Service keeps its ClusterIP, the standalone pod stays on its node', () => {
    const sim = Simulation.create(parseScenarioFile(DUMP, 'prod.yaml').scenario);
    const out = sim.exec('k8s-master', 'kubectl get pods,svc -o wide').output;
    expect(out).toMatch(/debug\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.2\.\d+\s+k8s-worker2/);
    expect(out.match(/shop-\S+\s+1\/1\s+Running/g)).toHaveLength(2);
    expect(out).toMatch(/service\/shop\s+ClusterIP\s+10\.103\.45\.12/);
  });

  it('names the problem in a dump it cannot use', () => {
    expect(() => parseScenarioFile('apiVersion: v1\nkind: List\nitems: []\n', 'empty.yaml')).toThrow('empty.yaml: no Kubernetes objects found');
    expect(() => parseScenarioFile('apiVersion: v1\nkind: Node\nmetadata:\n  name: a\nstatus: {}\n', 'n.yaml')).toThrow('n.yaml: node a has no IPv4 InternalIP in status.addresses');
    expect(() => parseScenarioFile('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n', 'cm.yaml')).toThrow('cm.yaml: the dump has no Node objects and no pods bound to nodes');
    expect(() => parseScenarioFile('apiVersion: v1\nkind: List\nitems: [\n', 'bad.yaml')).toThrow(/^bad\.yaml: YAML document 1 is not valid/);
  });
});
