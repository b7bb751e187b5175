/**
 * host-local IPAM: hands out addresses from a range, one file per address under
 * /var/lib/cni/networks/<network>/, continuing after `last_reserved_ip.0` as the real plugin.
 */
import { IPv4, IPv4CidrRange } from 'ip-num';
import { dotted, dottedNumber, rangeBounds } from '../../net/ip';

export interface HostLocalState {
  /** ip → container id, as the files in /var/lib/cni/networks/<network>/ hold. */
  allocated: Record<string, string>;
  lastReserved?: string;
}

export function allocate(state: HostLocalState, subnet: string, containerId: string): { ip: string; gateway: string; prefix: number } {
  // Every pod asks: count in plain numbers (ip-num parses the subnet once); anything unusual,
  // or a full range (whose error names its bounds), takes ip-num's way below.
  const [lo, hi] = rangeBounds(subnet);
  const from = lo + 2;
  const to = hi - 1;
  const after = state.lastReserved === undefined ? undefined : dottedNumber(state.lastReserved);
  if (to >= from && (state.lastReserved === undefined || after !== undefined)) {
    let cur = after !== undefined ? after + 1 : from;
    for (let i = 0; i <= to - from; i++) {
      if (cur > to || cur < from) cur = from;
      const ip = dotted(cur);
      if (!state.allocated[ip]) {
        state.allocated[ip] = containerId;
        state.lastReserved = ip;
        return { ip, gateway: dotted(lo + 1), prefix: prefixOf(subnet) };
      }
      cur++;
    }
  }
  return allocateIpNum(state, subnet, containerId);
}

/** The prefix length ip-num reads from the CIDR (it parses each subnet once, see rangeBounds). */
const prefixes = new Map<string, number>();
function prefixOf(subnet: string): number {
  let p = prefixes.get(subnet);
  if (p === undefined) {
    if (prefixes.size >= 10_000) prefixes.clear();
    prefixes.set(subnet, (p = Number(IPv4CidrRange.fromCidr(subnet).cidrPrefix.getValue())));
  }
  return p;
}

function allocateIpNum(state: HostLocalState, subnet: string, containerId: string): { ip: string; gateway: string; prefix: number } {
  const range = IPv4CidrRange.fromCidr(subnet);
  const first = range.getFirst().getValue();
  const last = range.getLast().getValue();
  const gateway = IPv4.fromNumber(first + 1n).toString();
  // The usable range is .2 .. broadcast-1 (.1 is the gateway).
  const start = first + 2n;
  const end = last - 1n;
  const size = end - start + 1n;
  let cur = state.lastReserved ? IPv4.fromString(state.lastReserved).getValue() + 1n : start;
  for (let i = 0n; i < size; i++) {
    if (cur > end || cur < start) cur = start;
    const ip = IPv4.fromNumber(cur).toString();
    if (!state.allocated[ip]) {
      state.allocated[ip] = containerId;
      state.lastReserved = ip;
      return { ip, gateway, prefix: Number(range.cidrPrefix.getValue()) };
    }
    cur++;
  }
  throw new Error(`failed to allocate for range 0: no IP addresses available in range set: ${IPv4.fromNumber(start)}-${IPv4.fromNumber(end)}`);
}

export function release(state: HostLocalState, containerId: string): void {
  for (const [ip, id] of Object.entries(state.allocated)) if (id === containerId) delete state.allocated[ip];
}
