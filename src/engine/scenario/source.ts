/** Loads a scenario for the CLI: a shared URL (…#s=1.…), or a scenario file in JSON or YAML. */
import { parse } from 'yaml';
import { decodeState, type SharedState } from './url';
import { validateActions, validateScenario } from './validate';

export function loadScenarioSource(arg: string, readFile: (path: string) => string): SharedState {
  const hash = arg.indexOf('#');
  if (hash >= 0 || arg.startsWith('s=')) return decodeState(hash >= 0 ? arg.slice(hash + 1) : arg);
  let text: string;
  try {
    text = readFile(arg);
  } catch {
    throw new Error(`cannot read scenario file ${arg}`);
  }
  let data: unknown;
  try {
    data = arg.endsWith('.json') ? JSON.parse(text) : parse(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new Error(`${arg}: not valid ${arg.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
  const o = (data ?? {}) as Record<string, unknown>;
  // A file is either a bare scenario or { scenario, actions }.
  if (o.scenario !== undefined) return { scenario: validateScenario(o.scenario), actions: validateActions(o.actions ?? []) };
  return { scenario: validateScenario(o), actions: [] };
}
