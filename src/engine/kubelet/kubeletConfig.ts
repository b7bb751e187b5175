// The files kubeadm init/join write for the kubelet: /etc/kubernetes/kubelet.conf and /var/lib/kubelet/config.yaml.
import type { SimContext } from '../sim/context';

/** What kubeadm init/join leave for the kubelet: its kubeconfig and its configuration file. */
export function writeKubeletFiles(ctx: SimContext, host: NonNullable<ReturnType<SimContext['hosts']['get']>>): void {
  const cp = ctx.scenario.nodes.find((n) => n.role === 'control-plane') ?? ctx.scenario.nodes[0];
  host.files['/etc/kubernetes/kubelet.conf'] ??= [
    'apiVersion: v1',
    'clusters:',
    '- cluster:',
    '    certificate-authority: /etc/kubernetes/pki/ca.crt',
    `    server: https://${cp.ip}:6443`,
    '  name: default-cluster',
    'contexts:',
    '- context:',
    '    cluster: default-cluster',
    '    namespace: default',
    '    user: default-auth',
    '  name: default-context',
    'current-context: default-context',
    'kind: Config',
    'preferences: {}',
    'users:',
    '- name: default-auth',
    '  user:',
    '    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem',
    '    client-key: /var/lib/kubelet/pki/kubelet-client-current.pem',
    '',
  ].join('\n');
  const dns = ctx.scenario.cluster.serviceCIDR.replace(/\.\d+\/\d+$/, '.10');
  host.files['/var/lib/kubelet/config.yaml'] ??= [
    'apiVersion: kubelet.config.k8s.io/v1beta1',
    'authentication:',
    '  x509:',
    '    clientCAFile: /etc/kubernetes/pki/ca.crt',
    'cgroupDriver: systemd',
    'clusterDNS:',
    `- ${dns}`,
    'clusterDomain: cluster.local',
    `containerRuntimeEndpoint: ${host.runtime === 'cri-o' ? 'unix:///var/run/crio/crio.sock' : 'unix:///var/run/containerd/containerd.sock'}`,
    'kind: KubeletConfiguration',
    'nodeStatusReportFrequency: 5m0s',
    'nodeStatusUpdateFrequency: 10s',
    'rotateCertificates: true',
    'staticPodPath: /etc/kubernetes/manifests',
    '',
  ].join('\n');
}
