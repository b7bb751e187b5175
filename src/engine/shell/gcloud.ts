/**
 * `gcloud compute routes create|list|delete`: the cloud's VPC route table. A route sends a
 * destination range (a node's pod subnet) to a next-hop address (that node), on the router
 * every node uses — the "route for containers on different hosts" step of the course notes.
 */
import { cidrContains, isCidr, isIPv4, networkOf } from '../net/ip';
import { ROUTER } from '../net/uplink';
import { table } from './table';
import { fail, ok, type Command } from './types';

const PROJECT = 'k8s-playground';
const NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

function flag(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === `--${name}`) return args[i + 1];
    if (args[i].startsWith(`--${name}=`)) return args[i].slice(name.length + 3);
  }
  return undefined;
}

export const gcloud: Command = (args, env) => {
  if (args[0] !== 'compute' || args[1] !== 'routes') {
    return fail(`ERROR: (gcloud) Invalid choice: '${args.slice(0, 2).join(' ')}'.\nThe playground simulates: gcloud compute routes create|list|delete`, 2);
  }
  const net = env.ctx.net;
  const router = net.ns(ROUTER);
  const verb = args[2];
  if (verb === 'list') {
    if (net.cloudRoutes.length === 0) return ok('Listed 0 items.');
    return ok(table(['NAME', 'NETWORK', 'DEST_RANGE', 'NEXT_HOP', 'PRIORITY'], net.cloudRoutes.map((r) => [r.name, r.network, r.destRange, r.nextHop, String(r.priority)])));
  }
  const name = args[3];
  if (verb === 'delete') {
    const i = net.cloudRoutes.findIndex((r) => r.name === name);
    if (!name || i < 0) return fail(`ERROR: (gcloud.compute.routes.delete) Could not fetch resource:\n - The resource 'projects/${PROJECT}/global/routes/${name ?? ''}' was not found`, 1);
    const [r] = net.cloudRoutes.splice(i, 1);
    router.routes = router.routes.filter((x) => !(x.dst === r.destRange && x.via === r.nextHop));
    return ok(`Deleted [https://www.googleapis.com/compute/v1/projects/${PROJECT}/global/routes/${name}].`);
  }
  if (verb !== 'create') return fail(`ERROR: (gcloud.compute.routes) Invalid choice: '${verb ?? ''}'.`, 2);
  if (!name || !NAME.test(name)) return fail(`ERROR: (gcloud.compute.routes.create) argument NAME: Bad value [${name ?? ''}]: must match ${NAME.source}`, 2);
  const dest = flag(args, 'destination-range');
  const hop = flag(args, 'next-hop-address');
  const network = flag(args, 'network') ?? 'default';
  const priority = Number(flag(args, 'priority') ?? 1000);
  if (!dest || !isCidr(dest)) return fail(`ERROR: (gcloud.compute.routes.create) argument --destination-range: Bad value [${dest ?? ''}]: must be an IPv4 range such as 10.244.1.0/24`, 2);
  if (!hop || !isIPv4(hop)) return fail('ERROR: (gcloud.compute.routes.create) Exactly one of (--next-hop-address | --next-hop-gateway | --next-hop-instance | --next-hop-vpn-tunnel) must be specified.', 2);
  if (net.cloudRoutes.some((r) => r.name === name)) return fail(`ERROR: (gcloud.compute.routes.create) Could not fetch resource:\n - The resource 'projects/${PROJECT}/global/routes/${name}' already exists`, 1);
  const dev = router.links.find((l) => l.addrs.some((a) => cidrContains(networkOf(a.address, a.prefix), hop)));
  if (!dev) return fail(`ERROR: (gcloud.compute.routes.create) Could not fetch resource:\n - Invalid value for field 'resource.nextHopIp': '${hop}'. The IP is not in any subnetwork of the VPC network.`, 1);
  net.cloudRoutes.push({ name, network, destRange: dest, nextHop: hop, priority });
  router.routes = router.routes.filter((x) => x.dst !== dest);
  router.routes.push({ dst: dest, via: hop, dev: dev.name, proto: 'static' });
  return ok(`Created [https://www.googleapis.com/compute/v1/projects/${PROJECT}/global/routes/${name}].\n${table(['NAME', 'NETWORK', 'DEST_RANGE', 'NEXT_HOP', 'PRIORITY'], [[name, network, dest, hop, String(priority)]])}`);
};
