/**
 * The horizontal pod autoscaler controller (pkg/controller/podautoscaler). Every 15 s
 * (--horizontal-pod-autoscaler-sync-period) it reads the Metrics API and sets the target's
 * replicas to ceil(currentReplicas × currentUtilization / targetUtilization), doing nothing
 * within the 10 % tolerance. Only ready pods with metrics count; missing ones are assumed idle
 * when scaling up and at target when scaling down. Scale-down takes the highest recommendation
 * of the last 300 s (stabilization window); scale-up is limited to max(2×, +4) per period.
 */
import type { Deployment, Pod, ReplicaSet } from '../api/types';
import type { HPACondition, HorizontalPodAutoscaler } from '../api/scaling';
import { milliCpu } from '../api/quantity';
import { selectorMatches } from '../api/validation';
import { METRICS_API_UNAVAILABLE, metricsApiAvailable, podMetrics, podCpu } from '../metrics/metricsServer';
import { recordEvent, type SimContext } from '../sim/context';
import { isoAt } from '../sim/time';
import { CONTROLLER_MANAGER as ACTOR, isPodActive, isPodReady } from './util';

export const SYNC_PERIOD_MS = 15_000;
export const TOLERANCE = 0.1;
const DOWNSCALE_WINDOW_S = 300;
const COMPONENT = 'horizontal-pod-autoscaler';

export interface HpaSample {
  t: number;
  replicas: number;
  desired: number;
  /** Average CPU utilization in % of request; null before metrics exist. */
  cpu: number | null;
  target: number;
}

interface State {
  history: Map<string, HpaSample[]>;
  recommendations: Map<string, { t: number; n: number }[]>;
}
const states = new WeakMap<SimContext, State>();
function state(ctx: SimContext): State {
  let s = states.get(ctx);
  if (!s) states.set(ctx, (s = { history: new Map(), recommendations: new Map() }));
  return s;
}

/** Replicas and CPU utilization over simulated time, per HPA (namespace/name), for the chart. */
export function hpaHistory(ctx: SimContext): Record<string, HpaSample[]> {
  return Object.fromEntries([...state(ctx).history].map(([k, v]) => [k, v.slice()]));
}

export function cpuTarget(h: HorizontalPodAutoscaler): number | undefined {
  return h.spec.metrics?.find((m) => m.type === 'Resource' && m.resource.name === 'cpu')?.resource.target.averageUtilization;
}

export function startHpaController(ctx: SimContext): void {
  const loop = (): void => {
    for (const h of ctx.api.list<HorizontalPodAutoscaler>('HorizontalPodAutoscaler')) syncHpa(ctx, h);
    ctx.clock.schedule(SYNC_PERIOD_MS, ACTOR, loop, true);
  };
  ctx.clock.schedule(SYNC_PERIOD_MS, ACTOR, loop, true);
}

type Target = Deployment | ReplicaSet;

interface Computed {
  desired: number;
  utilization?: number;
  /** Average usage per ready pod, millicores. */
  average?: number;
  error?: string;
}

/** replica_calculator.go GetResourceReplicas for a cpu Utilization target. */
export function computeReplicas(ctx: SimContext, pods: Pod[], current: number, target: number): Computed {
  if (!metricsApiAvailable(ctx)) return { desired: current, error: `failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: ${METRICS_API_UNAVAILABLE}` };
  let requestSum = 0;
  let usageSum = 0;
  let ready = 0;
  const missing: Pod[] = [];
  let unready = 0;
  for (const p of pods) {
    const m = podMetrics(ctx, p.metadata.namespace!, p.metadata.name);
    if (!m) {
      missing.push(p);
      continue;
    }
    if (!isPodReady(p)) {
      unready++;
      continue;
    }
    for (const c of p.spec.containers) {
      if (!c.resources?.requests?.cpu) return { desired: current, error: `failed to get cpu utilization: missing request for cpu in container ${c.name} of Pod ${p.metadata.name}` };
      requestSum += milliCpu(c.resources.requests.cpu);
    }
    usageSum += podCpu(m);
    ready++;
  }
  if (ready === 0) return { desired: current, error: 'failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API' };
  const utilization = Math.round((usageSum * 100) / requestSum);
  const average = Math.round(usageSum / ready);
  const ratio = (usageSum * 100) / requestSum / target;
  const perPodRequest = requestSum / ready;
  if (missing.length === 0 && unready === 0) {
    if (Math.abs(1 - ratio) <= TOLERANCE) return { desired: current, utilization, average };
    return { desired: Math.ceil(ratio * ready), utilization, average };
  }
  // Fill in the pods without a usable sample: idle when scaling up, at target when scaling down.
  let usage = usageSum;
  let request = requestSum;
  if (ratio < 1) usage += missing.length * perPodRequest * (target / 100);
  request += missing.length * perPodRequest;
  if (ratio > 1) request += unready * perPodRequest;
  const n = ready + missing.length + (ratio > 1 ? unready : 0);
  const newRatio = (usage * 100) / request / target;
  if (Math.abs(1 - newRatio) <= TOLERANCE || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1)) return { desired: current, utilization, average };
  const desired = Math.ceil(newRatio * n);
  if ((newRatio < 1 && desired > current) || (newRatio > 1 && desired < current)) return { desired: current, utilization, average };
  return { desired, utilization, average };
}

