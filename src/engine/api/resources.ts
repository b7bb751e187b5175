import type { Kind } from './types';

/** How each kind maps to its REST resource and etcd key, as the real apiserver does. */
export interface ResourceInfo {
  kind: Kind;
  apiVersion: string;
  /** Plural resource name in URLs and etcd keys. */
  plural: string;
  namespaced: boolean;
  shortNames: string[];
}

export const RESOURCES: readonly ResourceInfo[] = [
  { kind: 'Pod', apiVersion: 'v1', plural: 'pods', namespaced: true, shortNames: ['po', 'pod'] },
  { kind: 'Node', apiVersion: 'v1', plural: 'nodes', namespaced: false, shortNames: ['no', 'node'] },
  { kind: 'Namespace', apiVersion: 'v1', plural: 'namespaces', namespaced: false, shortNames: ['ns', 'namespace'] },
  { kind: 'Event', apiVersion: 'v1', plural: 'events', namespaced: true, shortNames: ['ev', 'event'] },
  { kind: 'Deployment', apiVersion: 'apps/v1', plural: 'deployments', namespaced: true, shortNames: ['deploy', 'deployment'] },
  { kind: 'ReplicaSet', apiVersion: 'apps/v1', plural: 'replicasets', namespaced: true, shortNames: ['rs', 'replicaset'] },
];

export function resourceForKind(kind: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.kind === kind);
}

/** Resolves what a learner types after `kubectl get` (pods, po, pod, deploy ...). */
export function resourceForName(name: string): ResourceInfo | undefined {
  const n = name.toLowerCase();
  return RESOURCES.find((r) => r.plural === n || r.shortNames.includes(n) || r.kind.toLowerCase() === n);
}

/** The REST path of one object: /api/v1/namespaces/default/pods/web. */
export function restPath(info: ResourceInfo, namespace: string | undefined, name?: string): string {
  const group = info.apiVersion === 'v1' ? '/api/v1' : `/apis/${info.apiVersion}`;
  const ns = info.namespaced && namespace ? `/namespaces/${namespace}` : '';
  return `${group}${ns}/${info.plural}${name ? `/${name}` : ''}`;
}

/** The etcd key, /registry/pods/default/web; Deployments live under /registry/deployments. */
export function etcdKey(info: ResourceInfo, namespace: string | undefined, name: string): string {
  const plural = info.plural === 'nodes' ? 'minions' : info.plural;
  return info.namespaced ? `/registry/${plural}/${namespace}/${name}` : `/registry/${plural}/${name}`;
}
