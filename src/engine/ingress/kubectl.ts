/** `kubectl get ingress / ingressclass` columns and `kubectl describe ingress` (k8s.io/kubectl describe.IngressDescriber). */
import type { EndpointSlice, Service } from '../api/types';
import { LAST_APPLIED } from '../apiserver/apply';
import { endpointsFor } from '../kube-proxy/rules';
import type { SimContext } from '../sim/context';
import type { Ingress, IngressBackend, IngressClass } from './types';

export function ingressRow(i: Ingress): string[] {
  const hosts = (i.spec.rules ?? []).map((r) => r.host).filter((h): h is string => !!h);
  const address = (i.status?.loadBalancer?.ingress ?? []).map((x) => x.ip ?? x.hostname).filter(Boolean).join(',');
  return [i.metadata.name, i.spec.ingressClassName ?? '<none>', hosts.length ? hosts.join(',') : '*', address, (i.spec.tls ?? []).length ? '80, 443' : '80'];
}
export const INGRESS_HEADER = ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS'];

export function ingressClassRow(c: IngressClass): string[] {
  const p = c.spec.parameters;
  return [c.metadata.name, c.spec.controller ?? '', p ? `${p.kind}.${p.apiGroup ?? ''}/${p.name}` : '<none>'];
}
export const INGRESS_CLASS_HEADER = ['NAME', 'CONTROLLER', 'PARAMETERS'];

/** service:port (endpoint, endpoint) as the describer prints a backend. */
function backendText(ctx: SimContext, ns: string, b: IngressBackend | undefined): string {
  const s = b?.service;
  if (!s) return b?.resource ? `APIGroup: ${b.resource.apiGroup ?? ''}, Kind: ${b.resource.kind}, Name: ${b.resource.name}` : '<default>';
  const port = String(s.port.number ?? s.port.name ?? '');
  const svc = ctx.api.get<Service>('Service', ns, s.name);
  if (!svc) return `${s.name}:${port} (<error: services "${s.name}" not found>)`;
  const sp = (svc.spec.ports ?? []).find((p) => (s.port.number !== undefined ? p.port === s.port.number : p.name === s.port.name));
  const eps = sp ? endpointsFor(svc, sp, ctx.api.peekAll('EndpointSlice') as EndpointSlice[]) : [];
  // kubectl lists at most three endpoints, then "+ N more...".
  const shown = eps.slice(0, 3).map((e) => `${e.ip}:${e.port}`).join(',') + (eps.length > 3 ? ` + ${eps.length - 3} more...` : '');
  return `${s.name}:${port} (${shown})`;
}

export function describeIngressLines(ctx: SimContext, i: Ingress): string[] {
  const ns = i.metadata.namespace ?? 'default';
  const labels = Object.entries(i.metadata.labels ?? {}).sort().map(([k, v]) => `${k}=${v}`);
  const annotations = Object.entries(i.metadata.annotations ?? {}).filter(([k]) => k !== LAST_APPLIED).sort().map(([k, v]) => `${k}: ${v}`);
  const multi = (title: string, entries: string[]): string[] => (entries.length ? [`${title}:\t${entries[0]}`, ...entries.slice(1).map((e) => `\t${e}`)] : [`${title}:\t<none>`]);
  const out = [`Name:\t${i.metadata.name}`, ...multi('Labels', labels), `Namespace:\t${ns}`];
  out.push(`Address:\t${(i.status?.loadBalancer?.ingress ?? []).map((x) => x.ip ?? x.hostname).join(',')}`);
  out.push(`Ingress Class:\t${i.spec.ingressClassName ?? '<none>'}`);
  out.push(`Default backend:\t${i.spec.defaultBackend ? backendText(ctx, ns, i.spec.defaultBackend) : '<default>'}`);
  if ((i.spec.tls ?? []).length) {
    out.push('TLS:');
    for (const t of i.spec.tls!) out.push(`  ${t.secretName ?? 'SNI'} terminates ${(t.hosts ?? []).join(',')}`);
  }
  // The describer's own layout: "Rules:" ends the header's column block, and the rule rows share one with Annotations.
  out.push('Rules:', '  Host\tPath\tBackends', '  ----\t----\t--------');
  const http = (i.spec.rules ?? []).filter((r) => r.http);
  if (http.length === 0) out.push(`  *\t*\t${backendText(ctx, ns, i.spec.defaultBackend)}`);
  for (const r of http) {
    out.push(`  ${r.host || '*'}\t`);
    for (const p of r.http!.paths ?? []) out.push(`    \t${p.path ?? ''} \t${backendText(ctx, ns, p.backend)}`);
  }
  out.push(...multi('Annotations', annotations));
  return out;
}
