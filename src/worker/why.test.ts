import { describe, expect, it } from 'vitest';
import { EngineHost } from './engine';

describe('worker: why and tryFix', () => {
  it('explains the last trace and tries its fix on a copy, leaving the live log as it was', async () => {
    const host = new EngineHost();
    await host.loadPreset('forward-drop');
    const t = await host.trace('default/client', '10.244.2.2');
    expect(t.trace.outcome).toBe('dropped');
    const before = await host.history();
    const why = await host.why();
    expect(why?.kind).toBe('chain-policy');
    const r = await host.tryFix(why!);
    expect(r.before.ok).toBe(false);
    expect(r.after.ok).toBe(true);
    expect(r.liveHashAfter).toBe(r.liveHash);
    expect(await host.history()).toEqual(before);
  });
});
