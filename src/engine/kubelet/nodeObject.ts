/** The Node object a kubelet registers: capacity, addresses, nodeInfo, role labels and taints. */
import type { Lease, Node, NodeCondition } from '../api/types';
import type { Host } from '../sim/host';
import { RUNTIME_VERSION } from '../runtime/runtime';

export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';

/** The pressure conditions a healthy kubelet reports (False = no pressure). */
export function healthyConditions(now: string): NodeCondition[] {
  return [
    { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', lastHeartbeatTime: now, lastTransitionTime: now },
    { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure', lastHeartbeatTime: now, lastTransitionTime: now },
    { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available', lastHeartbeatTime: now, lastTransitionTime: now },
  ];
}

/** `runtimeVersion` overrides the runtime's own (a Kubemark hollow node's fake CRI says fakeRuntime://0.1.0). */
/** Every condition of a node whose kubelet posts ready status: no pressure, Ready. */
export function readyNodeConditions(now: string): NodeCondition[] {
  return [
    ...healthyConditions(now),
    { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now },
  ];
}

/** The node's Lease in kube-node-lease, owned by its Node, renewed at `renewTime` (MicroTime). */
export function nodeLease(nodeName: string, nodeUid: string, renewTime: string): Lease {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: nodeName, namespace: 'kube-node-lease', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: nodeUid }] },
    spec: { holderIdentity: nodeName, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime },
  };
}

/** How long a node's Lease holds without a renewal (the kubelet renews it every 10 s). */
export const LEASE_DURATION_SECONDS = 40;

export function nodeObject(host: Pick<Host, 'name' | 'role' | 'ip' | 'runtime'>, kubeletVersion: string, now: string, runtimeVersion?: string): Node {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': host.name,
    'kubernetes.io/os': 'linux',
  };
  const taints: NonNullable<Node['spec']['taints']> = [{ key: NOT_READY_TAINT, effect: 'NoSchedule' }];
  if (host.role === 'control-plane') {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
    taints.unshift({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' });
  }
  const resources = { cpu: '2', 'ephemeral-storage': '61202244Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '4015148Ki', pods: '110' };
  const socket = host.runtime === 'cri-o' ? 'unix:///var/run/crio/crio.sock' : 'unix:///run/containerd/containerd.sock';
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: host.name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': socket,
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: { taints },
    status: {
      capacity: { ...resources },
      allocatable: { ...resources, memory: '3912748Ki' },
      conditions: [
        ...healthyConditions(now),
        {
          type: 'Ready',
          status: 'False',
          reason: 'KubeletNotReady',
          message: 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
          lastHeartbeatTime: now,
          lastTransitionTime: now,
        },
      ],
      addresses: [
        { type: 'InternalIP', address: host.ip },
        { type: 'Hostname', address: host.name },
      ],
      nodeInfo: {
        kubeletVersion,
        kubeProxyVersion: kubeletVersion,
        containerRuntimeVersion: runtimeVersion ?? RUNTIME_VERSION[host.runtime],
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        kernelVersion: '6.1.0-27-amd64',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}
