/**
 * The service worker that makes the built app work offline after its first load. The build
 * (vite.config.ts) emits `sw.js` as this function's source, called with the list of every file
 * the build wrote and a version derived from that list. Nothing here reaches beyond the app's
 * own origin: the playground makes no other requests.
 */

/** Runs inside the service worker. Must be self-contained: it is serialised with toString(). */
export function serviceWorkerMain(files: string[], version: string): void {
  const sw = self as unknown as ServiceWorkerGlobalScope;
  const cacheName = `playground-${version}`;
  const scope = sw.registration.scope;
  const urls = ['./', ...files].map((f) => new URL(f, scope).href);

  sw.addEventListener('install', (event) => {
    // Precache everything, including code-split panels and the simulation worker, so a later
    // offline visit can open any panel; activate at once (the app holds no state in the SW).
    event.waitUntil(
      caches
        .open(cacheName)
        .then((c) => c.addAll(urls))
        .then(() => sw.skipWaiting()),
    );
  });

  sw.addEventListener('activate', (event) => {
    event.waitUntil(
      caches
        .keys()
        .then((keys) => Promise.all(keys.filter((k) => k.startsWith('playground-') && k !== cacheName).map((k) => caches.delete(k))))
        .then(() => sw.clients.claim()),
    );
  });

  sw.addEventListener('fetch', (event) => {
    const req = event.request;
    if (req.method !== 'GET' || new URL(req.url).origin !== sw.location.origin) return;
    if (req.mode === 'navigate') {
      // Pages: the network first (a new deployment shows at once), the cached app when offline.
      event.respondWith(
        fetch(req).catch(() =>
          caches.match(new URL('./', scope).href, { cacheName, ignoreVary: true }).then((r) => r ?? new Response('offline and not cached', { status: 503 })),
        ),
      );
      return;
    }
    // Hashed assets never change under one name: the cache first. ignoreVary: module scripts are
    // requested with an Origin header the precache requests did not send (`Vary: Origin`).
    event.respondWith(caches.match(req, { cacheName, ignoreVary: true }).then((hit) => hit ?? fetch(req)));
  });
}

/** The text of sw.js for a build that wrote `files` (paths relative to the app's base). */
export function serviceWorkerSource(files: string[]): string {
  const list = [...new Set(files)].filter((f) => f !== 'sw.js' && !f.endsWith('.map')).sort();
  let h = 0x811c9dc5;
  for (const ch of list.join('\n')) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const version = h.toString(16).padStart(8, '0');
  return `(${serviceWorkerMain.toString()})(${JSON.stringify(list)}, ${JSON.stringify(version)});\n`;
}
