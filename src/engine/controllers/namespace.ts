/**
 * The namespace controller: a namespace being deleted (phase Terminating) is emptied — every
 * object in it deleted, pods gracefully — and removed once nothing is left. Alongside, the
 * root-ca-cert-publisher puts the cluster CA into every namespace as kube-root-ca.crt.
 */
import type { ConfigMap, Kind, Namespace } from '../api/types';
import { RESOURCES } from '../api/resources';
import type { SimContext } from '../sim/context';
import { CONTROLLER_MANAGER as ACTOR } from './util';
import { controlPlaneHost } from '../apiserver/bootstrap';

const RETRY_MS = 5_000;

export function startNamespaceController(ctx: SimContext): void {
  const pending = new Set<string>();
  const sync = (name: string): void => {
    const ns = ctx.api.get<Namespace>('Namespace', undefined, name);
    if (!ns) return;
    if (ns.status?.phase !== 'Terminating') {
      publishRootCA(ctx, name);
      return;
    }
    if (emptyNamespace(ctx, name)) {
      ctx.api.finalizeNamespace(name, ACTOR);
      return;
    }
    if (pending.has(name)) return;
    pending.add(name);
    ctx.clock.schedule(
      RETRY_MS,
      ACTOR,
      () => {
        pending.delete(name);
        sync(name);
      },
      true,
    );
  };
  // List, then watch: namespaces created before the controller started get their CA too.
  for (const ns of ctx.api.peekAll('Namespace')) {
    const name = ns.metadata.name;
    ctx.clock.schedule(0, ACTOR, () => sync(name));
  }
  ctx.api.watch('Namespace', ACTOR, (type, obj) => {
    if (type !== 'DELETED') sync(obj.metadata.name);
  });
  ctx.api.watch('Pod', ACTOR, (type, obj) => {
    if (type !== 'DELETED') return;
    const ns = ctx.api.get<Namespace>('Namespace', undefined, obj.metadata.namespace!);
    if (ns?.status?.phase === 'Terminating') sync(ns.metadata.name);
  });
}

function publishRootCA(ctx: SimContext, ns: string): void {
  if (ctx.api.get('ConfigMap', ns, 'kube-root-ca.crt')) return;
  const ca = ctx.hosts.get(controlPlaneHost(ctx).name)?.files['/etc/kubernetes/pki/ca.crt'];
  if (!ca) return;
  ctx.api.create<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: ns, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } }, data: { 'ca.crt': ca } }, 'kube-controller-manager');
}

/** Deletes what is left in the namespace; true once it is empty. */
function emptyNamespace(ctx: SimContext, ns: string): boolean {
  let left = 0;
  const order: Kind[] = ['Deployment', 'DaemonSet', 'ReplicaSet', 'Pod', 'Service', 'Endpoints', 'EndpointSlice', 'ConfigMap', 'Secret', 'ResourceQuota', 'LimitRange', 'Lease', 'Event'];
  const kinds = [...order, ...RESOURCES.filter((r) => r.namespaced && !order.includes(r.kind)).map((r) => r.kind)];
  for (const kind of kinds) {
    for (const o of ctx.api.list(kind, ns)) {
      left++;
      if (!o.metadata.deletionTimestamp) ctx.api.delete(kind, ns, o.metadata.name, ACTOR);
    }
  }
  if (left === 0) return true;
  return kinds.every((k) => ctx.api.list(k, ns).length === 0);
}
