/**
 * The only way the UI reaches the engine: a comlink proxy over the simulation worker.
 * Created lazily so importing this module does not spawn a worker.
 *
 * A watchdog guards every call: a worker that neither answers nor reports progress within
 * HUNG_MS (an endless loop in the engine, say) is terminated, every call waiting on it fails, and
 * the hang listeners are told what was being done so the UI can start a fresh worker from the
 * autosaved state. A long call (booting 1,000 nodes) reports progress every ~250 ms (ProgressMessage):
 * the page shows it, and each report that shows progress gives the call HUNG_MS more.
 */
import { wrap, type Remote } from 'comlink';
import { isProgressMessage, type EngineApi } from '../worker/protocol';
import type { Progress } from '../engine/sim/progress';
import { Watchdog } from './watchdog';
import { registerSnapshotWire } from '../worker/snapshotWire';

// A big snapshot's pods arrive in columns (a quick decode); unpacked here into the usual Snapshot.
registerSnapshotWire();

/** Time without an answer or progress before a call is called hung; `?watchdog=MS` overrides it for tests. */
const HUNG_MS = watchdogMs();

export interface HangInfo {
  /** The protocol method that did not return, e.g. "exec". */
  method: string;
  /** Its arguments, for the message the learner sees. */
  args: unknown[];
  afterMs: number;
  /** The worker still reported, but its progress stood still: a loop, not a long action. */
  stalled?: boolean;
}

export class EngineHungError extends Error {
  constructor(readonly info: HangInfo) {
    super(`the simulation did not answer within ${Math.round(info.afterMs / 1000)} s and was restarted`);
  }
}

interface Running {
  worker: Worker;
  remote: Remote<EngineApi>;
  /** Rejects every call still waiting on this worker. */
  pending: Set<(e: Error) => void>;
  /** One per worker: its progress reports keep every call waiting on it alive. */
  watchdog: Watchdog;
}

let running: Running | undefined;
let guarded: Remote<EngineApi> | undefined;
const errorListeners = new Set<(message: string) => void>();
const hangListeners = new Set<(info: HangInfo) => void>();
const progressListeners = new Set<(p: Progress | undefined) => void>();
/** A worker error raised before start() listened (the worker is spawned early, by boot.ts). */
let missedError: string | undefined;

function watchdogMs(): number {
  const given = typeof location === 'undefined' ? NaN : Number(new URLSearchParams(location.search).get('watchdog'));
  return Number.isFinite(given) && given >= 100 ? given : 30_000;
}

function spawn(): Running {
  const worker = new Worker(new URL('../worker/sim.worker.ts', import.meta.url), { type: 'module' });
  // A worker that fails to load never answers comlink: surface it instead of spinning forever.
  worker.addEventListener('error', (e) => {
    const msg = e.message || 'the simulation worker failed to start';
    if (errorListeners.size === 0) missedError = msg;
    errorListeners.forEach((l) => l(msg));
  });
  const r: Running = { worker, remote: wrap<EngineApi>(worker), pending: new Set(), watchdog: new Watchdog(HUNG_MS) };
  worker.addEventListener('message', (e: MessageEvent) => {
    if (!isProgressMessage(e.data) || running !== r) return;
    r.watchdog.report(e.data.progress);
    // The boot behind a baked first answer is not the learner's: the page already shows its cluster.
    if (booting?.worker !== r) progressListeners.forEach((l) => l(e.data.progress));
  });
  return r;
}

/** Terminates a hung worker; the next call starts a new one. */
function kill(r: Running, info: HangInfo): void {
  if (running !== r) return;
  running = undefined;
  r.worker.terminate();
  r.watchdog.dispose();
  const err = new EngineHungError(info);
  for (const reject of r.pending) reject(err);
  r.pending.clear();
  progressListeners.forEach((l) => l(undefined));
  hangListeners.forEach((l) => l(info));
}

/**
 * Runs `fn` in a task of its own. An answer is handed on this way: the browser decodes a worker's
 * message (a 10,000-pod snapshot, even packed, takes a few ms) in the task that delivers it, and the store update
 * and React render it causes would otherwise run in that same task, one long task instead of two.
 */
const nextTask: (fn: () => void) => void = (() => {
  if (typeof MessageChannel === 'undefined') return (fn: () => void) => void setTimeout(fn, 0);
  const queue: (() => void)[] = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => queue.shift()?.();
  return (fn: () => void) => {
    queue.push(fn);
    channel.port2.postMessage(null);
  };
})();

