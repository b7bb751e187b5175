/**
 * What a container's processes see on disk: the image's files, the container's own writable
 * layer (lost when the container restarts) and the pod's volumes mounted into it — an
 * emptyDir lives as long as the sandbox and is shared by every container mounting it;
 * configMap and secret volumes are read-only files named after the object's keys.
 * Also the env a container gets from configMapKeyRef/secretKeyRef and envFrom.
 */
import type { ConfigMap, Container, Pod, Secret } from '../api/types';
import type { SimContext } from '../sim/context';
import type { Sandbox } from '../runtime/runtime';
import type { PersistentVolume, PersistentVolumeClaim } from '../api/storage';
import { NGINX_INDEX_HTML } from '../runtime/nginxPages';

const NGINX_50X = '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n';

/** Files an image ships (only what the playground's tools look at). */
function imageFiles(image: string): Record<string, string> {
  if (/(^|\/)nginx(:|@|$)/.test(image)) return { '/usr/share/nginx/html/index.html': `${NGINX_INDEX_HTML}\n`, '/usr/share/nginx/html/50x.html': NGINX_50X, '/etc/nginx/conf.d/default.conf': 'server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n' };
  return {};
}

export function podSandbox(ctx: SimContext, pod: Pod): Sandbox | undefined {
  const rt = pod.spec.nodeName ? ctx.runtimes.get(pod.spec.nodeName) : undefined;
  return rt?.sandboxes.find((s) => s.podUid === pod.metadata.uid);
}

function decode(v: string): string {
  try {
    return atob(v);
  } catch {
    return v;
  }
}

/** A PersistentVolumeClaim's data: a directory on the node (hostPath/local, as local-path provisions), outliving the pod. */
function claimDir(ctx: SimContext, pod: Pod, claimName: string): { files: Record<string, string>; dir: string } | undefined {
  const claim = ctx.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', pod.metadata.namespace, claimName);
  const pv = claim?.spec.volumeName ? ctx.api.get<PersistentVolume>('PersistentVolume', undefined, claim.spec.volumeName) : undefined;
  const dir = pv?.spec.hostPath?.path ?? pv?.spec.local?.path;
  const host = pod.spec.nodeName ? ctx.hosts.get(pod.spec.nodeName) : undefined;
  return dir && host ? { files: host.files, dir: dir.replace(/\/$/, '') } : undefined;
}

/** Where a path lands: a volume (by mount) or the container's own layer. */
function resolveMount(pod: Pod, c: Container, path: string): { vol?: NonNullable<Pod['spec']['volumes']>[number]; rel: string; mount?: string; readOnly: boolean } {
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => b.mountPath.length - a.mountPath.length);
  for (const m of mounts) {
    const base = m.mountPath.replace(/\/$/, '');
    if (path === base || path.startsWith(`${base}/`)) {
      const vol = (pod.spec.volumes ?? []).find((v) => v.name === m.name);
      const ro = !!m.readOnly || !!vol?.configMap || !!vol?.secret || !!vol?.persistentVolumeClaim?.readOnly;
      return { vol, rel: path.slice(base.length), mount: base, readOnly: ro };
    }
  }
  return { rel: path, readOnly: false };
}

