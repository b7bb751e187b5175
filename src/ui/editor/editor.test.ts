import { describe, expect, it } from 'vitest';
import { validateManifest } from './validate';
import { placeAt } from './yamlPath';
import { keysAt } from './schema';
import { EXAMPLES } from './examples';

describe('validateManifest', () => {
  it('accepts every gallery example', () => {
    for (const ex of EXAMPLES) expect(validateManifest(ex.yaml), ex.id).toEqual([]);
  });
  it('reports YAML syntax errors', () => {
    expect(validateManifest('kind: Pod\n  bad: [').length).toBeGreaterThan(0);
  });
  it('requires apiVersion, kind, metadata.name and a known kind', () => {
    const msgs = (t: string) => validateManifest(t).map((p) => p.message).join('\n');
    expect(msgs('kind: Pod\nmetadata:\n  name: a\n')).toContain('apiVersion is required');
    expect(msgs('apiVersion: v1\nmetadata:\n  name: a\n')).toContain('kind is required');
    expect(msgs('apiVersion: v1\nkind: Pod\nmetadata: {}\n')).toContain('metadata.name is required');
    expect(msgs('apiVersion: v1\nkind: Widget\nmetadata:\n  name: a\n')).toContain('unknown kind "Widget"');
    expect(msgs('apiVersion: v1\nkind: Deployment\nmetadata:\n  name: a\n')).toContain('apps/v1');
  });
  it('checks each document of a multi-document manifest', () => {
    const text = `${EXAMPLES[0].yaml}---\napiVersion: v1\nkind: Service\n`;
    const problems = validateManifest(text);
    expect(problems).toHaveLength(1);
    expect(problems[0].from).toBeGreaterThan(EXAMPLES[0].yaml.length);
  });
});

describe('placeAt', () => {
  it('finds the key path under a list item and the kind', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: c\n      ima';
    const p = placeAt(text, text.length)!;
    expect(p.path).toEqual(['spec', 'containers', '*']);
    expect(p.kind).toBe('Pod');
    expect(keysAt(p.path, p.kind)).toContain('image');
  });
  it('knows a value is being typed', () => {
    const text = 'apiVersion: v1\nkind: Se';
    expect(placeAt(text, text.length)).toMatchObject({ mode: 'value', key: 'kind', word: 'Se' });
  });
  it('offers a Deployment spec its own keys', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  re';
    const p = placeAt(text, text.length)!;
    expect(keysAt(p.path, p.kind)).toContain('replicas');
  });
});
