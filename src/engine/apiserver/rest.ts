/**
 * Read-only REST access to the apiserver as `kubectl proxy` exposes it: GET /api/v1/namespaces/
 * default/pods returns a PodList, GET .../pods/web the Pod, an unknown name a Status object.
 * curl through the proxy (localhost:8001) answers with these bodies.
 */
import { RESOURCES } from '../api/resources';
import type { SimContext } from '../sim/context';

export interface RestResponse {
  status: number;
  body: string;
}

function status(code: number, reason: string, message: string, details?: Record<string, string>): RestResponse {
  const body = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
  return { status: code, body: JSON.stringify(body, null, 2) };
}

export function restGet(ctx: SimContext, rawPath: string): RestResponse {
  const path = rawPath.split('?')[0].replace(/\/+$/, '') || '/';
  const json = (v: unknown): RestResponse => ({ status: 200, body: JSON.stringify(v, null, 2) });
  const version = ctx.scenario.cluster.kubernetesVersion;
  if (path === '/healthz' || path === '/readyz' || path === '/livez') return { status: 200, body: 'ok' };
  if (path === '/version') {
    const [major, minor] = version.replace(/^v/, '').split('.');
    return json({ major, minor, gitVersion: version, platform: 'linux/amd64' });
  }
  if (path === '/api') return json({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `${ctx.scenario.nodes.find((n) => n.role === 'control-plane')?.ip ?? ''}:6443` }] });
  const m = /^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))(?:\/namespaces\/([^/]+))?(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(path);
  if (!m) return status(404, 'NotFound', 'the server could not find the requested resource');
  const apiVersion = m[1] ?? m[2];
  let [, , , ns, plural, name] = m;
  if (!plural) {
    if (ns) {
      // /api/v1/namespaces/NAME is the Namespace itself.
      plural = 'namespaces';
      name = ns;
      ns = undefined as unknown as string;
    } else {
      const resources = RESOURCES.filter((r) => r.apiVersion === apiVersion).map((r) => ({ name: r.plural, namespaced: r.namespaced, kind: r.kind, shortNames: r.shortNames.filter((s) => s !== r.kind.toLowerCase() && s !== r.plural), verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }));
      return json({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersion, resources });
    }
  }
  if (plural === 'namespaces' && !name && ns) return status(404, 'NotFound', 'the server could not find the requested resource');
  const info = RESOURCES.find((r) => r.plural === plural && r.apiVersion === apiVersion);
  if (!info) return status(404, 'NotFound', 'the server could not find the requested resource');
  if (name) {
    const obj = ctx.api.get(info.kind, info.namespaced ? ns : undefined, name);
    if (!obj) return status(404, 'NotFound', `${plural} "${name}" not found`, { name, kind: plural });
    return json(obj);
  }
  const items = ctx.api.list(info.kind, info.namespaced ? ns : undefined);
  return json({ kind: `${info.kind}List`, apiVersion: info.apiVersion, metadata: { resourceVersion: String(ctx.api.etcd.revision) }, items });
}
