/** /run/flannel/subnet.env: what flanneld writes and the flannel CNI plugin reads. */
export interface SubnetEnv {
  FLANNEL_NETWORK: string;
  FLANNEL_SUBNET: string;
  FLANNEL_MTU: number;
  FLANNEL_IPMASQ: boolean;
}

export function formatSubnetEnv(e: SubnetEnv): string {
  return `FLANNEL_NETWORK=${e.FLANNEL_NETWORK}\nFLANNEL_SUBNET=${e.FLANNEL_SUBNET}\nFLANNEL_MTU=${e.FLANNEL_MTU}\nFLANNEL_IPMASQ=${e.FLANNEL_IPMASQ}\n`;
}

export function parseSubnetEnv(text: string): SubnetEnv {
  const kv: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) kv[m[1]] = m[2];
  }
  if (!kv.FLANNEL_SUBNET || !kv.FLANNEL_NETWORK) throw new Error('failed to load flannel \'subnet.env\' file: open /run/flannel/subnet.env: no such file or directory. Check the flannel pod log for this node.');
  return {
    FLANNEL_NETWORK: kv.FLANNEL_NETWORK,
    FLANNEL_SUBNET: kv.FLANNEL_SUBNET,
    FLANNEL_MTU: Number(kv.FLANNEL_MTU ?? 1450),
    FLANNEL_IPMASQ: kv.FLANNEL_IPMASQ === 'true',
  };
}

/** The subnet.env FLANNEL_SUBNET is the gateway address with the prefix: 10.244.1.1/24. */
export const CNI_CONFLIST = `{
  "name": "cbr0",
  "cniVersion": "0.3.1",
  "plugins": [
    {
      "type": "flannel",
      "delegate": {
        "hairpinMode": true,
        "isDefaultGateway": true
      }
    },
    {
      "type": "portmap",
      "capabilities": {
        "portMappings": true
      }
    }
  ]
}
`;
