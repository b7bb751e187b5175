/**
 * Build-time Node script (vite.config.ts runs it with tsx): the worker's answer to the first
 * load('') of a fresh visit — the default cluster — as JSON. The engine is deterministic, so the
 * built page can draw this at once while the worker boots the same cluster (boot.ts); the
 * worker's own answer replaces it when it arrives.
 */
import { Simulation } from '../engine/sim/simulation';
import type { LoadResult } from '../worker/protocol';

const first: LoadResult = { snapshot: Simulation.create().snapshot() };
process.stdout.write(JSON.stringify(first));