function cond(type: HPACondition['type'], ok: boolean, reason: string, message: string, now: string, old?: HPACondition[]): HPACondition {
  const status = ok ? 'True' : 'False';
  const prev = old?.find((c) => c.type === type);
  return { type, status, reason, message, lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now };
}

function syncHpa(ctx: SimContext, h: HorizontalPodAutoscaler): void {
  const ns = h.metadata.namespace!;
  const key = `${ns}/${h.metadata.name}`;
  const now = isoAt(ctx.clock.now);
  const ref = h.spec.scaleTargetRef;
  const target = cpuTarget(h) ?? 80;
  const min = h.spec.minReplicas ?? 1;
  const old = h.status?.conditions;
  const obj = ref.kind === 'Deployment' || ref.kind === 'ReplicaSet' ? ctx.api.get<Target>(ref.kind, ns, ref.name) : undefined;
  const status: NonNullable<HorizontalPodAutoscaler['status']> = { currentReplicas: h.status?.currentReplicas ?? 0, desiredReplicas: h.status?.desiredReplicas ?? 0, currentMetrics: null };
  if (h.status?.lastScaleTime) status.lastScaleTime = h.status.lastScaleTime;
  if (!obj) {
    const msg = `the HPA controller was unable to get the target's current scale: ${ref.kind.toLowerCase()}s.apps "${ref.name}" not found`;
    status.conditions = [cond('AbleToScale', false, 'FailedGetScale', msg, now, old)];
    write(ctx, h, status);
    if (old?.find((c) => c.type === 'AbleToScale')?.reason !== 'FailedGetScale') recordEvent(ctx, h, 'Warning', 'FailedGetScale', `${ref.kind.toLowerCase()}s.apps "${ref.name}" not found`, COMPONENT);
    return;
  }
  const current = obj.spec.replicas ?? 1;
  status.currentReplicas = current;
  const able = cond('AbleToScale', true, 'ReadyForNewScale', 'recommended size matches current size', now, old);
  if (current === 0) {
    status.desiredReplicas = 0;
    status.conditions = [able, cond('ScalingActive', false, 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero', now, old)];
    write(ctx, h, status);
    return;
  }
  // The first reconcile seeds the window with the current size (reconcileAutoscaler), so a new
  // HPA over an idle Deployment waits out the window before scaling it down.
  if (!state(ctx).recommendations.has(key)) state(ctx).recommendations.set(key, [{ t: ctx.clock.now, n: current }]);
  const pods = (ctx.api.peekAll('Pod') as Pod[]).filter((p) => p.metadata.namespace === ns && isPodActive(p) && p.status?.phase !== 'Pending' && selectorMatches(obj.spec.selector, p.metadata.labels));
  const c = computeReplicas(ctx, pods, current, target);
  const hist = state(ctx).history.get(key) ?? [];
  if (c.error) {
    status.desiredReplicas = current;
    status.conditions = [able, cond('ScalingActive', false, 'FailedGetResourceMetric', `the HPA was unable to compute the replica count: ${c.error}`, now, old)];
    write(ctx, h, status);
    // The event recorder folds repeats into one event's count; a new message is a new event.
    if (!old?.some((x) => x.type === 'ScalingActive' && x.message?.endsWith(c.error!))) {
      recordEvent(ctx, h, 'Warning', 'FailedGetResourceMetric', c.error, COMPONENT);
      recordEvent(ctx, h, 'Warning', 'FailedComputeMetricsReplicas', `invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${c.error}`, COMPONENT);
    }
    record(ctx, key, hist, { t: ctx.clock.now, replicas: current, desired: current, cpu: null, target });
    return;
  }
  // Stabilization: scale down only to the highest recommendation of the window.
  const window = (h.spec.behavior?.scaleDown?.stabilizationWindowSeconds ?? DOWNSCALE_WINDOW_S) * 1000;
  const recs = (state(ctx).recommendations.get(key) ?? []).filter((r) => r.t > ctx.clock.now - window);
  recs.push({ t: ctx.clock.now, n: c.desired });
  state(ctx).recommendations.set(key, recs);
  let desired = c.desired;
  if (desired < current) desired = Math.min(current, Math.max(...recs.map((r) => r.n)));
  const upLimit = Math.max(2 * current, current + 4);
  let limited = cond('ScalingLimited', false, 'DesiredWithinRange', 'the desired count is within the acceptable range', now, old);
  if (desired > h.spec.maxReplicas) {
    desired = h.spec.maxReplicas;
    limited = cond('ScalingLimited', true, 'TooManyReplicas', 'the desired replica count is more than the maximum replica count', now, old);
  } else if (desired < min) {
    desired = min;
    limited = cond('ScalingLimited', true, 'TooFewReplicas', 'the desired replica count is less than the minimum replica count', now, old);
  } else if (desired > upLimit) {
    desired = upLimit;
    limited = cond('ScalingLimited', true, 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate', now, old);
  }
  status.desiredReplicas = desired;
  status.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: c.utilization, averageValue: `${c.average ?? 0}m` } } }];
  const active = cond('ScalingActive', true, 'ValidMetricFound', 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)', now, old);
  let ableNow = able;
  if (desired !== current) {
    const fresh = ctx.api.get<Target>(ref.kind as Target['kind'], ns, ref.name)!;
    fresh.spec.replicas = desired;
    ctx.api.update(fresh, ACTOR);
    status.lastScaleTime = now;
    status.currentReplicas = current;
    ableNow = cond('AbleToScale', true, 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`, now, old);
    const reason = desired > current ? 'cpu resource utilization (percentage of request) above target' : 'All metrics below target';
    recordEvent(ctx, h, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`, COMPONENT);
  }
  status.conditions = [ableNow, active, limited];
  write(ctx, h, status);
  record(ctx, key, hist, { t: ctx.clock.now, replicas: current, desired, cpu: c.utilization ?? null, target });
}

