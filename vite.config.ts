import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { serviceWorkerSource } from './src/offline/serviceWorker.ts';

/**
 * The built app's Content-Security-Policy: scripts only from the app's own files (no inline
 * script, no eval), nothing fetched from elsewhere. Inline styles stay allowed: React and
 * the graph library set style attributes. Dev mode is left alone (Vite injects inline HMR code).
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  };
}

/** Emits sw.js, precaching every file of the build and of public/, so the app works offline. */
function offlineServiceWorker(): Plugin {
  return {
    name: 'offline-service-worker',
    apply: 'build',
    generateBundle(_, bundle) {
      const files = [...Object.keys(bundle), ...readdirSync('public').filter((f) => !f.endsWith('.png'))];
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: serviceWorkerSource(files) });
    },
  };
}

/**
 * src/ui/boot.ts as an entry of its own, its <script> first in the built page: the small chunk
 * runs while the main bundle still downloads, so the simulation worker starts ~0.4 s earlier.
 * (In dev mode main.tsx's start() asks the worker itself.)
 */
function earlyBoot(): Plugin {
  return {
    name: 'early-boot',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const boot = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'boot');
        return boot ? html.replace('<script type="module"', `<script type="module" crossorigin src="/${boot.fileName}"></script>\n    <script type="module"`) : html;
      },
    },
  };
}

/**
 * `virtual:first-load`: the default cluster's first snapshot, computed by the engine in Node at
 * build time (src/ui/bakeFirstLoad.ts), so a fresh visit draws the cluster before the worker
 * has booted it. null in dev and tests, or when the bake fails (the page then waits as before).
 */
function bakedFirstLoad(): Plugin {
  const id = 'virtual:first-load';
  let json = 'null';
  return {
    name: 'baked-first-load',
    apply: 'build',
    buildStart() {
      const r = spawnSync('npx', ['tsx', 'src/ui/bakeFirstLoad.ts'], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
      if (r.status === 0 && r.stdout.startsWith('{')) json = r.stdout;
      else this.warn(`the first snapshot was not baked in (${(r.stderr || String(r.error)).slice(0, 300)})`);
    },
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load: (key) => (key === `\0${id}` ? `export default ${json};` : undefined),
  };
}

// One config for the app (vite), the worker bundle and the unit tests (vitest).
export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), offlineServiceWorker(), earlyBoot(), bakedFirstLoad()],
  worker: { format: 'es' },
  // ip-num is used only inside the worker: pre-bundle it so the dev server does not
  // re-optimise dependencies mid-session and leave the worker unanswered.
  optimizeDeps: { include: ['ip-num', 'yaml', 'fflate', 'comlink'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 1500, rollupOptions: { input: { index: 'index.html', boot: 'src/ui/boot.ts' } } },
  // Tests are bounded by work, not time: a busy 2-core CI machine must not fail them.
  test: { include: ['src/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
});
