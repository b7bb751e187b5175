import { describe, expect, it } from 'vitest';
import { parseScenarioFile, scenarioFileName, serializeScenarioFile } from './file';
import { defaultScenario } from './defaults';
import { summarizeState } from './summary';
import type { Action } from './types';

const actions: Action[] = [
  { type: 'exec', target: 'node-1', command: 'ip route' },
  { type: 'trace', from: 'default/client', to: '10.244.2.2' },
  { type: 'apply', manifest: 'kind: Pod\nmetadata:\n  name: x\n' },
  { type: 'sleep', ms: 2000 },
];

describe('scenario files', () => {
  it('round-trips JSON and YAML', () => {
    for (const f of ['json', 'yaml'] as const) {
      const text = serializeScenarioFile({ scenario: defaultScenario(), actions }, f);
      expect(parseScenarioFile(text, `a.${f}`)).toEqual({ scenario: defaultScenario(), actions });
      // Without a telling extension the format is guessed from the content.
      expect(parseScenarioFile(text, 'upload')).toEqual({ scenario: defaultScenario(), actions });
    }
  });

  it('accepts a bare scenario', () => {
    expect(parseScenarioFile(JSON.stringify(defaultScenario()), 's.json').actions).toEqual([]);
  });

  it('names the problem of a bad file', () => {
    expect(() => parseScenarioFile('', 'e.yaml')).toThrow('e.yaml: the file is empty');
    expect(() => parseScenarioFile('{"scenario":', 'e.json')).toThrow(/e\.json: not valid JSON/);
    expect(() => parseScenarioFile('a: [', 'e.yaml')).toThrow(/e\.yaml: not valid YAML/);
    expect(() => parseScenarioFile('[1,2]', 'e.json')).toThrow(/expected an object/);
    const s = { ...defaultScenario(), nodes: [{ name: '<img src=x>', role: 'worker', ip: '1.2.3.4', runtime: 'containerd' }] };
    expect(() => parseScenarioFile(JSON.stringify({ scenario: s }), 'e.json')).toThrow(/e\.json: scenario\.nodes\[0\]\.name/);
    expect(() => parseScenarioFile(JSON.stringify({ scenario: defaultScenario(), actions: [{ type: 'rm' }] }), 'e.json')).toThrow(/actions\[0\]\.type: unknown action/);
    expect(() => parseScenarioFile('x'.repeat(2_000_001), 'big.yaml')).toThrow(/the limit is/);
  });

  it('makes safe file names', () => {
    expect(scenarioFileName('My <Broken> cluster!', 'yaml')).toBe('my-broken-cluster.yaml');
    expect(scenarioFileName('///', 'json')).toBe('scenario.json');
  });

  it('summarizes a shared state', () => {
    const s = summarizeState({ scenario: defaultScenario(), actions });
    expect(s).toEqual({ scenarioName: 'default', preset: undefined, count: 4, lines: ['node-1$ ip route', 'trace default/client → 10.244.2.2', 'kubectl apply (Pod)', 'sleep 2s'] });
  });
});
