/**
 * The keys the editor completes, per kind and per path (a small, hand-written slice of the
 * Kubernetes OpenAPI schema: the fields the simulation reads).
 */
export const KINDS: Record<string, string> = {
  Pod: 'v1',
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Service: 'v1',
  ConfigMap: 'v1',
  Secret: 'v1',
  Namespace: 'v1',
  ResourceQuota: 'v1',
  LimitRange: 'v1',
  PriorityClass: 'scheduling.k8s.io/v1',
};

const META = ['name', 'namespace', 'labels', 'annotations'];
const CONTAINER = ['name', 'image', 'imagePullPolicy', 'command', 'args', 'ports', 'env', 'resources', 'readinessProbe', 'livenessProbe', 'volumeMounts'];
const POD_SPEC = ['containers', 'initContainers', 'nodeName', 'nodeSelector', 'tolerations', 'affinity', 'priorityClassName', 'restartPolicy', 'hostNetwork', 'dnsPolicy', 'volumes', 'serviceAccountName', 'terminationGracePeriodSeconds'];
const WORKLOAD_SPEC = ['replicas', 'selector', 'template', 'strategy', 'minReadySeconds'];

/** Path patterns (keys joined by '.', `*` for a list item) → the keys allowed there. */
const PATHS: Record<string, string[]> = {
  '': ['apiVersion', 'kind', 'metadata', 'spec', 'data', 'stringData', 'type', 'value', 'globalDefault', 'description', 'preemptionPolicy'],
  metadata: META,
  'spec.template.metadata': META,
  'spec.selector': ['matchLabels', 'matchExpressions'],
  'spec.template': ['metadata', 'spec'],
  'spec.containers.*': CONTAINER,
  'spec.initContainers.*': CONTAINER,
  'spec.template.spec.containers.*': CONTAINER,
  'spec.template.spec.initContainers.*': CONTAINER,
  'spec.template.spec': POD_SPEC,
  '*.ports.*': ['name', 'containerPort', 'protocol', 'hostPort'],
  '*.resources': ['requests', 'limits'],
  '*.resources.requests': ['cpu', 'memory'],
  '*.resources.limits': ['cpu', 'memory'],
  '*.env.*': ['name', 'value', 'valueFrom'],
  '*.tolerations.*': ['key', 'operator', 'value', 'effect', 'tolerationSeconds'],
  'spec.hard': ['pods', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'services', 'configmaps', 'secrets'],
  'spec.limits.*': ['type', 'default', 'defaultRequest', 'max', 'min'],
};

const SPEC_BY_KIND: Record<string, string[]> = {
  Pod: POD_SPEC,
  Deployment: WORKLOAD_SPEC,
  ReplicaSet: ['replicas', 'selector', 'template'],
  DaemonSet: ['selector', 'template', 'updateStrategy'],
  Service: ['type', 'selector', 'ports', 'clusterIP', 'externalTrafficPolicy', 'sessionAffinity'],
  ResourceQuota: ['hard', 'scopes'],
  LimitRange: ['limits'],
  Namespace: ['finalizers'],
};

const SERVICE_PORT = ['name', 'port', 'targetPort', 'nodePort', 'protocol'];

/** Value suggestions for some keys. */
export const VALUES: Record<string, string[]> = {
  apiVersion: [...new Set(Object.values(KINDS))],
  kind: Object.keys(KINDS),
  imagePullPolicy: ['Always', 'IfNotPresent', 'Never'],
  restartPolicy: ['Always', 'OnFailure', 'Never'],
  protocol: ['TCP', 'UDP', 'SCTP'],
  type: ['ClusterIP', 'NodePort', 'LoadBalancer', 'Opaque', 'Container', 'Pod'],
  effect: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
  operator: ['Equal', 'Exists'],
  image: ['nginx:1.27', 'busybox:1.36', 'registry.k8s.io/pause:3.10'],
};

/** The keys that fit at a path (e.g. ['spec', 'containers', '*']) in a manifest of a kind. */
export function keysAt(path: string[], kind: string | undefined): string[] {
  const p = path.join('.');
  if (p === 'spec' && kind && SPEC_BY_KIND[kind]) return SPEC_BY_KIND[kind];
  if (kind === 'Service' && p === 'spec.ports.*') return SERVICE_PORT;
  if (PATHS[p]) return PATHS[p];
  for (const [pattern, keys] of Object.entries(PATHS)) {
    if (!pattern.startsWith('*.')) continue;
    if (p.endsWith(pattern.slice(1))) return keys;
  }
  return [];
}
