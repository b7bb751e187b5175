import { describe, expect, it } from 'vitest';
import { Simulation } from '../../sim/simulation';
import { defaultScenario } from '../../scenario/defaults';
import { dnatChainName } from './portmap';

const HOSTPORT_POD = `apiVersion: v1
kind: Pod
metadata:
  name: hp
spec:
  containers:
  - name: web
    image: nginx
    ports:
    - containerPort: 80
      hostPort: 8080
`;

describe('the portmap plugin (hostPort)', () => {
  it('writes the CNI-HOSTPORT-DNAT / CNI-DN chains; another node reaches the pod at NODE_IP:8080; DEL removes them', () => {
    const sim = Simulation.create(defaultScenario());
    expect(sim.applyManifest(HOSTPORT_POD).exitCode).toBe(0);
    sim.sleep(5000);
    const pod = sim.pods().find((p) => p.metadata.name === 'hp')!;
    const podIp = pod.status!.podIP!;
    const node = pod.spec.nodeName!;
    const other = node === 'node-1' ? 'node-2' : 'node-1';
    const nodeIp = sim.ctx.hosts.get(node)!.ip;
    const sb = sim.ctx.runtimes.get(node)!.sandboxes.find((s) => s.name === 'hp')!;
    const dn = dnatChainName('cbr0', sb.id);
    expect(dn).toMatch(/^CNI-DN-[0-9a-f]{21}$/);
    const nat = sim.exec(node, 'iptables-save -t nat').output;
    for (const line of [
      `:CNI-HOSTPORT-DNAT - [0:0]`,
      `-A PREROUTING -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT`,
      `-A OUTPUT -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT`,
      `-A POSTROUTING -m comment --comment "CNI portfwd requiring masquerade" -j CNI-HOSTPORT-MASQ`,
      `-A CNI-HOSTPORT-DNAT -p tcp -m comment --comment "dnat name: \\"cbr0\\" id: \\"${sb.id}\\"" -m multiport --dports 8080 -j ${dn}`,
      `-A ${dn} -s ${podIp.replace(/\.\d+$/, '.0')}/24 -p tcp -m tcp --dport 8080 -j CNI-HOSTPORT-SETMARK`,
      `-A ${dn} -s 127.0.0.1/32 -p tcp -m tcp --dport 8080 -j CNI-HOSTPORT-SETMARK`,
      `-A ${dn} -p tcp -m tcp --dport 8080 -j DNAT --to-destination ${podIp}:80`,
      `-A CNI-HOSTPORT-MASQ -m mark --mark 0x2000/0x2000 -j MASQUERADE`,
      `-A CNI-HOSTPORT-SETMARK -m comment --comment "CNI portfwd masquerade mark" -j MARK --set-xmark 0x2000/0x2000`,
    ]) expect(nat).toContain(line);

    const curl = sim.exec(other, `curl -s -m 2 -o /dev/null -w "%{http_code}" http://${nodeIp}:8080/`);
    expect(curl.output).toBe('200');
    const dnat = sim.probes.at(-1)!.trace.steps.find((s) => s.host === node && s.summary.includes('DNAT'))!;
    expect(dnat.summary).toContain(`${podIp}:80`);

    expect(sim.exec('control-plane', 'kubectl delete pod hp').exitCode).toBe(0);
    sim.sleep(40_000);
    const after = sim.exec(node, 'iptables-save -t nat').output;
    expect(after).not.toContain(dn);
    expect(after).toContain(':CNI-HOSTPORT-DNAT - [0:0]');
    expect(sim.exec(other, `curl -s -m 2 http://${nodeIp}:8080/`).exitCode).toBe(7);
  });

  it('the scheduler refuses a second pod with the same hostPort on that node', () => {
    const sim = Simulation.create(defaultScenario());
    expect(sim.applyManifest(HOSTPORT_POD).exitCode).toBe(0);
    expect(sim.applyManifest(HOSTPORT_POD.replace('name: hp', 'name: hp2').replace('nodeName: node-1\n', '')).exitCode).toBe(0);
    sim.sleep(5000);
    const nodes = sim.pods().filter((p) => p.metadata.name.startsWith('hp')).map((p) => p.spec.nodeName);
    expect(new Set(nodes).size).toBe(2);
  });
});
