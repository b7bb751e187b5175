import { describe, expect, it } from 'vitest';
import { sepChain, servicePortName, svcChain } from './chainNames';

describe('kube-proxy chain names', () => {
  it('match the well-known names of real clusters', () => {
    expect(svcChain(servicePortName('default', 'kubernetes', 'https'), 'TCP')).toBe('KUBE-SVC-NPX46M4PTMTKRN6Y');
    expect(svcChain(servicePortName('kube-system', 'kube-dns', 'dns'), 'UDP')).toBe('KUBE-SVC-TCOU7JCQXEZGVUNU');
    expect(svcChain(servicePortName('kube-system', 'kube-dns', 'dns-tcp'), 'TCP')).toBe('KUBE-SVC-ERIFXISQEP7F7OF4');
  });

  it('give each endpoint its own chain', () => {
    const spn = servicePortName('default', 'web', undefined);
    const a = sepChain(spn, 'TCP', '10.244.1.3:80');
    const b = sepChain(spn, 'TCP', '10.244.2.2:80');
    expect(a).toMatch(/^KUBE-SEP-[A-Z2-7]{16}$/);
    expect(a).not.toBe(b);
  });
});
