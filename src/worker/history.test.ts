import { describe, expect, it } from 'vitest';
import { EngineHost } from './engine';
import { presetInfos } from '../engine/scenario/presets';

describe('undo and redo (replaying the log)', () => {
  it('undo returns to the exact earlier state, redo to the later one', async () => {
    const host = new EngineHost();
    const start = await host.load('');
    expect(await host.history()).toEqual({ undo: 0, redo: 0 });
    await host.exec('control-plane', 'kubectl scale deployment web --replicas=1');
    const t = await host.trace('default/client', '10.244.2.2');
    expect(await host.history()).toEqual({ undo: 2, redo: 0 });

    const u1 = await host.undo();
    expect(u1.action?.type).toBe('trace');
    expect(u1.trace).toBeUndefined();
    expect(u1.history).toEqual({ undo: 1, redo: 1 });
    const u2 = await host.undo();
    expect(u2.action).toEqual({ type: 'exec', target: 'control-plane', command: 'kubectl scale deployment web --replicas=1' });
    expect(u2.snapshot.hash).toBe(start.snapshot.hash);
    expect(u2.history).toEqual({ undo: 0, redo: 2 });
    const none = await host.undo();
    expect(none.action).toBeUndefined();

    await host.redo();
    const r2 = await host.redo();
    expect(r2.action?.type).toBe('trace');
    expect(r2.snapshot.hash).toBe(t.snapshot.hash);
    expect(r2.trace?.steps.length).toBe(t.trace.steps.length);
    expect(r2.history).toEqual({ undo: 2, redo: 0 });
  });

  it('a new action drops the redo stack', async () => {
    const host = new EngineHost();
    await host.load('');
    await host.exec('node-1', 'ip route');
    await host.undo();
    expect((await host.history()).redo).toBe(1);
    await host.exec('node-1', 'ip addr');
    expect(await host.history()).toEqual({ undo: 1, redo: 0 });
    expect((await host.redo()).action).toBeUndefined();
  });

  it('does not undo a preset’s setup', async () => {
    const host = new EngineHost();
    const id = presetInfos()[0].id;
    const loaded = await host.loadPreset(id);
    expect(await host.history()).toEqual({ undo: 0, redo: 0 });
    await host.exec('node-1', 'ip route');
    const u = await host.undo();
    expect(u.snapshot.hash).toBe(loaded.snapshot.hash);
    expect(u.snapshot.preset).toBe(loaded.snapshot.preset);
  });

  it('still stops at a preset’s setup after a reload (restore) or a file', async () => {
    const host = new EngineHost();
    await host.loadPreset('forward-drop');
    await host.exec('node-1', 'ip route');
    const frag = await host.shareFragment({ panel: 'trace' });
    const file = await host.exportFile('json');
    for (const open of [(h: EngineHost) => h.restore(frag), (h: EngineHost) => h.loadFile(file.text, file.fileName), (h: EngineHost) => h.load(frag)]) {
      const other = new EngineHost();
      expect((await open(other)).error).toBeUndefined();
      expect(await other.history()).toEqual({ undo: 1, redo: 0 });
    }
  });
});

describe('files and restore', () => {
  it('a downloaded file uploads to the same state (JSON and YAML)', async () => {
    const a = new EngineHost();
    await a.load('');
    await a.exec('control-plane', 'kubectl get pods');
    const done = await a.trace('default/client', '10.244.2.2');
    for (const format of ['json', 'yaml'] as const) {
      const file = await a.exportFile(format);
      expect(file.fileName).toBe(`default.${format}`);
      const b = new EngineHost();
      await b.load('');
      const r = await b.loadFile(file.text, file.fileName);
      expect(r.error).toBeUndefined();
      expect(r.snapshot.hash).toBe(done.snapshot.hash);
      expect(r.trace?.steps.length).toBe(done.trace.steps.length);
    }
  });

  it('a bad file names the problem and keeps the current state', async () => {
    const host = new EngineHost();
    await host.load('');
    const before = (await host.exec('node-1', 'ip route')).snapshot.hash;
    const bad = await host.loadFile('{"scenario": {"name": 1}}', 'x.json');
    expect(bad.error).toMatch(/x\.json: scenario\.name/);
    expect(bad.snapshot.hash).toBe(before);
    expect((await host.loadFile('{oops', 'x.json')).error).toMatch(/not valid JSON/);
    expect((await host.history()).undo).toBe(1);
  });

  it('restore keeps the current state on a damaged fragment', async () => {
    const host = new EngineHost();
    await host.load('');
    await host.exec('node-1', 'ip route');
    const frag = await host.shareFragment({ panel: 'terminal' });
    const other = new EngineHost();
    const ok = await other.restore(frag);
    expect(ok.error).toBeUndefined();
    expect(ok.view).toEqual({ panel: 'terminal' });
    const bad = await other.restore('s=1.AAAA');
    expect(bad.error).toBeTruthy();
    expect(bad.snapshot.hash).toBe(ok.snapshot.hash);
  });

  it('exports a kind script', async () => {
    const host = new EngineHost();
    await host.load('');
    const k = await host.exportKind();
    expect(k.fileName).toBe('default-kind.sh');
    expect(k.text).toContain('kind create cluster --config kind-config.yaml');
  });
});

describe('watch refreshes', () => {
  it('stay out of the log when they change nothing, and are logged when they do', async () => {
    const host = new EngineHost();
    await host.load('');
    const before = (await host.history()).undo;
    for (let i = 0; i < 3; i++) expect((await host.peek('control-plane', 'kubectl get pods')).output).toContain('client');
    expect((await host.history()).undo).toBe(before);
    await host.peek('control-plane', 'kubectl scale deployment web --replicas=1');
    expect((await host.history()).undo).toBe(before + 1);
  });
});
