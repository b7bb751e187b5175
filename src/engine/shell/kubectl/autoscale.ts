/** kubectl autoscale, and the get / describe views of HorizontalPodAutoscalers and PodDisruptionBudgets. */
import type { Deployment, KubeObject, ReplicaSet } from '../../api/types';
import type { HorizontalPodAutoscaler, PodDisruptionBudget } from '../../api/scaling';
import { resourceForName } from '../../api/resources';
import { ApiError } from '../../apiserver/errors';
import { cpuTarget } from '../../controllers/hpa';
import { fail, ok, type CommandResult } from '../types';
import { age, type Kctx } from './context';

export const AUTOSCALE_FLAGS = { value: ['min', 'max', 'cpu-percent', 'cpu', 'name', 'output', 'dry-run'], bool: [], short: { o: 'output' } };

export function autoscale(k: Kctx): CommandResult {
  const args = k.p.positional.flatMap((a) => a.split('/'));
  const [type, name] = args;
  const info = type ? resourceForName(type) : undefined;
  if (!type || !name) return fail("error: You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nSee 'kubectl autoscale -h' for help and examples");
  if (!info || (info.kind !== 'Deployment' && info.kind !== 'ReplicaSet')) return fail(`error: cannot autoscale a ${info?.kind ?? type}: the playground autoscales deployments and replicasets`);
  const max = Number(k.p.flags.get('max') ?? -1);
  if (!Number.isInteger(max) || max < 1) return fail(`error: --max=MAXPODS is required and must be at least 1, max: ${k.p.flags.get('max') ?? -1}`);
  const min = k.p.flags.has('min') ? Number(k.p.flags.get('min')) : undefined;
  if (min !== undefined && (!Number.isInteger(min) || min > max)) return fail(`error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  const cpuFlag = k.p.flags.get('cpu') ?? k.p.flags.get('cpu-percent');
  const cpu = cpuFlag === undefined ? 80 : Number(cpuFlag.replace(/%$/, ''));
  if (!Number.isInteger(cpu) || cpu < 1) return fail(`error: invalid argument "${cpuFlag}" for "--cpu-percent" flag`);
  const target = k.env.ctx.api.get<Deployment | ReplicaSet>(info.kind, k.namespace, name);
  if (!target) return fail(new ApiError(404, 'NotFound', `${info.plural}.apps "${name}" not found`).kubectlLine());
  const hpa: HorizontalPodAutoscaler = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: k.p.flags.get('name') ?? name, namespace: k.namespace },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: info.kind, name },
      ...(min !== undefined ? { minReplicas: min } : { minReplicas: 1 }),
      maxReplicas: max,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }],
    },
  };
  if (k.p.flags.has('dry-run')) return ok(`horizontalpodautoscaler.autoscaling/${hpa.metadata.name} autoscaled (dry run)`);
  try {
    k.env.ctx.api.create(hpa, 'kubectl');
  } catch (e) {
    if (e instanceof ApiError) return fail(e.kubectlLine());
    throw e;
  }
  return ok(`horizontalpodautoscaler.autoscaling/${hpa.metadata.name} autoscaled`);
}

/** TARGETS as kubectl 1.30+ prints it: `cpu: 72%/50%`, `cpu: <unknown>/50%` before metrics exist. */
export function hpaTargets(h: HorizontalPodAutoscaler): string {
  const want = cpuTarget(h);
  if (want === undefined) return '<none>';
  const cur = h.status?.currentMetrics?.find((m) => m.resource.name === 'cpu')?.resource.current.averageUtilization;
  return `cpu: ${cur === undefined ? '<unknown>' : `${cur}%`}/${want}%`;
}

const intOrNA = (v: number | string | undefined): string => (v === undefined ? 'N/A' : String(v));

export function scalingTable(k: Kctx, kind: 'HorizontalPodAutoscaler' | 'PodDisruptionBudget', items: KubeObject[]): { header: string[]; rows: string[][] } {
  if (kind === 'HorizontalPodAutoscaler') {
    return {
      header: ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
      rows: (items as HorizontalPodAutoscaler[]).map((h) => [h.metadata.name, `${h.spec.scaleTargetRef.kind}/${h.spec.scaleTargetRef.name}`, hpaTargets(h), String(h.spec.minReplicas ?? 1), String(h.spec.maxReplicas), String(h.status?.currentReplicas ?? 0), age(k, h)]),
    };
  }
  return {
    header: ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'],
    rows: (items as PodDisruptionBudget[]).map((p) => [p.metadata.name, intOrNA(p.spec.minAvailable), intOrNA(p.spec.maxUnavailable), String(p.status?.disruptionsAllowed ?? 0), age(k, p)]),
  };
}
