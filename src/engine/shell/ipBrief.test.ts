import { expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';

it('ip -br link / ip -br addr print one line per link in iproute2\'s brief columns', () => {
  const sim = Simulation.create();
  const link = sim.exec('node-1', 'ip -br link').output.split('\n');
  expect(link[0]).toBe('lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> ');
  expect(link.find((l) => l.startsWith('cni0 '))).toMatch(/^cni0 {13}UP {13}([0-9a-f]{2}:){5}[0-9a-f]{2} <BROADCAST,MULTICAST,UP,LOWER_UP> $/);
  expect(sim.exec('node-1', 'ip -br addr show dev cni0').output).toBe('cni0             UP             10.244.1.1/24 ');
  expect(sim.exec('default/client', 'ip -brief a').output.split('\n')[1]).toMatch(/^eth0@if\d+ +UP +10\.244\.1\.\d+\/24 $/);
  // Routes have no brief form: printed as usual.
  expect(sim.exec('node-1', 'ip -br route').output).toBe(sim.exec('node-1', 'ip route').output);
});
