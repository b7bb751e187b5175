/** kubectl describe hpa / pdb, laid out as kubectl's HorizontalPodAutoscaler and PodDisruptionBudget describers. */
import type { HorizontalPodAutoscaler, PodDisruptionBudget } from '../../api/scaling';
import { cpuTarget } from '../../controllers/hpa';
import type { Kctx } from './context';
import { events, rfc1123, W } from './describeWriter';
import { selectorText } from './selector';

const kv = (m: Record<string, string> | undefined, sep: string): string[] => Object.entries(m ?? {}).sort().map(([a, b]) => `${a}${sep}${b}`);

export function describeHpa(k: Kctx, h: HorizontalPodAutoscaler): string {
  const w = new W();
  w.line(0, 'Name:', h.metadata.name);
  w.line(0, 'Namespace:', h.metadata.namespace ?? 'default');
  w.multi(0, 'Labels', kv(h.metadata.labels, '='));
  w.multi(0, 'Annotations', kv(h.metadata.annotations, ': '));
  w.line(0, 'CreationTimestamp:', rfc1123(h.metadata.creationTimestamp));
  w.line(0, 'Reference:', `${h.spec.scaleTargetRef.kind}/${h.spec.scaleTargetRef.name}`);
  w.line(0, 'Metrics:', '( current / target )');
  const want = cpuTarget(h);
  if (want !== undefined) {
    const cur = h.status?.currentMetrics?.find((m) => m.resource.name === 'cpu')?.resource.current;
    const now = cur?.averageUtilization === undefined ? '<unknown>' : `${cur.averageUtilization}% (${cur.averageValue ?? '0'})`;
    w.line(1, 'resource cpu on pods  (as a percentage of request):', `${now} / ${want}%`);
  }
  w.line(0, 'Min replicas:', String(h.spec.minReplicas ?? 1));
  w.line(0, 'Max replicas:', String(h.spec.maxReplicas));
  // autoscaling/v2 defaults spec.behavior, so kubectl always prints it.
  {
    const down = h.spec.behavior?.scaleDown?.stabilizationWindowSeconds ?? 300;
    w.line(0, 'Behavior:');
    w.line(1, 'Scale Up:');
    w.line(2, 'Stabilization Window: 0 seconds');
    w.line(2, 'Select Policy: Max');
    w.line(2, 'Policies:');
    w.line(3, '- Type: Pods     Value: 4    Period: 15 seconds');
    w.line(3, '- Type: Percent  Value: 100  Period: 15 seconds');
    w.line(1, 'Scale Down:');
    w.line(2, `Stabilization Window: ${down} seconds`);
    w.line(2, 'Select Policy: Max');
    w.line(2, 'Policies:');
    w.line(3, '- Type: Percent  Value: 100  Period: 15 seconds');
  }
  w.line(0, `${h.spec.scaleTargetRef.kind} pods:`, `${h.status?.currentReplicas ?? 0} current / ${h.status?.desiredReplicas ?? 0} desired`);
  const conds = h.status?.conditions ?? [];
  if (conds.length > 0) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type', 'Status', 'Reason', 'Message');
    w.line(1, '----', '------', '------', '-------');
    for (const c of conds) w.line(1, c.type, c.status, c.reason ?? '', c.message ?? '');
  }
  events(k, h, w);
  return w.text();
}

export function describePdb(k: Kctx, p: PodDisruptionBudget): string {
  const w = new W();
  w.line(0, 'Name:', p.metadata.name);
  w.line(0, 'Namespace:', p.metadata.namespace ?? 'default');
  if (p.spec.minAvailable !== undefined) w.line(0, 'Min available:', String(p.spec.minAvailable));
  if (p.spec.maxUnavailable !== undefined) w.line(0, 'Max unavailable:', String(p.spec.maxUnavailable));
  w.line(0, 'Selector:', selectorText(p.spec.selector));
  w.line(0, 'Status:');
  w.line(1, `Allowed disruptions:  ${p.status?.disruptionsAllowed ?? 0}`);
  w.line(1, `Current:              ${p.status?.currentHealthy ?? 0}`);
  w.line(1, `Desired:              ${p.status?.desiredHealthy ?? 0}`);
  w.line(1, `Total:                ${p.status?.expectedPods ?? 0}`);
  events(k, p, w);
  return w.text();
}
