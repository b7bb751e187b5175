import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, toBase64Url } from './url';
import { defaultScenario } from './defaults';
import { deflateSync, strToU8 } from 'fflate';

const view = { panel: 'trace' as const, selected: { kind: 'pod' as const, id: 'default/client' }, trace: { from: 'default/client', to: '10.244.2.2', step: 6 } };

describe('the shareable URL', () => {
  it('round-trips scenario, actions and view', () => {
    const actions = [{ type: 'exec' as const, target: 'control-plane', command: 'kubectl get pods -o wide' }, { type: 'trace' as const, from: 'default/client', to: '10.244.2.2' }];
    const frag = encodeState({ scenario: defaultScenario(), actions, view });
    expect(frag).toMatch(/^s=1\.[A-Za-z0-9_-]+$/);
    const back = decodeState(`#${frag}`);
    expect(back.scenario).toEqual(defaultScenario());
    expect(back.actions).toEqual(actions);
    expect(back.view).toEqual(view);
  });

  it('keeps the default scenario\'s link short', () => {
    const frag = encodeState({ scenario: defaultScenario(), actions: [], view });
    expect(frag.length).toBeLessThan(300);
    const custom = { ...defaultScenario(), seed: 9 };
    expect(encodeState({ scenario: custom, actions: [], view }).length).toBeLessThan(2000);
  });

  it('names the problem of a broken link', () => {
    expect(() => decodeState('garbage')).toThrow(/no scenario/);
    expect(() => decodeState('s=garbage')).toThrow(/no version number/);
    expect(() => decodeState('s=9.abc')).toThrow(/newer version of the playground \(format 9/);
    expect(() => decodeState('s=1.a*b')).toThrow(/not base64url/);
    expect(() => decodeState('s=1.AAAAAAAA')).toThrow(/damaged/);
    const good = encodeState({ scenario: defaultScenario(), actions: [], view });
    expect(() => decodeState(good.slice(0, good.length - 10))).toThrow(/damaged|cut off/);
    expect(() => decodeState('s=1.' + 'A'.repeat(300_000))).toThrow(/limit is/);
  });

  it('refuses a link that unpacks to a huge payload, without unpacking all of it', () => {
    const bomb = `s=1.${toBase64Url(deflateSync(strToU8(' '.repeat(50_000_000))))}`;
    expect(bomb.length).toBeLessThan(200_000);
    expect(() => decodeState(bomb)).toThrow(/unpacks to more than 2000000 bytes/);
  });

  it('validates what it decodes and says where the problem is', () => {
    const pack = (o: unknown): string => `s=1.${toBase64Url(deflateSync(strToU8(JSON.stringify(o))))}`;
    const bad = defaultScenario();
    bad.nodes[1].ip = '10.0.0';
    expect(() => decodeState(pack({ v: 1, scenario: bad, actions: [] }))).toThrow('scenario.nodes[1].ip: "10.0.0" is not an IPv4 address');
    const badCidr = defaultScenario();
    badCidr.cluster.podCIDR = '10.244.0.0/33';
    expect(() => decodeState(pack({ v: 1, scenario: badCidr, actions: [] }))).toThrow(/scenario.cluster.podCIDR: "10.244.0.0\/33" is not a CIDR/);
    expect(() => decodeState(pack({ v: 1, actions: [{ type: 'rm -rf' }] }))).toThrow(/actions\[0\].type: unknown action "rm -rf"/);
    expect(() => decodeState(pack({ v: 2, actions: [] }))).toThrow(/unknown format version/);
    expect(() => decodeState(pack([1, 2, 3]))).toThrow(/unknown format version/);
  });

  it('drops a malformed view instead of failing', () => {
    const pack = (o: unknown): string => `s=1.${toBase64Url(deflateSync(strToU8(JSON.stringify(o))))}`;
    const s = decodeState(pack({ v: 1, actions: [], view: { panel: '<script>', selected: { kind: 'pod', id: 42 }, trace: { from: 'a', to: 'b', step: -1 } } }));
    expect(s.view).toEqual({ panel: 'trace' });
  });
});
