/** Stable stand-ins for what a registry would tell: an image's digest and size. */
import { fnv1a64 } from '../sim/hash';
import { normaliseImage } from './runtime';

/** A stable stand-in for the registry digest of an image (64 hex digits). */
export function imageDigest(image: string): string {
  return [0, 1, 2, 3].map((i) => fnv1a64(`${normaliseImage(image)}#${i}`)).join('');
}

/** A plausible compressed size for an image (bytes), stable per image. */
export function imageSize(image: string): number {
  const known: Record<string, number> = { nginx: 72_195_292, busybox: 2_166_802, 'registry.k8s.io/pause': 320_368 };
  const repo = normaliseImage(image).replace(/^docker\.io\/library\//, '').replace(/:[^:/]+$/, '');
  return known[repo] ?? 10_000_000 + (parseInt(fnv1a64(repo).slice(0, 6), 16) % 90_000_000);
}

/** /usr/share/nginx/html/index.html of the nginx image (what curl prints from it; shell/web.ts serves the same page). */
export const NGINX_INDEX_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>`;
