import { describe, expect, it } from 'vitest';
import { matchRoute, servedIngresses } from './routing';
import type { HTTPIngressPath, Ingress, IngressClass } from './types';

const path = (p: string, pathType: HTTPIngressPath['pathType'], svc: string): HTTPIngressPath => ({ path: p, pathType, backend: { service: { name: svc, port: { number: 80 } } } });
const ing = (name: string, spec: Ingress['spec'], ts = '2026-01-05T09:00:00Z'): Ingress => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace: 'default', creationTimestamp: ts }, spec: { ingressClassName: 'nginx', ...spec } });
const nginx: IngressClass = { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } };

const shop = ing('shop', {
  rules: [
    { host: 'shop.example.com', http: { paths: [path('/', 'Prefix', 'web'), path('/api', 'Prefix', 'api'), path('/api/v2', 'Prefix', 'api-v2'), path('/api', 'Exact', 'api-root'), path('/static', 'ImplementationSpecific', 'static')] } },
    { host: '*.example.com', http: { paths: [path('/', 'Prefix', 'wild')] } },
    { http: { paths: [path('/health', 'Exact', 'health')] } },
  ],
});
const fallback = ing('fallback', { defaultBackend: { service: { name: 'catchall', port: { number: 80 } } } }, '2026-01-05T09:01:00Z');
const svc = (host: string, p: string, list: Ingress[] = [shop]): string | undefined => matchRoute(list, host, p)?.backend.service?.name;

describe('ingress-nginx routing', () => {
  it('Prefix matches whole path elements; the longest path wins; Exact beats a Prefix of the same path', () => {
    expect(svc('shop.example.com', '/')).toBe('web');
    expect(svc('shop.example.com', '/api')).toBe('api-root');
    expect(svc('shop.example.com', '/api/')).toBe('api');
    expect(svc('shop.example.com', '/api/users')).toBe('api');
    expect(svc('shop.example.com', '/apis')).toBe('web');
    expect(svc('shop.example.com', '/api/v2/x')).toBe('api-v2');
    expect(svc('shop.example.com', '/api/v2x')).toBe('api');
    // ImplementationSpecific is nginx's string prefix: /staticfiles matches /static.
    expect(svc('shop.example.com', '/staticfiles')).toBe('static');
    expect(svc('SHOP.example.com:31000', '/api?x=1')).toBe('api-root');
  });

  it('hosts: exact names, then one-label wildcards, then the catch-all server', () => {
    expect(svc('www.example.com', '/')).toBe('wild');
    expect(svc('a.b.example.com', '/health')).toBe('health');
    expect(svc('a.b.example.com', '/')).toBeUndefined();
    // A rule without host lives only in the catch-all server.
    expect(svc('shop.example.com', '/health')).toBe('web');
    expect(svc('10.0.0.1', '/health')).toBe('health');
  });

  it('defaultBackend takes what no rule matches', () => {
    expect(svc('other.test', '/', [shop, fallback])).toBe('catchall');
    expect(matchRoute([shop, fallback], 'other.test', '/x')).toMatchObject({ ingress: 'default/fallback', pathType: 'defaultBackend' });
    expect(svc('other.test', '/')).toBeUndefined();
  });

  it('serves only Ingresses of its class (or without one when the class is the default)', () => {
    const other = { ...ing('x', { defaultBackend: shop.spec.rules![0].http!.paths[0].backend }), spec: { ingressClassName: 'traefik' } };
    const none = ing('y', {});
    delete none.spec.ingressClassName;
    expect(servedIngresses([shop, other, none], [nginx]).map((i) => i.metadata.name)).toEqual(['shop']);
    const def = { ...nginx, metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } };
    expect(servedIngresses([shop, other, none], [def]).map((i) => i.metadata.name)).toEqual(['shop', 'y']);
    expect(servedIngresses([shop], [])).toEqual([]);
  });
});
