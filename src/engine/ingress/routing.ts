/**
 * How ingress-nginx turns Ingress objects into nginx's configuration and picks a location for
 * a request: one `server` per host (exact names first, then `*.` wildcards, then the catch-all
 * `_`), and in it the location whose path matches — Exact before Prefix, the longest path wins.
 * Prefix matches whole path elements (/foo matches /foo and /foo/bar, not /foobar);
 * ImplementationSpecific is nginx's own prefix match (a plain string prefix).
 */
import type { Ingress, IngressBackend, IngressClass, PathType } from './types';

export const CONTROLLER_NAME = 'k8s.io/ingress-nginx';
export const DEFAULT_CLASS = 'nginx';

export interface Route {
  /** namespace/name of the Ingress the location came from. */
  ingress: string;
  namespace: string;
  /** The server the request landed in ("_" is the catch-all). */
  server: string;
  path: string;
  pathType: PathType | 'defaultBackend';
  backend: IngressBackend;
}

export const isDefaultClass = (c: IngressClass): boolean => c.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true';

/** The Ingresses this controller serves: its class by name or legacy annotation, or no class when its IngressClass is the default. */
export function servedIngresses(ingresses: readonly Ingress[], classes: readonly IngressClass[], className = DEFAULT_CLASS): Ingress[] {
  const cls = classes.find((c) => c.metadata.name === className && (c.spec.controller ?? CONTROLLER_NAME) === CONTROLLER_NAME);
  if (!cls) return [];
  return ingresses
    .filter((i) => !i.metadata.deletionTimestamp)
    .filter((i) => {
      const named = i.spec.ingressClassName ?? i.metadata.annotations?.['kubernetes.io/ingress.class'];
      return named === className || (named === undefined && isDefaultClass(cls));
    })
    .sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
}

function hostMatches(pattern: string, host: string): boolean {
  if (!pattern.startsWith('*.')) return pattern === host;
  // A wildcard covers exactly one DNS label.
  const rest = pattern.slice(1);
  return host.endsWith(rest) && !host.slice(0, -rest.length).includes('.') && host.length > rest.length;
}

function pathMatches(type: PathType, path: string, reqPath: string): boolean {
  if (type === 'Exact') return reqPath === path;
  if (type === 'ImplementationSpecific') return reqPath.startsWith(path);
  const p = path.replace(/\/+$/, '');
  return p === '' || reqPath === p || reqPath.startsWith(`${p}/`);
}

const ref = (i: Ingress): string => `${i.metadata.namespace}/${i.metadata.name}`;

/** The location a request for host + path lands in, or undefined: the controller's default backend answers 404. */
export function matchRoute(served: readonly Ingress[], host: string, reqPath: string): Route | undefined {
  const h = host.toLowerCase().replace(/:\d+$/, '');
  const path = reqPath.split('?')[0] || '/';
  const hosts = new Set(served.flatMap((i) => (i.spec.rules ?? []).map((r) => r.host ?? '')).filter((x) => x !== ''));
  const server = [...hosts].find((x) => x === h) ?? [...hosts].filter((x) => hostMatches(x, h)).sort((a, b) => b.length - a.length)[0] ?? '_';
  let best: (Route & { exact: boolean }) | undefined;
  for (const ing of served) {
    for (const rule of ing.spec.rules ?? []) {
      if ((rule.host ?? '_') !== server && !(server === '_' && !rule.host)) continue;
      for (const p of rule.http?.paths ?? []) {
        const pp = p.path ?? '/';
        if (!pathMatches(p.pathType, pp, path)) continue;
        const exact = p.pathType === 'Exact';
        const better = !best || pp.length > best.path.length || (pp.length === best.path.length && exact && !best.exact);
        if (better) best = { ingress: ref(ing), namespace: ing.metadata.namespace!, server, path: pp, pathType: p.pathType, backend: p.backend, exact };
      }
    }
  }
  if (best) {
    const { exact: _exact, ...route } = best;
    return route;
  }
  // No location matched: the root location of a host's server belongs to the spec.defaultBackend
  // of an Ingress defining that host; the catch-all server's to the oldest Ingress with one.
  const owner = served.find((i) => i.spec.defaultBackend && (server === '_' || (i.spec.rules ?? []).some((r) => r.host === server)));
  if (owner) return { ingress: ref(owner), namespace: owner.metadata.namespace!, server, path: '/', pathType: 'defaultBackend', backend: owner.spec.defaultBackend! };
  return undefined;
}

/** ingress-nginx's upstream name: namespace-service-port. */
export function upstreamName(namespace: string, b: IngressBackend): string {
  return `${namespace}-${b.service?.name ?? b.resource?.name ?? ''}-${b.service?.port.number ?? b.service?.port.name ?? ''}`;
}
