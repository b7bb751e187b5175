/** The resourcequota controller: keeps each quota's status.hard / status.used current. */
import type { ResourceQuota } from '../api/types';
import { formatAmount } from '../api/quantity';
import { quotaUsed } from '../apiserver/admission';
import type { SimContext } from '../sim/context';
import { canonicalJson } from '../sim/hash';
import { CONTROLLER_MANAGER as ACTOR } from './util';

export function startResourceQuotaController(ctx: SimContext): void {
  const syncNs = (ns: string | undefined): void => {
    for (const q of ctx.api.peekAll('ResourceQuota') as ResourceQuota[]) if (q.metadata.namespace === ns) syncQuota(ctx, q.metadata.namespace!, q.metadata.name);
  };
  ctx.api.watch('ResourceQuota', ACTOR, (type, obj) => {
    if (type !== 'DELETED') syncQuota(ctx, obj.metadata.namespace!, obj.metadata.name);
  });
  for (const kind of ['Pod', 'Service', 'ConfigMap', 'Secret'] as const) ctx.api.watch(kind, ACTOR, (_t, obj) => syncNs(obj.metadata.namespace));
}

function syncQuota(ctx: SimContext, ns: string, name: string): void {
  const q = ctx.api.get<ResourceQuota>('ResourceQuota', ns, name);
  if (!q) return;
  const used = quotaUsed(q, { peek: (k) => ctx.api.peekAll(k) });
  const status = { hard: { ...(q.spec.hard ?? {}) }, used: Object.fromEntries(Object.entries(used).map(([k, v]) => [k, formatAmount(k, v)])) };
  if (canonicalJson(status) === canonicalJson(q.status ?? {})) return;
  q.status = status;
  ctx.api.update(q, ACTOR, 'status');
}
