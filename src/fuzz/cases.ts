/**
 * One hostile input, one verdict. The rule for every case: a clear error message (or a
 * valid result), no exception escaping, and no change to the state when the input was bad.
 */
import { Simulation } from '../engine/sim/simulation';
import { decodeState } from '../engine/scenario/url';
import { validateScenario } from '../engine/scenario/validate';
import { defaultScenario } from '../engine/scenario/defaults';

export interface Verdict {
  ok: boolean;
  /** Why the case failed (for the report). */
  problem?: string;
}

const pass: Verdict = { ok: true };
const failure = (problem: string): Verdict => ({ ok: false, problem });

export function urlCase(fragment: string): Verdict {
  try {
    decodeState(fragment);
    return pass;
  } catch (e) {
    if (!(e instanceof Error)) return failure(`threw a non-Error: ${String(e)}`);
    if (e.message.length < 10) return failure(`unclear message "${e.message}"`);
    return pass;
  }
}

/** Tools whose failure is a network outcome, not bad input: they may change caches and counters. */
const NETWORK_TOOLS = /^\s*(sudo\s+)?(ping|curl|wget|traceroute|sleep)\b/;

export function commandCase(sim: Simulation, target: string, command: string): Verdict {
  const before = sim.stateHash();
  let r: { output: string; exitCode: number };
  try {
    r = sim.exec(target, command);
  } catch (e) {
    return failure(`exception escaped: ${(e as Error).message}`);
  }
  if (typeof r.output !== 'string') return failure('output is not text');
  if (r.exitCode !== 0 && !NETWORK_TOOLS.test(command) && sim.stateHash() !== before) return failure(`failed (exit ${r.exitCode}) but changed the state: ${r.output.slice(0, 120)}`);
  if (r.exitCode !== 0 && r.output.trim() === '' && !/^\s*(grep|false)\b|\|\s*grep/.test(command)) return failure('failed without a message');
  return pass;
}

export function manifestCase(sim: Simulation, text: string): Verdict {
  const before = sim.stateHash();
  let r: { output: string; exitCode: number };
  try {
    r = sim.applyManifest(text);
  } catch (e) {
    return failure(`exception escaped: ${(e as Error).message}`);
  }
  if (r.exitCode !== 0 && !/created|configured/.test(r.output) && sim.stateHash() !== before) return failure(`refused but changed the state: ${r.output.slice(0, 160)}`);
  if (r.exitCode !== 0 && r.output.trim().length < 10) return failure(`unclear message "${r.output}"`);
  return pass;
}

export function cidrCase(text: string): Verdict {
  const s = defaultScenario();
  s.cluster.podCIDR = text;
  try {
    validateScenario(s);
    return pass;
  } catch (e) {
    if (!(e instanceof Error)) return failure('threw a non-Error');
    if (!e.message.startsWith('scenario.cluster.')) return failure(`message does not name the field: ${e.message}`);
    return pass;
  }
}
