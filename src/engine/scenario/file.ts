/**
 * Scenario files: `{ scenario, actions }` as JSON or YAML, the same shape the CLI reads
 * (source.ts). Parsing validates exactly as a shared link does and names the problem.
 */
import { parse, stringify } from 'yaml';
import type { SharedState } from './url';
import { validateActions, validateScenario } from './validate';
import { importClusterDump, looksLikeClusterDump } from './importDump';

export const MAX_FILE_BYTES = 2_000_000;

export type FileFormat = 'json' | 'yaml';

export function serializeScenarioFile(state: Pick<SharedState, 'scenario' | 'actions'>, format: FileFormat): string {
  const body = { scenario: state.scenario, actions: state.actions };
  if (format === 'json') return JSON.stringify(body, null, 2) + '\n';
  return `# A Kube Network Playground scenario: open it with "Upload" or \`npm run sim -- --scenario FILE\`.\n${stringify(body, { lineWidth: 0 })}`;
}

/** A file name for a download, from the scenario name (only safe characters). */
export function scenarioFileName(name: string, format: FileFormat): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'scenario';
  return `${base}.${format === 'json' ? 'json' : 'yaml'}`;
}

/**
 * Reads a scenario file (JSON or YAML; by extension, else by its first character).
 * Throws an Error whose message names the problem; a bare scenario is accepted too, and so is
 * a `kubectl get ... -o yaml` dump of a real cluster (importDump.ts), whose notes say what
 * was taken over.
 */
export function parseScenarioFile(text: string, fileName = 'scenario'): Pick<SharedState, 'scenario' | 'actions'> & { notes?: string[] } {
  if (text.length > MAX_FILE_BYTES) throw new Error(`${fileName}: the file is ${text.length} bytes; the limit is ${MAX_FILE_BYTES}`);
  if (text.trim() === '') throw new Error(`${fileName}: the file is empty`);
  if (looksLikeClusterDump(text)) return importDump(text, fileName);
  const lower = fileName.toLowerCase();
  const isJson = lower.endsWith('.json') || (!/\.ya?ml$/.test(lower) && /^\s*[{[]/.test(text));
  let data: unknown;
  try {
    data = isJson ? JSON.parse(text) : parse(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new Error(`${fileName}: not valid ${isJson ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error(`${fileName}: expected an object with "scenario" and "actions"`);
  const o = data as Record<string, unknown>;
  try {
    if (o.scenario !== undefined) return { scenario: validateScenario(o.scenario), actions: validateActions(o.actions ?? []) };
    return { scenario: validateScenario(o), actions: [] };
  } catch (e) {
    throw new Error(`${fileName}: ${(e as Error).message}`, { cause: e });
  }
}

function importDump(text: string, fileName: string): Pick<SharedState, 'scenario' | 'actions'> & { notes: string[] } {
  let imported;
  try {
    imported = importClusterDump(text, fileName);
  } catch (e) {
    const msg = (e as Error).message;
    throw new Error(msg.startsWith(`${fileName}:`) ? msg : `${fileName}: ${msg}`, { cause: e });
  }
  try {
    return { scenario: validateScenario(imported.scenario), actions: [], notes: imported.notes };
  } catch (e) {
    throw new Error(`${fileName}: the cluster in this dump cannot be simulated: ${(e as Error).message}`, { cause: e });
  }
}
