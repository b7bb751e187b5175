/** The default scenario: one control plane, two workers, flannel VXLAN, three nginx pods and a client. */
import type { Scenario } from './types';

export const DEFAULT_MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: client
  labels:
    app: client
spec:
  containers:
  - name: busybox
    image: busybox:1.36
    command: ["sleep", "infinity"]
`;

export function defaultScenario(): Scenario {
  return {
    name: 'default',
    seed: 42,
    cluster: {
      podCIDR: '10.244.0.0/16',
      serviceCIDR: '10.96.0.0/12',
      nodeCIDRMaskSize: 24,
      cni: 'flannel',
      flannelBackend: 'vxlan',
      kubernetesVersion: 'v1.34.2',
      nodeNetwork: '192.168.56.0/24',
    },
    nodes: [
      { name: 'control-plane', role: 'control-plane', ip: '192.168.56.10', runtime: 'containerd' },
      { name: 'node-1', role: 'worker', ip: '192.168.56.11', runtime: 'containerd' },
      { name: 'node-2', role: 'worker', ip: '192.168.56.12', runtime: 'containerd' },
    ],
    manifests: DEFAULT_MANIFESTS,
  };
}
