/** What a simulated command can see: where it runs and the cluster around it. */
import type { SimContext } from '../sim/context';
import type { NetNs } from '../net/types';
import type { Trace } from '../net/trace';
import type { Packet } from '../net/packet';
import type { WalkOptions } from '../net/walker';

export interface ShellTarget {
  kind: 'node' | 'pod';
  /** The machine (node name). */
  host: string;
  /** The network namespace the command runs in. */
  ns: NetNs;
  /** namespace/name for a pod terminal. */
  pod?: string;
  /** The container of a pod terminal (`kubectl exec -c`); the pod's first when unset. */
  container?: string;
}

export interface ShellEnv {
  ctx: SimContext;
  target: ShellTarget;
  /** Walks a packet from a namespace (ping's echo, curl's SYN, traceroute's probes) and records it. */
  send: (from: NetNs, pkt: Packet, opts: WalkOptions, tool: string) => Trace;
  /** An ICMP echo id, as a ping process uses its PID. */
  icmpId: () => number;
  /** An ephemeral source port (32768–60999), as the kernel picks one. */
  ephemeralPort: () => number;
  /** Environment variables set for this command (`VAR=value cmd`). */
  vars?: Record<string, string>;
  /** Lets simulated time pass (sleep, the second between two pings). */
  advance: (ms: number) => void;
}

export interface CommandResult {
  out: string;
  code: number;
}

export type Command = (args: string[], env: ShellEnv, stdin: string) => CommandResult;

export const ok = (out: string): CommandResult => ({ out, code: 0 });
export const fail = (out: string, code = 1): CommandResult => ({ out, code });
