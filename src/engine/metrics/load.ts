/**
 * The load model. A load generator is what the Kubernetes HPA walkthrough runs: a pod whose
 * shell loops over wget/curl against a Service,
 *   kubectl run load-generator --image=busybox:1.28 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"
 * Each Running generator sends 1 / (sleep + RTT) requests per second; a Service spreads them
 * over its ready endpoints, and each request costs its pod some CPU time.
 */
import type { Endpoints, Pod, Service } from '../api/types';
import type { SimContext } from '../sim/context';

/** One request's round trip (wget's connect, GET, read) when the loop does not sleep. */
const RTT_S = 0.01;
/** CPU time one request costs, by image: hpa-example burns ~10 ms of sqrt per request. */
export function cpuPerRequestMs(image: string): number {
  if (/hpa-example|php-apache/.test(image)) return 12;
  if (/stress|busybox/.test(image)) return 0.5;
  return 1;
}

export interface Generator {
  pod: string;
  url: string;
  rps: number;
}

/** The loop a generator pod runs, if its command is one. */
export function parseLoop(script: string): { url: string; rps: number } | undefined {
  if (!/\bwhile\b/.test(script) || !/\b(wget|curl)\b/.test(script)) return undefined;
  const url = /(https?:\/\/[^\s;"'|&]+)/.exec(script)?.[1];
  if (!url) return undefined;
  const sleep = /\bwhile\s+sleep\s+([\d.]+)/.exec(script) ?? /\bsleep\s+([\d.]+)/.exec(script);
  const s = sleep ? Number(sleep[1]) : 0;
  return { url, rps: Math.round((1 / ((Number.isFinite(s) ? s : 0) + RTT_S)) * 100) / 100 };
}

export function generators(ctx: SimContext): Generator[] {
  const out: Generator[] = [];
  for (const p of ctx.api.peekAll('Pod') as Pod[]) {
    if (p.status?.phase !== 'Running' || p.metadata.deletionTimestamp) continue;
    for (const c of p.spec.containers) {
      const loop = parseLoop([...(c.command ?? []), ...(c.args ?? [])].join(' '));
      if (loop) out.push({ pod: `${p.metadata.namespace}/${p.metadata.name}`, ...loop });
    }
  }
  return out;
}

/** The pods (namespace/name) a URL from a pod in `ns` reaches: a Service's ready endpoints or one pod IP. */
export function backends(ctx: SimContext, ns: string, url: string): string[] {
  const host = url.replace(/^https?:\/\//, '').split(/[/:]/)[0];
  const services = ctx.api.peekAll('Service') as Service[];
  let svc: Service | undefined;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
    svc = services.find((s) => s.spec.clusterIP === host);
    if (!svc) {
      const pod = (ctx.api.peekAll('Pod') as Pod[]).find((p) => p.status?.podIP === host && !p.spec.hostNetwork);
      return pod ? [`${pod.metadata.namespace}/${pod.metadata.name}`] : [];
    }
  } else {
    const [name, sns = ns] = host.replace(/\.svc(\.cluster\.local)?$/, '').split('.');
    svc = services.find((s) => s.metadata.name === name && s.metadata.namespace === sns);
  }
  if (!svc) return [];
  const ep = ctx.api.get<Endpoints>('Endpoints', svc.metadata.namespace, svc.metadata.name);
  const out: string[] = [];
  for (const s of ep?.subsets ?? []) for (const a of s.addresses ?? []) if (a.targetRef?.kind === 'Pod') out.push(`${a.targetRef.namespace ?? svc.metadata.namespace}/${a.targetRef.name}`);
  return [...new Set(out)].sort();
}

/** Requests per second each serving pod receives now (namespace/name → rps). */
export function podRequestRates(ctx: SimContext): Map<string, number> {
  const rates = new Map<string, number>();
  for (const g of generators(ctx)) {
    const targets = backends(ctx, g.pod.split('/')[0], g.url);
    for (const t of targets) rates.set(t, (rates.get(t) ?? 0) + g.rps / targets.length);
  }
  return rates;
}
