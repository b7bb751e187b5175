import type { Kind } from './types';

/** How each kind maps to its REST resource and etcd key, as the real apiserver does. */
export interface ResourceInfo {
  kind: Kind;
  apiVersion: string;
  /** Plural resource name in URLs and etcd keys. */
  plural: string;
  namespaced: boolean;
  shortNames: string[];
  /** The etcd prefix (without a trailing slash): /registry/services/specs for Services. */
  etcdPrefix: string;
}

const r = (kind: Kind, apiVersion: string, plural: string, namespaced: boolean, shortNames: string[], etcdPrefix = `/registry/${plural}`): ResourceInfo => ({
  kind,
  apiVersion,
  plural,
  namespaced,
  shortNames,
  etcdPrefix,
});

export const RESOURCES: readonly ResourceInfo[] = [
  r('Pod', 'v1', 'pods', true, ['po', 'pod']),
  r('Node', 'v1', 'nodes', false, ['no', 'node'], '/registry/minions'),
  r('Namespace', 'v1', 'namespaces', false, ['ns', 'namespace']),
  r('Event', 'v1', 'events', true, ['ev', 'event']),
  r('Service', 'v1', 'services', true, ['svc', 'service'], '/registry/services/specs'),
  r('Endpoints', 'v1', 'endpoints', true, ['ep'], '/registry/services/endpoints'),
  r('ConfigMap', 'v1', 'configmaps', true, ['cm', 'configmap']),
  r('PersistentVolume', 'v1', 'persistentvolumes', false, ['pv', 'persistentvolume']),
  r('PersistentVolumeClaim', 'v1', 'persistentvolumeclaims', true, ['pvc', 'persistentvolumeclaim']),
  r('StorageClass', 'storage.k8s.io/v1', 'storageclasses', false, ['sc', 'storageclass']),
  r('Secret', 'v1', 'secrets', true, ['secret']),
  r('ResourceQuota', 'v1', 'resourcequotas', true, ['quota', 'resourcequota']),
  r('LimitRange', 'v1', 'limitranges', true, ['limits', 'limitrange']),
  r('Deployment', 'apps/v1', 'deployments', true, ['deploy', 'deployment']),
  r('ReplicaSet', 'apps/v1', 'replicasets', true, ['rs', 'replicaset']),
  r('DaemonSet', 'apps/v1', 'daemonsets', true, ['ds', 'daemonset']),
  r('EndpointSlice', 'discovery.k8s.io/v1', 'endpointslices', true, ['endpointslice']),
  r('PriorityClass', 'scheduling.k8s.io/v1', 'priorityclasses', false, ['pc', 'priorityclass']),
  r('Lease', 'coordination.k8s.io/v1', 'leases', true, ['lease']),
  r('ServiceAccount', 'v1', 'serviceaccounts', true, ['sa', 'serviceaccount']),
  r('ClusterRole', 'rbac.authorization.k8s.io/v1', 'clusterroles', false, ['clusterrole']),
  r('ClusterRoleBinding', 'rbac.authorization.k8s.io/v1', 'clusterrolebindings', false, ['clusterrolebinding']),
  r('HorizontalPodAutoscaler', 'autoscaling/v2', 'horizontalpodautoscalers', true, ['hpa', 'horizontalpodautoscaler']),
  r('PodDisruptionBudget', 'policy/v1', 'poddisruptionbudgets', true, ['pdb', 'poddisruptionbudget']),
  r('NetworkPolicy', 'networking.k8s.io/v1', 'networkpolicies', true, ['netpol', 'networkpolicy']),
  r('Ingress', 'networking.k8s.io/v1', 'ingresses', true, ['ing', 'ingress']),
  r('IngressClass', 'networking.k8s.io/v1', 'ingressclasses', false, ['ingressclass']),
];

export function resourceForKind(kind: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.kind === kind);
}

/** Resolves what a learner types after `kubectl get` (pods, po, pod, deploy, deployments.apps ...). */
export function resourceForName(name: string): ResourceInfo | undefined {
  const [n, group] = name.toLowerCase().split(/\.(.*)/s);
  return RESOURCES.find((r) => (r.plural === n || r.shortNames.includes(n) || r.kind.toLowerCase() === n) && (!group || r.apiVersion.startsWith(`${group}/`)));
}

/** The group-qualified name kubectl prints: pod, deployment.apps, endpointslice.discovery.k8s.io. */
export function kindRef(info: ResourceInfo): string {
  return info.apiVersion.includes('/') ? `${info.kind.toLowerCase()}.${info.apiVersion.split('/')[0]}` : info.kind.toLowerCase();
}

/** The group-qualified plural kubectl prints in messages: pods, deployments.apps. */
export function pluralRef(info: ResourceInfo): string {
  return info.apiVersion.includes('/') ? `${info.plural}.${info.apiVersion.split('/')[0]}` : info.plural;
}

/** The REST path of one object: /api/v1/namespaces/default/pods/web. */
export function restPath(info: ResourceInfo, namespace: string | undefined, name?: string): string {
  const group = info.apiVersion === 'v1' ? '/api/v1' : `/apis/${info.apiVersion}`;
  const ns = info.namespaced && namespace ? `/namespaces/${namespace}` : '';
  return `${group}${ns}/${info.plural}${name ? `/${name}` : ''}`;
}

/** The etcd key, /registry/pods/default/web; Nodes live under /registry/minions, Services under /registry/services/specs. */
export function etcdKey(info: ResourceInfo, namespace: string | undefined, name: string): string {
  return info.namespaced ? `${info.etcdPrefix}/${namespace}/${name}` : `${info.etcdPrefix}/${name}`;
}