/** Every file the container sees, path → content. */
export function containerFiles(ctx: SimContext, pod: Pod, containerName?: string): Record<string, string> {
  const c = pod.spec.containers.find((x) => x.name === containerName) ?? pod.spec.containers[0];
  if (!c) return {};
  const sb = podSandbox(ctx, pod);
  const fs = sb?.fs ?? {};
  const out: Record<string, string> = { ...imageFiles(c.image) };
  const layer = `c:${c.name}:`;
  for (const [k, v] of Object.entries(fs)) {
    if (!k.startsWith(layer)) continue;
    const p = k.slice(layer.length);
    if (v === null) delete out[p];
    else out[p] = v;
  }
  for (const m of c.volumeMounts ?? []) {
    const base = m.mountPath.replace(/\/$/, '');
    for (const p of Object.keys(out)) if (p.startsWith(`${base}/`)) delete out[p];
    const vol = (pod.spec.volumes ?? []).find((v) => v.name === m.name);
    if (!vol) continue;
    if (vol.configMap) {
      const cm = ctx.api.get<ConfigMap>('ConfigMap', pod.metadata.namespace, vol.configMap.name);
      for (const [k, v] of Object.entries(cm?.data ?? {})) out[`${base}/${k}`] = v;
    } else if (vol.secret) {
      const s = ctx.api.get<Secret>('Secret', pod.metadata.namespace, vol.secret.secretName);
      for (const [k, v] of Object.entries(s?.data ?? {})) out[`${base}/${k}`] = decode(v);
      for (const [k, v] of Object.entries(s?.stringData ?? {})) out[`${base}/${k}`] = v;
    } else if (vol.persistentVolumeClaim) {
      const d = claimDir(ctx, pod, vol.persistentVolumeClaim.claimName);
      for (const [k, v] of Object.entries(d?.files ?? {})) if (d && k.startsWith(`${d.dir}/`) && !k.endsWith('/.keep')) out[`${base}${k.slice(d.dir.length)}`] = v;
    } else {
      const prefix = `v:${vol.name}:`;
      for (const [k, v] of Object.entries(fs)) if (k.startsWith(prefix) && v !== null) out[`${base}${k.slice(prefix.length)}`] = v;
    }
  }
  return out;
}

/** Writes (or with null removes) a file as the container's process would; an error message when it cannot. */
export function writeContainerFile(ctx: SimContext, pod: Pod, containerName: string | undefined, path: string, content: string | null): string | undefined {
  const c = pod.spec.containers.find((x) => x.name === containerName) ?? pod.spec.containers[0];
  const sb = podSandbox(ctx, pod);
  if (!c || !sb) return 'no such container';
  const r = resolveMount(pod, c, path);
  if (r.readOnly) return 'Read-only file system';
  if (r.vol?.persistentVolumeClaim) {
    const d = claimDir(ctx, pod, r.vol.persistentVolumeClaim.claimName);
    if (!d) return 'No such device';
    if (content === null) delete d.files[`${d.dir}${r.rel}`];
    else d.files[`${d.dir}${r.rel}`] = content;
    return undefined;
  }
  const key = r.vol ? `v:${r.vol.name}:${r.rel}` : `c:${c.name}:${path}`;
  (sb.fs ??= {})[key] = content;
  return undefined;
}

/** A restarted container starts from a fresh writable layer: what it wrote or removed is gone (volumes stay). */
export function resetContainerLayer(sb: Sandbox | undefined, containerName: string): void {
  if (!sb?.fs) return;
  for (const k of Object.keys(sb.fs)) if (k.startsWith(`c:${containerName}:`)) delete sb.fs[k];
}

/** The container's env from value, valueFrom (configMapKeyRef, secretKeyRef) and envFrom. */
export function containerEnv(ctx: SimContext, pod: Pod, c: Container): [string, string][] {
  const ns = pod.metadata.namespace;
  const out: [string, string][] = [];
  for (const src of c.envFrom ?? []) {
    const data = src.configMapRef
      ? ctx.api.get<ConfigMap>('ConfigMap', ns, src.configMapRef.name)?.data
      : src.secretRef
        ? Object.fromEntries(Object.entries(ctx.api.get<Secret>('Secret', ns, src.secretRef.name)?.data ?? {}).map(([k, v]) => [k, decode(v)]))
        : undefined;
    for (const [k, v] of Object.entries(data ?? {})) out.push([`${src.prefix ?? ''}${k}`, v]);
  }
  for (const e of c.env ?? []) {
    let v = e.value ?? '';
    const cmRef = e.valueFrom?.configMapKeyRef;
    const sRef = e.valueFrom?.secretKeyRef;
    if (cmRef) v = ctx.api.get<ConfigMap>('ConfigMap', ns, cmRef.name)?.data?.[cmRef.key] ?? '';
    if (sRef) v = decode(ctx.api.get<Secret>('Secret', ns, sRef.name)?.data?.[sRef.key] ?? '');
    const i = out.findIndex(([k]) => k === e.name);
    if (i >= 0) out.splice(i, 1);
    out.push([e.name, v]);
  }
  return out;
}
