/**
 * The plain bridge setup (as in "Kubernetes the hard way"): once a node has its podCIDR, a
 * /etc/cni/net.d/10-bridge.conf for the bridge plugin with host-local IPAM over that range
 * and ipMasq. Nothing routes pod subnets between nodes: that is left to the network.
 */
import type { Node } from '../../api/types';
import type { SimContext } from '../../sim/context';

export function bridgeConf(subnet: string): string {
  return `{
  "cniVersion": "1.0.0",
  "name": "bridge",
  "type": "bridge",
  "bridge": "cni0",
  "isGateway": true,
  "ipMasq": true,
  "ipam": {
    "type": "host-local",
    "ranges": [
      [{"subnet": "${subnet}"}]
    ],
    "routes": [{"dst": "0.0.0.0/0"}]
  }
}
`;
}

export function startBridgeCniInstaller(ctx: SimContext, nodeName: string): void {
  const actor = `cni-install/${nodeName}`;
  ctx.api.watch('Node', actor, (type, obj) => {
    const node = obj as Node;
    const host = ctx.hosts.get(nodeName)!;
    if (type === 'DELETED' || node.metadata.name !== nodeName || !node.spec.podCIDR || host.files['/etc/cni/net.d/10-bridge.conf']) return;
    host.files['/etc/cni/net.d/10-bridge.conf'] = bridgeConf(node.spec.podCIDR);
    ctx.cniConfigWatchers.get(nodeName)?.();
  });
}
