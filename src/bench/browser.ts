/**
 * The UI measurements in headless Chromium: the built app (vite build into /tmp/bench-dist)
 * served by `vite preview` on a free loopback port, Debian's Chromium with the same
 * executable and flags as playwright.config.ts.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createServer } from 'node:net';
import { chromium, type Page } from '@playwright/test';
import { encodeState } from '../engine/scenario/url';
import { defaultScenario, DEFAULT_MANIFESTS } from '../engine/scenario/defaults';
import { bigScenario, deploymentYaml } from './scenario';
import { guarded, median, percentile, round, type Skipped } from './stats';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

function executablePath(): string | undefined {
  const system = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  return existsSync(system) ? system : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, child: ChildProcess, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`vite preview did not answer on ${url} within ${ms / 1000} s`);
}

export interface UiSizes {
  graphNodes: number;
  graphPods: number;
  scheduledPods: number;
}

interface Frames {
  nodes: number;
  pods: number;
  /** How the graph drew them: 'tiles' (node tiles with pod heatmaps) or 'pods' (a card per pod). */
  graphMode: string;
  frames: number;
  medianMs: number;
  p95Ms: number;
}

interface LongestTask {
  pods: number;
  /** Pods that existed when the measurement ended (the playground's pod limit is lifted for it). */
  podsCreated: number | string;
  longestTaskMs: number;
  longTasks: number;
  output: string;
}

/** The JavaScript a first visit runs before it can draw: the page's entry scripts and what they import statically. */
interface FirstLoadJs {
  /** The main entry chunk (index-*.js). */
  mainKB: number;
  mainGzipKB: number;
  /** Every script reached by static imports from the page (lazy chunks, the worker and the lessons excluded). */
  totalKB: number;
  totalGzipKB: number;
  files: number;
}

export interface UiResults {
  firstLoadJs: FirstLoadJs | Skipped;
  firstRenderMs: number | Skipped;
  frames: Frames | Skipped;
  longestTask: LongestTask | Skipped;
}

/** Follows the built page's <script src> and the chunks' static `import … from "./x.js"` (not import()). */
export function firstLoadJs(dist: string): FirstLoadJs {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]*\bsrc="\/?([^"]+\.js)"/g)].map((m) => m[1]);
  const seen = new Map<string, Buffer>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    const code = readFileSync(join(dist, file));
    seen.set(file, code);
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    for (const m of code.toString('utf8').matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[^"'();]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) visit(dir + m[1]);
  };
  entries.forEach(visit);
  const kb = (n: number) => round(n / 1024, 1);
  const main = entries.find((f) => /(^|\/)index-[^/]*\.js$/.test(f));
  const mainCode = main ? seen.get(main)! : Buffer.alloc(0);
  const all = [...seen.values()];
  return {
    mainKB: kb(mainCode.length),
    mainGzipKB: kb(gzipSync(mainCode).length),
    totalKB: kb(all.reduce((n, b) => n + b.length, 0)),
    totalGzipKB: kb(all.reduce((n, b) => n + gzipSync(b).length, 0)),
    files: all.length,
  };
}

const sharedUrl = (scenario: ReturnType<typeof defaultScenario>): string => `/#${encodeState({ scenario, actions: [] })}`;

/** Navigation start → the cluster graph and a node card drawn (the page's own clock, frame-accurate). */
async function firstRender(page: Page): Promise<number> {
  await page.goto('/');
  // Page code goes in as text: tsx would wrap functions with helpers the page does not have.
  const drawn = `(() => {
    const vis = (sel) => !!document.querySelector(sel)?.getClientRects().length;
    return vis('[data-testid="cluster-graph"]') && vis('[data-testid="node-node-1"]') ? performance.now() : 0;
  })()`;
  return (await page.waitForFunction(drawn, undefined, { polling: 'raf', timeout: 60_000 })).jsonValue() as Promise<number>;
}

/** requestAnimationFrame deltas while the packet trace plays on a big graph. */
async function framesWhileTracing(page: Page, nodes: number, pods: number): Promise<Frames> {
  const s = bigScenario(nodes - 1);
  s.nodes.forEach((n, i) => (n.ip = `192.168.56.${10 + i}`));
  s.cluster.nodeNetwork = '192.168.56.0/24';
  s.cluster.podCIDR = '10.244.0.0/16';
  s.manifests = `${DEFAULT_MANIFESTS}---\n${deploymentYaml('bulk', Math.max(1, pods - 3))}`;
  await page.goto(sharedUrl(s));
  await page.getByTestId('node-node-1').waitFor({ timeout: 300_000 });
  await page.getByTestId('trace-run').waitFor();
  await page.waitForFunction(`!document.querySelector('[data-testid="trace-run"]').disabled`, undefined, { timeout: 120_000 });
  await page.getByTestId('trace-run').click();
  await page.getByTestId('trace-counter').waitFor({ timeout: 60_000 });
  // The trace opens at its first step; play animates it from there.
  await page.getByTestId('trace-play').click();
  const deltas = (await page.evaluate(`new Promise((resolve) => {
    const out = [];
    let last = performance.now();
    const end = last + 6000;
    const tick = (t) => {
      out.push(t - last);
      last = t;
      if (t < end) requestAnimationFrame(tick);
      else resolve(out.slice(1));
    };
    requestAnimationFrame(tick);
  })`)) as number[];
  await page.getByTestId('trace-play').click();
  const graphMode = (await page.getByTestId('cluster-graph').getAttribute('data-mode')) ?? 'pods';
  return { nodes, pods, graphMode, frames: deltas.length, medianMs: round(median(deltas), 2), p95Ms: round(percentile(deltas, 95), 2) };
}

