import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import { PRESETS } from './presets';
import { decodeState, encodeState } from './url';

function reach(sim: Simulation): Record<string, boolean> {
  const client = sim.pods().find((p) => p.metadata.name === 'client');
  if (!client) return {};
  const out: Record<string, boolean> = {};
  for (const p of sim.pods()) {
    if (p === client || !p.status?.podIP) continue;
    const where = p.spec.nodeName === client.spec.nodeName ? 'same-node' : 'other-node';
    out[`${where}`] = (out[where] ?? true) && sim.trace('default/client', p.status.podIP).replied;
  }
  out.internet = sim.trace('default/client', '8.8.8.8').replied;
  return out;
}

describe('presets', () => {
  it('every preset boots, replays from its own link, and broken ones break what they say', () => {
    for (const preset of PRESETS) {
      const { scenario, setup } = preset.build();
      const sim = Simulation.replay(scenario, setup);
      const link = encodeState({ scenario: sim.scenario, actions: sim.actions });
      const back = decodeState(link);
      expect(Simulation.replay(back.scenario, back.actions).stateHash(), preset.id).toBe(sim.stateHash());
      expect(link.length, `${preset.id} link length`).toBeLessThan(2000);
    }
  });

  it('forward-drop: pods cannot talk, not even on one bridge; the ACCEPT rules fix it', () => {
    const p = PRESETS.find((x) => x.id === 'forward-drop')!;
    const { scenario, setup } = p.build();
    const sim = Simulation.replay(scenario, setup);
    expect(reach(sim)).toEqual({ 'same-node': false, 'other-node': false, internet: false });
    expect(sim.trace('default/client', '10.244.2.2').reason).toMatch(/DROP by filter\/FORWARD \(the chain's policy\)/);
    for (const a of p.fix!) sim.apply(a);
    expect(reach(sim)).toEqual({ 'same-node': true, 'other-node': true, internet: true });
  });

  it('no-masquerade: pod to pod works, the internet does not; a MASQUERADE rule fixes it', () => {
    const p = PRESETS.find((x) => x.id === 'no-masquerade')!;
    const { scenario, setup } = p.build();
    const sim = Simulation.replay(scenario, setup);
    expect(reach(sim)).toEqual({ 'same-node': true, 'other-node': true, internet: false });
    for (const a of p.fix!) sim.apply(a);
    expect(reach(sim)).toEqual({ 'same-node': true, 'other-node': true, internet: true });
  });
});
