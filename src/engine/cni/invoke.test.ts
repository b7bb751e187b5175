import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import { presetById } from '../scenario/presets';
import { defaultScenario } from '../scenario/defaults';
import { cniCheck, CniError } from './invoke';

function bridgeSim(): Simulation {
  const { scenario, setup } = presetById('no-routes')!.build();
  return Simulation.replay(scenario, setup);
}

const sandboxOf = (sim: Simulation, node: string, name: string) => sim.ctx.runtimes.get(node)!.sandboxes.find((s) => s.name === name)!;

describe('CNI CHECK (spec 1.0) and the loopback plugin', () => {
  it('the runtime runs cni-loopback, then the pod network, and records both with their results', () => {
    const sim = bridgeSim();
    const calls = sim.ctx.hosts.get('node-2')!.cniCalls.filter((c) => c.args.podName === 'client');
    expect(calls.map((c) => `${c.args.command} ${c.plugin} ${c.args.ifname}`)).toEqual(['ADD loopback lo', 'ADD bridge eth0']);
    expect(calls[0].result!.ips[0].address).toBe('127.0.0.1/8');
    expect(calls[1].result!.ips[0].address).toMatch(/^10\.244\.2\.\d+\/24$/);
    expect(sim.ctx.hosts.get('node-2')!.files[`/var/lib/cni/results/bridge-${calls[1].args.containerId}-eth0`]).toContain('"kind":"cniCacheV1"');
  });

  it('CHECK passes on a healthy pod and fails with spec JSON once its veth is gone', () => {
    const sim = bridgeSim();
    const sb = sandboxOf(sim, 'node-2', 'client');
    cniCheck(sim.ctx, 'node-2', sb);
    const host = sim.ctx.net.ns('node-2');
    const veth = host.links.find((l) => l.peer?.ns === sb.netns)!.name;
    expect(sim.exec('node-2', `ip link del ${veth}`).exitCode).toBe(0);
    expect(() => cniCheck(sim.ctx, 'node-2', sb)).toThrow(CniError);
    const last = sim.ctx.hosts.get('node-2')!.cniCalls.at(-1)!;
    expect(last.args.command).toBe('CHECK');
    expect(JSON.parse(last.error!)).toEqual({ cniVersion: '1.0.0', code: 999, msg: `Interface name ${veth} not found` });
  });

  it('CHECK of a 0.3.1 list (flannel\'s) is refused by libcni, as on a real node', () => {
    const sim = Simulation.create(defaultScenario());
    expect(() => cniCheck(sim.ctx, 'node-1', sandboxOf(sim, 'node-1', 'client'))).toThrow('configuration version "0.3.1" does not support the CHECK command');
  });

  it('cnitool add|check|del with CNI_PATH, on a namespace made with ip netns add', () => {
    const sim = bridgeSim();
    expect(sim.exec('node-1', 'cnitool').output).toContain('cnitool check <net> <netns>');
    expect(sim.exec('node-1', 'ip netns add test').exitCode).toBe(0);
    expect(sim.exec('node-1', 'cnitool add bridge /var/run/netns/test').output).toBe('failed to find plugin "bridge" in path []');
    const add = sim.exec('node-1', 'CNI_PATH=/opt/cni/bin cnitool add bridge /var/run/netns/test');
    expect(add.exitCode).toBe(0);
    expect(JSON.parse(add.output).interfaces[2]).toMatchObject({ name: 'eth0', sandbox: '/var/run/netns/test' });
    expect(sim.exec('node-1', 'CNI_PATH=/opt/cni/bin cnitool check bridge /var/run/netns/test')).toMatchObject({ exitCode: 0, output: '' });
    expect(sim.exec('node-1', 'ip -n test addr del ' + JSON.parse(add.output).ips[0].address + ' dev eth0').exitCode).toBe(0);
    const bad = sim.exec('node-1', 'CNI_PATH=/opt/cni/bin cnitool check bridge /var/run/netns/test');
    expect(bad.exitCode).toBe(1);
    expect(bad.output).toMatch(/^Failed to match addr 10\.244\.1\.\d+\/24 on interface eth0$/);
    expect(sim.exec('node-1', 'CNI_PATH=/opt/cni/bin cnitool del bridge /var/run/netns/test').exitCode).toBe(0);
    expect(sim.exec('node-1', 'ip netns exec test ip link').output).not.toContain('eth0');
    expect(sim.exec('node-1', 'cnitool check nope /var/run/netns/test').output).toBe('no net configuration with name "nope" in /etc/cni/net.d');
  });
});
