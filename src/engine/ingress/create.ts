/** `kubectl create ingress NAME --rule=host/path=service:port[,tls[=secret]] --class=... --default-backend=service:port`. */
import type { Ingress, IngressBackend, IngressRule } from './types';

function backend(spec: string): IngressBackend | undefined {
  const m = /^([^:]+):(.+)$/.exec(spec);
  if (!m) return undefined;
  return { service: { name: m[1], port: /^\d+$/.test(m[2]) ? { number: Number(m[2]) } : { name: m[2] } } };
}

/** The Ingress kubectl builds from its flags, or kubectl's error. */
export function ingressFromFlags(name: string | undefined, namespace: string, rules: string[], cls?: string, defaultBackend?: string, annotations: string[] = []): Ingress | string {
  if (!name) return 'error: exactly one NAME is required, got 0';
  if (rules.length === 0 && !defaultBackend) return 'error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)';
  const ing: Ingress = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace }, spec: {} };
  if (cls) ing.spec.ingressClassName = cls;
  if (annotations.length) ing.metadata.annotations = Object.fromEntries(annotations.map((a) => [a.split('=')[0], a.split('=').slice(1).join('=')]));
  if (defaultBackend) {
    const b = backend(defaultBackend);
    if (!b) return `error: rule ${defaultBackend} is invalid and should be in format service:port`;
    ing.spec.defaultBackend = b;
  }
  for (const r of rules) {
    const m = /^([^/=,]*)(\/[^=]*)=([^:,]+:[^,]+)(,tls(=.+)?)?$/.exec(r);
    if (!m) return `error: rule ${r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`;
    const [, host, rawPath, be, tls, secret] = m;
    // A path ending in * is a Prefix match; any other path is Exact.
    const prefix = rawPath.endsWith('*');
    const path = prefix ? rawPath.slice(0, -1) || '/' : rawPath;
    const p = { path, pathType: prefix ? ('Prefix' as const) : ('Exact' as const), backend: backend(be)! };
    ing.spec.rules ??= [];
    const existing: IngressRule | undefined = ing.spec.rules.find((x) => (x.host ?? '') === host);
    if (existing) existing.http!.paths.push(p);
    else ing.spec.rules.push({ ...(host ? { host } : {}), http: { paths: [p] } });
    if (tls !== undefined) {
      ing.spec.tls ??= [];
      const name2 = secret?.slice(1);
      const entry = ing.spec.tls.find((t) => t.secretName === name2);
      if (entry) entry.hosts = [...(entry.hosts ?? []), ...(host ? [host] : [])];
      else ing.spec.tls.push({ ...(host ? { hosts: [host] } : {}), ...(name2 ? { secretName: name2 } : {}) });
    }
  }
  return ing;
}
