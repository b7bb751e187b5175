import { describe, expect, it } from 'vitest';
import { failedName } from './dnsFail';

describe('failedName', () => {
  it('reads the name a failed lookup was for, from the tool\'s own words', () => {
    expect(failedName('default/client', 'nslookup web', "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find web.default.svc.cluster.local: NXDOMAIN\n")).toBe('web');
    expect(failedName('default/client', 'nslookup kubernetes', ';; connection timed out; no servers could be reached\n')).toBe('kubernetes');
    expect(failedName('default/client', 'dig +short @10.96.0.10 web.default', ';; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 1')).toBe('web.default');
    expect(failedName('default/client', 'curl http://shop/', 'curl: (6) Could not resolve host: shop')).toBe('shop');
    expect(failedName('default/client', 'wget -qO- http://shop:80/', "wget: bad address 'shop:80'")).toBe('shop');
    expect(failedName('default/client', 'ping web', "ping: bad address 'web'")).toBe('web');
  });

  it('stays quiet for nodes, answers and addresses', () => {
    expect(failedName('node-1', 'nslookup web', "** server can't find web: NXDOMAIN")).toBeUndefined();
    expect(failedName('default/client', 'nslookup kubernetes.default.svc.cluster.local', 'Name:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1')).toBeUndefined();
    expect(failedName('default/client', 'wget -qO- http://10.0.0.9/', "wget: bad address '10.0.0.9'")).toBeUndefined();
  });
});
