/**
 * autoscaling/v2 HorizontalPodAutoscaler and policy/v1 PodDisruptionBudget: the fields the
 * simulation reads, named as in the real API so `-o yaml` carries to a real cluster.
 */
import type { FieldError } from './validation';
import type { IntOrString, LabelSelector, ObjectMeta } from './types';

export interface MetricTarget {
  type: 'Utilization' | 'AverageValue' | 'Value';
  averageUtilization?: number;
  averageValue?: string;
  value?: string;
}

export interface MetricSpec {
  type: 'Resource';
  resource: { name: 'cpu' | 'memory'; target: MetricTarget };
}

export interface HPACondition {
  type: 'AbleToScale' | 'ScalingActive' | 'ScalingLimited';
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface HorizontalPodAutoscaler {
  apiVersion: 'autoscaling/v2';
  kind: 'HorizontalPodAutoscaler';
  metadata: ObjectMeta;
  spec: {
    scaleTargetRef: { apiVersion?: string; kind: string; name: string };
    minReplicas?: number;
    maxReplicas: number;
    metrics?: MetricSpec[];
    behavior?: { scaleDown?: { stabilizationWindowSeconds?: number }; scaleUp?: { stabilizationWindowSeconds?: number } };
  };
  status?: {
    currentReplicas: number;
    desiredReplicas: number;
    lastScaleTime?: string;
    currentMetrics?: { type: 'Resource'; resource: { name: string; current: { averageUtilization?: number; averageValue?: string } } }[] | null;
    conditions?: HPACondition[];
  };
}

export interface PodDisruptionBudget {
  apiVersion: 'policy/v1';
  kind: 'PodDisruptionBudget';
  metadata: ObjectMeta;
  spec: { minAvailable?: IntOrString; maxUnavailable?: IntOrString; selector?: LabelSelector };
  status?: { currentHealthy: number; desiredHealthy: number; disruptionsAllowed: number; expectedPods: number; observedGeneration?: number };
}

const INT_OR_PERCENT = /^(\d+|\d+%)$/;

export function validateHpa(h: HorizontalPodAutoscaler): FieldError[] {
  const errs: FieldError[] = [];
  const s = h.spec;
  if (!s?.scaleTargetRef?.kind) errs.push({ field: 'spec.scaleTargetRef.kind', detail: 'Required value' });
  if (!s?.scaleTargetRef?.name) errs.push({ field: 'spec.scaleTargetRef.name', detail: 'Required value' });
  const min = s?.minReplicas ?? 1;
  if (!Number.isInteger(min) || min < 1) errs.push({ field: 'spec.minReplicas', detail: `Invalid value: ${min}: must be greater than or equal to 1` });
  if (!Number.isInteger(s?.maxReplicas) || s.maxReplicas < 1) errs.push({ field: 'spec.maxReplicas', detail: `Invalid value: ${s?.maxReplicas}: must be greater than 0` });
  else if (s.maxReplicas < min) errs.push({ field: 'spec.maxReplicas', detail: `Invalid value: ${s.maxReplicas}: must be greater than or equal to \`minReplicas\`` });
  (s?.metrics ?? []).forEach((m, i) => {
    const t = m.resource?.target;
    if (m.type !== 'Resource') errs.push({ field: `spec.metrics[${i}].type`, detail: `Unsupported value: "${m.type}": the playground's metrics-server serves Resource metrics` });
    else if (!t || (t.type === 'Utilization' && !(Number(t.averageUtilization) > 0))) errs.push({ field: `spec.metrics[${i}].resource.target.averageUtilization`, detail: 'Invalid value: must be greater than 0' });
  });
  return errs;
}

export function validatePdb(p: PodDisruptionBudget): FieldError[] {
  const errs: FieldError[] = [];
  const s = p.spec ?? {};
  if (s.minAvailable !== undefined && s.maxUnavailable !== undefined) errs.push({ field: 'spec', detail: 'Invalid value: minAvailable and maxUnavailable cannot be both set' });
  for (const f of ['minAvailable', 'maxUnavailable'] as const) {
    const v = s[f];
    if (v !== undefined && !(typeof v === 'number' ? Number.isInteger(v) && v >= 0 : INT_OR_PERCENT.test(v))) errs.push({ field: `spec.${f}`, detail: `Invalid value: "${v}": must be an integer or percentage (e.g '5%')` });
  }
  return errs;
}