/** The longest main-thread task (PerformanceObserver longtask) while the worker scales a Deployment up. */
async function longestTask(page: Page, pods: number): Promise<LongestTask> {
  // ?watchdog exposes the engine to the page (and gives the big create the time it needs).
  await page.goto('/?watchdog=600000');
  await page.getByTestId('node-node-1').waitFor({ timeout: 60_000 });
  // The measurement is about the worker's work, not the playground's limits (PLAYGROUND_LIMITS): lift them.
  await page.evaluate('window.playgroundEngine.debugLiftLimits()');
  await page.getByTestId('tab-terminal').click();
  await page.getByTestId('terminal-target').selectOption('control-plane');
  const input = page.getByTestId('terminal-input');
  await input.focus();
  const t0 = (await page.evaluate('performance.now()')) as number;
  await input.pressSequentially(`kubectl create deployment bench --image=nginx:1.27 --replicas=${pods}`);
  await input.press('Enter');
  // Watch while the worker works: until the terminal answers (kubectl returns once the cluster
  // settled) and 5 s more, or for at most WATCH_MS when the worker is still busy.
  const WATCH_MS = 120_000;
  let finished = true;
  try {
    await page.waitForFunction(`/deployment\\.apps\\/bench created|Error/.test(document.querySelector('[data-testid="terminal-output"]')?.textContent ?? '')`, undefined, { timeout: WATCH_MS, polling: 500 });
    await page.waitForTimeout(5000);
  } catch {
    finished = false;
  }
  const r = (await page.evaluate(`(() => {
    const tasks = window.__benchLongTasks.filter((t) => t.startTime >= ${t0});
    return { longest: Math.max(0, ...tasks.map((t) => t.duration)), count: tasks.length, text: document.querySelector('[data-testid="terminal-output"]')?.textContent ?? '' };
  })()`)) as { longest: number; count: number; text: string };
  const out = /deployment\.apps\/bench created|Error.{0,160}/.exec(r.text)?.[0] ?? '';
  const created = await guarded(async () => {
    const got = (await page.evaluate(`window.playgroundEngine.exec('control-plane', 'kubectl get deployment bench --no-headers').then((r) => r.output)`)) as string;
    return Number(got.trim().split(/\s+/)[2]);
  });
  return { pods, podsCreated: typeof created === 'number' ? created : created.skipped, longestTaskMs: round(r.longest, 1), longTasks: r.count, output: finished ? out.slice(0, 200) : `the worker was still busy after ${WATCH_MS / 1000} s; long tasks counted until then` };
}

export async function runUi(sizes: UiSizes, log: (line: string) => void): Promise<UiResults> {
  const dist = process.env.BENCH_DIST || '/tmp/bench-dist';
  if (!process.env.BENCH_DIST) {
    log(`building the app into ${dist}`);
    const b = spawnSync('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`vite build failed: ${b.stderr.slice(0, 300)}`);
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', dist], { stdio: 'ignore', detached: true });
  const browser = await (async () => {
    await waitForServer(base, server);
    return chromium.launch({ executablePath: executablePath(), args: CHROMIUM_ARGS });
  })().catch((e: unknown) => {
    stop(server);
    throw e;
  });
  try {
    // A fresh context per measurement: nothing remembered (the app persists its session) carries over.
    const fresh = async (): Promise<Page> => {
      // Page code goes in as text (see firstRender), which the app's CSP would refuse to eval.
      const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 }, bypassCSP: true });
      await context.addInitScript(`
        window.__benchLongTasks = [];
        try {
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) window.__benchLongTasks.push({ startTime: e.startTime, duration: e.duration });
          }).observe({ type: 'longtask', buffered: true });
        } catch {}
      `);
      return context.newPage();
    };
    const firstLoad = await guarded(async () => firstLoadJs(dist));
    log('UI: first render');
    const firstRenderMs = await guarded(async () => round(await firstRender(await fresh()), 1));
    log(`UI: frames while a packet animates on ${sizes.graphNodes} nodes / ${sizes.graphPods} pods`);
    const frames = await guarded(async () => framesWhileTracing(await fresh(), sizes.graphNodes, sizes.graphPods));
    log(`UI: longest task while the worker schedules ${sizes.scheduledPods} pods`);
    const longest = await guarded(async () => longestTask(await fresh(), sizes.scheduledPods));
    return { firstLoadJs: firstLoad, firstRenderMs, frames, longestTask: longest };
  } finally {
    await browser.close();
    stop(server);
  }
}

/** Ends the preview server this run started (its process group: npx and vite under it). */
function stop(child: ChildProcess): void {
  if (child.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
  }
}
