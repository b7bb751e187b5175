/**
 * Why a Service has no endpoints: its selector, the labels the namespace's pods carry, the
 * closest pod, and the one patch that makes the selector match it.
 */
import type { Deployment, Endpoints, Pod, Service } from '../api/types';
import type { Simulation } from '../sim/simulation';
import type { Cause } from './whyTrace';

const HASH = 'pod-template-hash';

export function readyEndpoints(sim: Simulation, svc: Service): number {
  const ep = sim.ctx.api.get<Endpoints>('Endpoints', svc.metadata.namespace, svc.metadata.name);
  return (ep?.subsets ?? []).reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
}

const labelText = (l: Record<string, string>): string => Object.entries(l).map(([k, v]) => `${k}=${v}`).join(',');

const commonPrefix = (a: string, b: string): number => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
};

/** How many of the selector's key=value pairs a pod's labels satisfy, and values shared under another key. */
function closeness(sel: Record<string, string>, labels: Record<string, string>): number {
  let n = 0;
  for (const [k, v] of Object.entries(sel)) {
    if (labels[k] === v) n += 2;
    else if (k in labels) n += 1 + commonPrefix(labels[k], v) / 100;
    else if (Object.values(labels).includes(v)) n += 1;
  }
  return n;
}

/** A JSON merge patch of the selector that makes it select `pod` (keys the pod lacks become null). */
function selectorPatch(sel: Record<string, string>, labels: Record<string, string>): Record<string, string | null> {
  const patch: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(sel)) {
    if (labels[k] === v) continue;
    if (k in labels) patch[k] = labels[k];
    else {
      patch[k] = null;
      const renamed = Object.entries(labels).find(([lk, lv]) => lv === v && lk !== HASH && !(lk in sel));
      if (renamed) patch[renamed[0]] = renamed[1];
    }
  }
  return patch;
}

/** A Deployment of the namespace whose pods the selector would match, scaled to zero. */
function scaledToZero(sim: Simulation, ns: string, sel: Record<string, string>): string | undefined {
  const deploys = sim.ctx.api.list<Deployment>('Deployment', ns);
  return deploys.find((d) => d.spec.replicas === 0 && Object.entries(sel).every(([k, v]) => d.spec.template.metadata?.labels?.[k] === v))?.metadata.name;
}

export function serviceCause(sim: Simulation, svc: Service): Cause | undefined {
  const sel = svc.spec.selector;
  if (!sel || Object.keys(sel).length === 0 || svc.spec.type === 'ExternalName' || readyEndpoints(sim, svc) > 0) return undefined;
  const ns = svc.metadata.namespace ?? 'default';
  const id = `${ns}/${svc.metadata.name}`;
  const pods = sim.ctx.api.list<Pod>('Pod', ns).filter((p) => !p.metadata.deletionTimestamp && !p.spec.hostNetwork);
  const cp = sim.nodes().find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined)?.metadata.name ?? 'control-plane';
  const evidence = { target: cp, command: `kubectl get endpoints ${svc.metadata.name} -n ${ns}`, line: `${svc.metadata.name}   <none>` };
  const base = { kind: 'no-endpoints' as const, evidence };
  const matching = pods.filter((p) => Object.entries(sel).every(([k, v]) => p.metadata.labels?.[k] === v));
  if (matching.length > 0) {
    return {
      ...base,
      cause: `Service ${id} selects ${labelText(sel)}: ${matching.map((p) => p.metadata.name).join(', ')} match, but none is Ready, so none is an endpoint.`,
      noFix: 'The selector is right; find out why the pods are not Ready (kubectl describe pod).',
    };
  }
  const scaled = scaledToZero(sim, ns, sel);
  if (scaled) {
    const replicas = scaled === 'coredns' ? 2 : 1;
    return {
      ...base,
      cause: `Service ${id} selects ${labelText(sel)}: those are the pods of Deployment ${ns}/${scaled}, which is scaled to 0 replicas, so there is no pod and no endpoint.`,
      fix: { summary: `scale ${scaled} back up`, actions: [{ type: 'exec', target: cp, command: `kubectl scale deployment ${scaled} -n ${ns} --replicas=${replicas}` }, { type: 'sleep', ms: 5_000 }] },
    };
  }
  const labelled = pods.map((p) => ({ p, labels: Object.fromEntries(Object.entries(p.metadata.labels ?? {}).filter(([k]) => k !== HASH)) }));
  const details = [`selector: ${labelText(sel)}`, ...labelled.map(({ p, labels }) => `${p.metadata.name}: ${labelText(labels) || '(no labels)'}`)];
  const best = labelled.map((x) => ({ ...x, score: closeness(sel, x.labels) })).sort((a, b) => b.score - a.score)[0];
  if (!best || best.score === 0) {
    return { ...base, cause: `Service ${id} selects ${labelText(sel)}, and no pod in ${ns} carries labels anything like it.`, details, noFix: `Create the pods the Service is meant for, or point its selector at pods that exist (kubectl get pods -n ${ns} --show-labels).` };
  }
  const patch = JSON.stringify({ spec: { selector: selectorPatch(sel, best.labels) } });
  return {
    ...base,
    cause: `Service ${id} selects ${labelText(sel)}, but no pod in ${ns} has those labels: the closest is ${best.p.metadata.name} (${labelText(best.labels)}).`,
    details,
    fix: {
      summary: `make the selector match ${best.p.metadata.name}'s labels`,
      actions: [{ type: 'exec', target: cp, command: `kubectl patch service ${svc.metadata.name} -n ${ns} --type merge -p '${patch}'` }],
      alternatives: [`kubectl label pod ${best.p.metadata.name} -n ${ns} ${Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(' ')} --overwrite`],
    },
  };
}