function record(ctx: SimContext, key: string, hist: HpaSample[], s: HpaSample): void {
  hist.push(s);
  if (hist.length > 2000) hist.shift();
  state(ctx).history.set(key, hist);
}

function write(ctx: SimContext, h: HorizontalPodAutoscaler, status: NonNullable<HorizontalPodAutoscaler['status']>): void {
  const fresh = ctx.api.get<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', h.metadata.namespace, h.metadata.name);
  if (!fresh || JSON.stringify(fresh.status) === JSON.stringify(status)) return;
  fresh.status = status;
  ctx.api.update(fresh, ACTOR, 'status');
}

/** One HPA's chart data: its bounds and target with the samples of every sync. */
export interface HpaSeries {
  id: string;
  reference: string;
  min: number;
  max: number;
  target: number;
  samples: HpaSample[];
}

export function hpaSeries(ctx: SimContext): HpaSeries[] {
  const hist = state(ctx).history;
  return ctx.api.list<HorizontalPodAutoscaler>('HorizontalPodAutoscaler').map((h) => {
    const id = `${h.metadata.namespace}/${h.metadata.name}`;
    return { id, reference: `${h.spec.scaleTargetRef.kind}/${h.spec.scaleTargetRef.name}`, min: h.spec.minReplicas ?? 1, max: h.spec.maxReplicas, target: cpuTarget(h) ?? 80, samples: (hist.get(id) ?? []).slice() };
  });
}
