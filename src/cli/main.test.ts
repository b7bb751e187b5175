import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from './main';
import { encodeState } from '../engine/scenario/url';
import { defaultScenario } from '../engine/scenario/defaults';

function run(argv: string[], files: Record<string, string> = {}): { code: number; out: string } {
  const lines: string[] = [];
  const code = runCli(argv, (l) => lines.push(l), (p) => {
    if (!(p in files)) throw new Error('ENOENT');
    return files[p];
  });
  return { code, out: lines.join('\n') };
}

describe('npm run sim', () => {
  it('runs commands in terminals and prints them as the terminal would', () => {
    const r = run(['--exec', 'control-plane: kubectl get nodes', '--exec', 'default/client: ping -c 1 10.244.2.2']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^root@control-plane:~# kubectl get nodes\nNAME {12}STATUS/);
    expect(r.out).toContain('/ # ping -c 1 10.244.2.2\nPING 10.244.2.2 (10.244.2.2): 56 data bytes');
  });

  it('exits with the last command\'s status', () => {
    expect(run(['--exec', 'node-1: nosuchcmd']).code).toBe(127);
  });

  it('loads a shared URL and replays its actions', () => {
    const frag = encodeState({ scenario: defaultScenario(), actions: [{ type: 'sleep', ms: 600_000 }] });
    const r = run(['--scenario', `http://127.0.0.1:4173/#${frag}`, '--exec', 'control-plane: kubectl get nodes']);
    // Ten simulated minutes have passed: the AGE column says so.
    expect(r.out).toMatch(/control-plane {3}Ready {4}control-plane {3}10m {3}/);
  });

  it('loads a scenario file in YAML and refuses a broken one with the reason', () => {
    const s = defaultScenario();
    s.nodes.push({ name: 'node-3', role: 'worker', ip: '192.168.56.13', runtime: 'cri-o' });
    const r = run(['--scenario', 'four.yaml', '--exec', 'control-plane: kubectl get nodes -o wide'], { 'four.yaml': stringify(s) });
    expect(r.out).toMatch(/node-3 .*cri-o:\/\/1\.34\.1/);
    expect(() => run(['--scenario', 'bad.yaml'], { 'bad.yaml': 'name: x\nseed: -1\n' })).toThrow('scenario.seed: must be an integer between 0 and 4294967295');
    expect(() => run(['--scenario', 'missing.yaml'])).toThrow('cannot read scenario file missing.yaml');
    expect(() => run(['--bogus'])).toThrow(/unknown option --bogus/);
  });

  it('traces and verifies lessons headlessly', () => {
    const t = run(['--trace', 'default/client:10.244.2.2']);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/vxlan|encapsulates/);
    expect(t.out.split('\n').at(-1)).toBe('outcome: delivered');
    const l = run(['--lesson', 'first-packet']);
    expect(l.code).toBe(0);
    expect(l.out).toContain('lesson complete');
  });
});

describe('npm run sim --preset', () => {
  it('starts from a ready-made scenario and names the known ones when wrong', () => {
    const r = run(['--preset', 'vagrant-flannel', '--exec', 'node-1: ip route | head -1']);
    expect(r.out).toContain('default via 10.0.2.2 dev enp0s3 proto dhcp src 10.0.2.15 metric 100');
    expect(() => run(['--preset', 'nope'])).toThrow(/unknown preset "nope"; known: default, no-cni/);
  });

  it('--why explains the last trace and tries the fix on a copy', () => {
    const r = run(['--preset', 'forward-drop', '--trace', 'default/client:10.244.2.2', '--why', 'trace']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('cause: chain-policy\nevidence: node-1# iptables -L FORWARD -n --line-numbers\n  Chain FORWARD (policy DROP)');
    expect(r.out).toContain('  node-1# iptables -I FORWARD 1 -s 10.244.0.0/16 -j ACCEPT');
    expect(r.out).toContain('on a copy: after the fix: delivered and answered');
    expect(() => run(['--why', 'trace'])).toThrow('--why trace needs a --trace before it');
  });
});
