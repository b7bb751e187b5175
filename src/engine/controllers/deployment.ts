/**
 * The Deployment controller: for each Deployment, one ReplicaSet per pod template, named
 * <deployment>-<pod-template-hash>, owned by the Deployment, scaled to spec.replicas.
 */
import type { Deployment, ReplicaSet } from '../api/types';
import type { SimContext } from '../sim/context';
import { podTemplateHash } from './podTemplateHash';

const ACTOR = 'kube-controller-manager';

export function startDeploymentController(ctx: SimContext): void {
  ctx.api.watch('Deployment', ACTOR, (type, obj) => {
    if (type === 'DELETED') return;
    syncDeployment(ctx, obj as Deployment);
  });
  ctx.api.watch('ReplicaSet', ACTOR, (_type, obj) => {
    const owner = obj.metadata.ownerReferences?.find((o) => o.kind === 'Deployment');
    const d = owner && ctx.api.get<Deployment>('Deployment', obj.metadata.namespace, owner.name);
    if (d) updateStatus(ctx, d);
  });
}

function syncDeployment(ctx: SimContext, d: Deployment): void {
  const hash = podTemplateHash(d.spec.template);
  const name = `${d.metadata.name}-${hash}`;
  const replicas = d.spec.replicas ?? 1;
  const existing = ctx.api.get<ReplicaSet>('ReplicaSet', d.metadata.namespace, name);
  if (existing) {
    if (existing.spec.replicas !== replicas) {
      existing.spec.replicas = replicas;
      ctx.api.update(existing, ACTOR);
    }
    return;
  }
  const labels = { ...(d.spec.template.metadata?.labels ?? {}), 'pod-template-hash': hash };
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: d.metadata.namespace,
      labels,
      annotations: { 'deployment.kubernetes.io/desired-replicas': String(replicas), 'deployment.kubernetes.io/max-replicas': String(replicas + 1), 'deployment.kubernetes.io/revision': '1' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      replicas,
      selector: { matchLabels: { ...d.spec.selector.matchLabels, 'pod-template-hash': hash } },
      template: { metadata: { ...(d.spec.template.metadata ?? {}), labels }, spec: d.spec.template.spec },
    },
  };
  ctx.api.create(rs, ACTOR);
}

function updateStatus(ctx: SimContext, d: Deployment): void {
  const rss = ctx.api.list<ReplicaSet>('ReplicaSet', d.metadata.namespace).filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === d.metadata.uid));
  const sum = (f: (rs: ReplicaSet) => number | undefined): number => rss.reduce((s, rs) => s + (f(rs) ?? 0), 0);
  const status = { observedGeneration: 1, replicas: sum((r) => r.status?.replicas), updatedReplicas: sum((r) => r.status?.replicas), readyReplicas: sum((r) => r.status?.readyReplicas), availableReplicas: sum((r) => r.status?.availableReplicas) };
  if (JSON.stringify(status) === JSON.stringify(d.status ?? {})) return;
  d.status = status;
  ctx.api.update(d, ACTOR, 'status');
}