function call(method: string, args: unknown[], hungMs = HUNG_MS): Promise<unknown> {
  const r = (running ??= spawn());
  return new Promise((resolve, reject) => {
    let unwatch: (() => void) | undefined;
    let settled = false;
    const arm = (): void => {
      if (!settled) unwatch = r.watchdog.watch((stalled) => kill(r, { method, args, afterMs: hungMs, stalled }), hungMs);
    };
    // While the worker still boots the cluster the page already drew (a baked first answer), a call
    // waits behind that load: its watchdog starts once the load is done, or it would count the boot.
    if (booting && booting.worker === r) booting.done.then(arm, arm);
    else arm();
    const done = (): void => {
      settled = true;
      unwatch?.();
      r.pending.delete(reject);
      if (r.pending.size === 0 && running === r) progressListeners.forEach((l) => l(undefined));
    };
    r.pending.add(reject);
    const fn = (r.remote as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method];
    fn(...args).then(
      (v) => {
        done();
        nextTask(() => resolve(v));
      },
      (e: unknown) => {
        done();
        nextTask(() => reject(e instanceof Error ? e : new Error(String(e))));
      },
    );
  });
}

/** A call started before the app asked for it (boot.ts: the first load while the main bundle still loads). */
let early: { method: string; args: string; result: Promise<unknown> } | undefined;

/** The worker and its still-running load whose answer the page already drew from a baked snapshot. */
let booting: { worker: Running; done: Promise<void> } | undefined;

/** The worker's own answer to a prefetch that was answered at once from `instant`. */
let late: { value: unknown } | undefined;
const lateListeners = new Set<(answer: unknown) => void>();

/**
 * Starts the worker and a call now; the first call() with the same method and arguments gets its
 * answer — or `instant` right away (the baked first snapshot), the worker's answer going to
 * onLateAnswer listeners when it comes.
 */
export function prefetch(method: string, args: unknown[], instant?: unknown): void {
  // The boot competes with the page's own start-up for the CPU: a short `?watchdog=` is for actions, not for it.
  const result = call(method, args, Math.max(HUNG_MS, 30_000));
  result.catch(() => undefined); // reported to whoever takes it
  early = { method, args: JSON.stringify(args), result: instant === undefined ? result : Promise.resolve(instant) };
  if (instant !== undefined) {
    const b = { worker: running!, done: result.then(
      () => undefined,
      () => undefined,
    ) };
    booting = b;
    const over = () => {
      if (booting === b) booting = undefined;
    };
    result.then(over, over);
    result.then(
      (value) => {
        late = { value };
        lateListeners.forEach((l) => l(value));
      },
      () => undefined,
    );
  }
}

/** The worker's answer to a prefetch the page already drew from its baked answer (at once if it came already). */
export function onLateAnswer(listener: (answer: unknown) => void): () => void {
  lateListeners.add(listener);
  if (late) listener(late.value);
  return () => lateListeners.delete(listener);
}

function takeEarly(method: string, args: unknown[]): Promise<unknown> | undefined {
  const e = early;
  early = undefined;
  return e && e.method === method && e.args === JSON.stringify(args) ? e.result : undefined;
}

export function getEngine(): Remote<EngineApi> {
  guarded ??= new Proxy({} as Remote<EngineApi>, {
    // Not thenable: `await getEngine()` must not mistake the proxy for a promise.
    get: (_, method) => (typeof method === 'string' && method !== 'then' ? (...args: unknown[]) => takeEarly(method, args) ?? call(method, args) : undefined),
  });
  return guarded;
}

export function onEngineError(listener: (message: string) => void): () => void {
  errorListeners.add(listener);
  if (missedError !== undefined) listener(missedError);
  missedError = undefined;
  return () => errorListeners.delete(listener);
}

/** Progress reports of the call running now; undefined once no call is waiting (or the worker was terminated). */
export function onEngineProgress(listener: (p: Progress | undefined) => void): () => void {
  progressListeners.add(listener);
  return () => progressListeners.delete(listener);
}

/** Called after a hung worker was terminated (the next getEngine() call starts a fresh one). */
export function onEngineHung(listener: (info: HangInfo) => void): () => void {
  hangListeners.add(listener);
  return () => hangListeners.delete(listener);
}
