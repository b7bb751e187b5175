import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import { splitShortOptions } from './getopt';

describe('ping options', () => {
  it('reads getopt-style short options: -c1, -qc 2, -s 100', () => {
    expect(splitShortOptions(['-c1', '10.0.0.1'], 'csMiW')).toEqual(['-c', '1', '10.0.0.1']);
    expect(splitShortOptions(['-qc', '2', 'x'], 'csMiW')).toEqual(['-q', '-c', '2', 'x']);
    expect(splitShortOptions(['-Mdo', '-s', '100'], 'csMiW')).toEqual(['-M', 'do', '-s', '100']);
  });

  it('ping -c1 from a pod, -q prints only the summary, -i spaces the echoes in simulated time', () => {
    const sim = Simulation.create();
    const web = sim.pods().find((p) => p.metadata.name.startsWith('web-'))!.status!.podIP!;
    const one = sim.exec('default/client', `ping -c1 ${web}`);
    expect(one.exitCode).toBe(0);
    expect(one.output).toContain('1 packets transmitted, 1 packets received, 0% packet loss');
    const quiet = sim.exec('node-1', `ping -q -c 2 ${web}`).output.split('\n');
    expect(quiet[0]).toBe(`PING ${web} (${web}) 56(84) bytes of data.`);
    expect(quiet.some((l) => l.includes('icmp_seq='))).toBe(false);
    expect(quiet.find((l) => l.startsWith('2 packets'))).toMatch(/^2 packets transmitted, 2 received, 0% packet loss, time 100\dms$/);
    const t0 = sim.ctx.clock.now;
    expect(sim.exec('node-1', `ping -c 3 -i 0.2 ${web}`).output).toMatch(/3 packets transmitted, 3 received, 0% packet loss, time 40\dms/);
    expect(sim.ctx.clock.now - t0).toBeLessThan(1000);
    expect(sim.exec('node-1', `ping -c 1 -i 0 ${web}`).output).toBe('ping: bad timing interval: 0');
  });
});
