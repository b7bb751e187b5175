/**
 * `npm run bench`: the engine in Node and the app in headless Chromium, one JSON document on
 * stdout (progress on stderr), also written to bench-results/<timestamp>.json.
 *   BENCH_SCALE=0.01   fraction of the envelope (default 1: 5,000 nodes, 150,000 pods …)
 *   BENCH_ONLY=scheduling,controlPlane,envelope,trace,url,ui   run only these parts
 *   BENCH_DIST=dir     serve an existing build instead of building into /tmp/bench-dist
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { machine } from './machine';
import { buildReport, isSkipped, resultFileName } from './report';
import type { SchedulingRun } from './scheduling';
import { guarded, round, skipped } from './stats';

const scale = Number(process.env.BENCH_SCALE ?? '1');
if (!(scale > 0 && scale <= 1)) throw new Error(`BENCH_SCALE must be a number in (0, 1], not "${process.env.BENCH_SCALE}"`);
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const wanted = (part: string): boolean => !only || only.includes(part);
const log = (line: string): void => void process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const sized = (full: number, min: number): number => Math.max(min, Math.round(full * scale));
const notRun = skipped('not selected (BENCH_ONLY)');

async function main(): Promise<void> {
  const startedAt = new Date();
  const t0 = performance.now();
  // Each part imports what it needs when it runs: one part's broken import never stops another.
  (await import('./scenario')).liftPlaygroundLimits();
  const engine: Record<string, unknown> = {};

  if (wanted('scheduling')) {
    const nodes = sized(5000, 10);
    const pods = sized(150_000, 100);
    log(`scheduling ${pods} pods onto ${nodes} nodes`);
    const full = await guarded(async () => (await import('./scheduling')).runScheduling(nodes, pods));
    log(`scheduling ${Math.round(pods / 10)} pods onto ${Math.round(nodes / 10)} nodes`);
    const tenth = await guarded(async () => (await import('./scheduling')).runScheduling(Math.max(1, Math.round(nodes / 10)), Math.round(pods / 10)));
    const growth = isSkipped(full) || isSkipped(tenth) ? skipped('a run failed') : growthOf(full, tenth);
    engine.scheduling = { full, tenth, growth };
  } else engine.scheduling = notRun;

  if (wanted('controlPlane')) {
    const nodes = sized(1000, 2);
    const replicas = sized(10_000, 10);
    log(`control plane: ${nodes} nodes, a Deployment of ${replicas}`);
    engine.controlPlane = await guarded(async () => (await import('./engine')).controlPlane(nodes, replicas));
  } else engine.controlPlane = notRun;

  if (wanted('envelope')) {
    const nodes = sized(5000, 12);
    const replicas = sized(150_000, 100);
    log(`envelope: ${nodes} nodes (hollow past the 10 machines), a Deployment scaled to ${replicas}`);
    engine.envelope = await guarded(async () => (await import('./envelope')).envelope(nodes, replicas));
  } else engine.envelope = notRun;

  if (wanted('trace')) {
    const services = sized(10_000, 10);
    log(`traces through ${services} Services × 5 endpoints`);
    engine.trace = await guarded(async () => (await import('./engine')).traceModes(services));
  } else engine.trace = notRun;

  if (wanted('url')) {
    log('URL codec');
    engine.url = await guarded(async () => (await import('./engine')).urlCodec());
  } else engine.url = notRun;

  engine.heap = {
    scheduling: isSkipped(engine.scheduling) ? engine.scheduling : heapOf((engine.scheduling as { full: SchedulingRun | object }).full),
    controlPlane: heapOf(engine.controlPlane),
    envelope: heapOf(engine.envelope),
    note: 'Node heap with the cluster alive (the worker runs the same engine); after a full GC with --expose-gc',
  };

  const ui = wanted('ui')
    ? await guarded(async () => (await import('./browser')).runUi({ graphNodes: Math.min(50, sized(50, 5)), graphPods: sized(1000, 50), scheduledPods: sized(10_000, 100) }, log))
    : notRun;

  const report = buildReport({ startedAt, wallSeconds: round((performance.now() - t0) / 1000, 1), scale, machine: machine(), engine, ui });
  const json = JSON.stringify(report, null, 2);
  mkdirSync('bench-results', { recursive: true });
  const file = resultFileName(startedAt);
  writeFileSync(file, `${json}\n`);
  log(`written to ${file}`);
  process.stdout.write(`${json}\n`);
}

function heapOf(run: unknown): unknown {
  if (isSkipped(run)) return run;
  const r = run as { heapUsedMiB?: number };
  return r.heapUsedMiB ?? skipped('not measured');
}

function growthOf(full: SchedulingRun, tenth: SchedulingRun): Record<string, number | string> {
  return {
    podsTimesNodesScored: round((full.pods * full.nodesScoredPerPod) / (tenth.pods * tenth.nodesScoredPerPod), 2),
    timeRatio: round(full.seconds / tenth.seconds, 2),
    usPerPodNodeScoredRatio: round(full.usPerPodNodeScored / tenth.usPerPodNodeScored, 2),
    meaning: 'timeRatio ≈ podsTimesNodesScored (usPerPodNodeScoredRatio ≈ 1) means cost is linear in pods × nodes scored',
  };
}

main().catch((e: unknown) => {
  console.error((e as Error).stack ?? e);
  process.exitCode = 1;
});
