/**
 * The `flannel` CNI plugin: reads /run/flannel/subnet.env and delegates to `bridge` with
 * host-local IPAM over this node's subnet and a route to the whole flannel network.
 */
import type { BridgeConf } from '../types';
import type { SubnetEnv } from './subnetEnv';

export function flannelDelegateConf(env: SubnetEnv): BridgeConf {
  const [gw, prefix] = env.FLANNEL_SUBNET.split('/');
  const octets = gw.split('.');
  octets[3] = '0';
  return {
    cniVersion: '0.3.1',
    name: 'cbr0',
    type: 'bridge',
    bridge: 'cni0',
    isGateway: true,
    isDefaultGateway: true,
    hairpinMode: true,
    ipMasq: !env.FLANNEL_IPMASQ,
    mtu: env.FLANNEL_MTU,
    ipam: {
      type: 'host-local',
      ranges: [[{ subnet: `${octets.join('.')}/${prefix}` }]],
      routes: [{ dst: env.FLANNEL_NETWORK }],
    },
  };
}
