/**
 * The static pod manifests `kubeadm init` writes to /etc/kubernetes/manifests on the control
 * plane: etcd, kube-apiserver, kube-controller-manager, kube-scheduler. The kubelet runs them
 * itself and shows each as a mirror pod `<component>-<node>` in kube-system.
 */
import type { Container, Pod } from '../api/types';
import { toYaml } from '../api/manifest';
import type { SimContext } from '../sim/context';
import type { DaemonSpec } from '../kubelet/daemons';

export const MANIFESTS_DIR = '/etc/kubernetes/manifests';
/** The etcd release kubeadm v1.34 deploys. */
export const ETCD_IMAGE = 'registry.k8s.io/etcd:3.6.4-0';

type HostPath = [name: string, path: string, type: string, readOnly: boolean];

function staticPod(component: string, container: Container, cpu: string, mounts: HostPath[], annotations: Record<string, string> = {}): Pod {
  container.imagePullPolicy = 'IfNotPresent';
  container.resources = { requests: { cpu, ...(component === 'etcd' ? { memory: '100Mi' } : {}) } };
  const c = container as Container & { volumeMounts: unknown[] };
  c.volumeMounts = mounts.map(([name, mountPath, , readOnly]) => ({ mountPath, name, ...(readOnly ? { readOnly: true } : {}) }));
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: component, namespace: 'kube-system', labels: { component, tier: 'control-plane' }, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: {
      containers: [container],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
    },
  };
  (pod.spec as Pod['spec'] & { volumes: unknown[] }).volumes = mounts.map(([name, path, type]) => ({ hostPath: { path, type }, name }));
  return pod;
}

/** File name → YAML, as kubeadm writes them for this cluster. */
export function controlPlaneManifests(ctx: SimContext, ip: string): Record<string, string> {
  const c = ctx.scenario.cluster;
  const v = c.kubernetesVersion;
  const pki: HostPath = ['k8s-certs', '/etc/kubernetes/pki', 'DirectoryOrCreate', true];
  const ca: HostPath = ['ca-certs', '/etc/ssl/certs', 'DirectoryOrCreate', true];
  const etcd = staticPod(
    'etcd',
    {
      name: 'etcd',
      image: ETCD_IMAGE,
      command: [
        'etcd', `--advertise-client-urls=https://${ip}:2379`, '--cert-file=/etc/kubernetes/pki/etcd/server.crt', '--client-cert-auth=true', '--data-dir=/var/lib/etcd',
        `--initial-advertise-peer-urls=https://${ip}:2380`, `--initial-cluster=${cpName(ctx)}=https://${ip}:2380`, '--key-file=/etc/kubernetes/pki/etcd/server.key',
        `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`, '--listen-metrics-urls=http://127.0.0.1:2381', `--listen-peer-urls=https://${ip}:2380`, `--name=${cpName(ctx)}`,
        '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt', '--peer-client-cert-auth=true', '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key', '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
        '--snapshot-count=10000', '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
      ],
    },
    '100m',
    [['etcd-certs', '/etc/kubernetes/pki/etcd', 'DirectoryOrCreate', false], ['etcd-data', '/var/lib/etcd', 'DirectoryOrCreate', false]],
    { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
  );
  const apiserver = staticPod(
    'kube-apiserver',
    {
      name: 'kube-apiserver',
      image: `registry.k8s.io/kube-apiserver:${v}`,
      command: [
        'kube-apiserver', `--advertise-address=${ip}`, '--allow-privileged=true', '--authorization-mode=Node,RBAC', '--client-ca-file=/etc/kubernetes/pki/ca.crt',
        '--enable-admission-plugins=NodeRestriction', '--enable-bootstrap-token-auth=true', '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
        '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt', '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key', '--etcd-servers=https://127.0.0.1:2379',
        '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt', '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
        '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname', '--secure-port=6443', '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        '--service-account-key-file=/etc/kubernetes/pki/sa.pub', '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key', `--service-cluster-ip-range=${c.serviceCIDR}`,
        '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
      ],
    },
    '250m',
    [ca, pki],
    { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` },
  );
  const cm = staticPod(
    'kube-controller-manager',
    {
      name: 'kube-controller-manager',
      image: `registry.k8s.io/kube-controller-manager:${v}`,
      command: [
        'kube-controller-manager', '--allocate-node-cidrs=true', '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf', '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--bind-address=127.0.0.1', '--client-ca-file=/etc/kubernetes/pki/ca.crt', `--cluster-cidr=${c.podCIDR}`, '--cluster-name=kubernetes',
        '--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt', '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key', '--controllers=*,bootstrapsigner,tokencleaner',
        '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--leader-elect=true', `--node-cidr-mask-size=${c.nodeCIDRMaskSize}`, '--root-ca-file=/etc/kubernetes/pki/ca.crt',
        '--service-account-private-key-file=/etc/kubernetes/pki/sa.key', `--service-cluster-ip-range=${c.serviceCIDR}`, '--use-service-account-credentials=true',
      ],
    },
    '200m',
    [ca, pki, ['kubeconfig', '/etc/kubernetes/controller-manager.conf', 'FileOrCreate', true]],
  );
  const sched = staticPod(
    'kube-scheduler',
    {
      name: 'kube-scheduler',
      image: `registry.k8s.io/kube-scheduler:${v}`,
      command: ['kube-scheduler', '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf', '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true'],
    },
    '100m',
    [['kubeconfig', '/etc/kubernetes/scheduler.conf', 'FileOrCreate', true]],
  );
  const out: Record<string, string> = {};
  for (const p of [etcd, apiserver, cm, sched]) out[`${MANIFESTS_DIR}/${p.metadata.name}.yaml`] = toYaml(p);
  return out;
}

function cpName(ctx: SimContext): string {
  return (ctx.scenario.nodes.find((n) => n.role === 'control-plane') ?? ctx.scenario.nodes[0]).name;
}

/** The kube-scheduler container runs the scheduler: moving its manifest away stops scheduling. */
export const kubeSchedulerDaemon: DaemonSpec = {
  name: 'kube-scheduler',
  image: /(^|\/)kube-scheduler(:|@|$)/,
  start({ ctx }) {
    ctx.scheduler?.start();
    return { stop: () => ctx.scheduler?.stop() };
  },
};
