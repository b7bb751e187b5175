/**
 * What `kubeadm init` leaves behind before any controller runs: the system namespaces, the
 * built-in PriorityClasses, the `kubernetes` Service (the first address of the service
 * range) with the apiserver as its endpoint, and the admin kubeconfig on the control plane
 * (/etc/kubernetes/admin.conf, copied to /root/.kube/config as the kubeadm docs say) and the
 * static pod manifests in /etc/kubernetes/manifests.
 */
import type { EndpointSlice, Endpoints, Namespace, PriorityClass, Service } from '../api/types';
import { toYaml } from '../api/manifest';
import { nthAddress } from '../net/ip';
import type { SimContext } from '../sim/context';
import { fnv1a64 } from '../sim/hash';
import { encodeBase64 } from './base64';
import { controlPlaneManifests } from '../addons/controlPlane';

const ACTOR = 'kube-apiserver';
export const APISERVER_PORT = 6443;
export const KUBECONFIG_PATHS = ['/etc/kubernetes/admin.conf', '/root/.kube/config'];

export function controlPlaneHost(ctx: SimContext): { name: string; ip: string } {
  const cp = ctx.scenario.nodes.find((n) => n.role === 'control-plane') ?? ctx.scenario.nodes[0];
  return { name: cp.name, ip: cp.ip };
}

/** A PEM block whose body is drawn from the seeded PRNG (the playground has no real keys). */
function pem(ctx: SimContext, label: string, bytes: number): string {
  let bin = '';
  for (let i = 0; i < bytes; i++) bin += String.fromCharCode(ctx.prng.int(256));
  const body = btoa(bin).replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/** The CA certificate's public-key hash that `kubeadm join` pins (sha256:...). */
export function caCertHash(ctx: SimContext): string {
  const ca = ctx.hosts.get(controlPlaneHost(ctx).name)?.files['/etc/kubernetes/pki/ca.crt'] ?? '';
  return [0, 1, 2, 3].map((i) => fnv1a64(`${i}:${ca}`)).join('');
}

export function bootstrapControlPlane(ctx: SimContext): void {
  const { api } = ctx;
  api.serviceCIDR = ctx.scenario.cluster.serviceCIDR;
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    api.create<Namespace>({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, ACTOR);
  }
  const classes: [string, number, string][] = [
    ['system-cluster-critical', 2000000000, 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.'],
    ['system-node-critical', 2000001000, 'Used for system critical pods that must not be moved from their current node.'],
  ];
  for (const [name, value, description] of classes) {
    api.create<PriorityClass>({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, description, preemptionPolicy: 'PreemptLowerPriority', globalDefault: false }, ACTOR);
  }
  const cp = controlPlaneHost(ctx);
  api.create<Service>(
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { type: 'ClusterIP', clusterIP: nthAddress(ctx.scenario.cluster.serviceCIDR, 1), ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: APISERVER_PORT }] },
    },
    ACTOR,
  );
  api.create<Endpoints>(
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: cp.ip }], ports: [{ name: 'https', port: APISERVER_PORT, protocol: 'TCP' }] }],
    },
    ACTOR,
  );
  api.create<EndpointSlice>(
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [cp.ip], conditions: { ready: true } }],
      ports: [{ name: 'https', port: APISERVER_PORT, protocol: 'TCP' }],
    },
    ACTOR,
  );
  const host = ctx.hosts.get(cp.name);
  if (host) {
    const ca = pem(ctx, 'CERTIFICATE', 540);
    host.files['/etc/kubernetes/pki/ca.crt'] = ca;
    const config = {
      apiVersion: 'v1',
      clusters: [{ cluster: { 'certificate-authority-data': encodeBase64(ca), server: `https://${cp.ip}:${APISERVER_PORT}` }, name: 'kubernetes' }],
      contexts: [{ context: { cluster: 'kubernetes', user: 'kubernetes-admin' }, name: 'kubernetes-admin@kubernetes' }],
      'current-context': 'kubernetes-admin@kubernetes',
      kind: 'Config',
      preferences: {},
      users: [{ name: 'kubernetes-admin', user: { 'client-certificate-data': encodeBase64(pem(ctx, 'CERTIFICATE', 560)), 'client-key-data': encodeBase64(pem(ctx, 'RSA PRIVATE KEY', 1190)) } }],
    };
    const text = toYaml(config);
    for (const p of KUBECONFIG_PATHS) host.files[p] = text;
    // [control-plane] / [etcd]: the static pod manifests the kubelet runs.
    Object.assign(host.files, controlPlaneManifests(ctx, cp.ip));
  }
}
