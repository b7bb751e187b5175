/**
 * ping's command line. Nodes run iputils' ping (Debian 12's iputils 20221126), pods BusyBox
 * v1.36.1's (the glibc build the busybox:1.36 image carries); both read options with GNU
 * getopt, which bundles (-qc 3), glues values (-c1) and permutes (ping HOST -c 1).
 */
import { getopt } from './getopt';
import { BUSYBOX_BANNER } from './nslookup';

/** iputils ping.c's getopt string (20221126: no -H, no -3 yet). */
const IPUTILS_OPTSTRING = 'h?4bRT:6F:N:aABc:CdDe:fi:I:l:Lm:M:nOp:qQ:rs:S:t:UvVw:W:';
/** BusyBox ping.c's getopt32 string (FEATURE_FANCY_PING, PING6). */
const BUSYBOX_OPTSTRING = 'qvAc:s:t:w:W:I:np:i:46';

export const IPUTILS_VERSION = 'ping from iputils 20221126\nlibcap: yes, IDN: yes, NLS: no, error.h: yes, getrandom(): yes, __fpending(): yes';

/** iputils' usage() (ping_common.c), printed on -h or a bad option; exit 2. */
export const IPUTILS_USAGE = `
Usage
  ping [options] <destination>

Options:
  <destination>      dns name or ip address
  -a                 use audible ping
  -A                 use adaptive ping
  -B                 sticky source address
  -c <count>         stop after <count> replies
  -C                 call connect() syscall on socket creation
  -D                 print timestamps
  -d                 use SO_DEBUG socket option
  -e <identifier>    define identifier for ping session, default is random for
                     SOCK_RAW and kernel defined for SOCK_DGRAM
                     Imply using SOCK_RAW (for IPv4 only for identifier 0)
  -f                 flood ping
  -h                 print help and exit
  -I <interface>     either interface name or address
  -i <interval>      seconds between sending each packet
  -L                 suppress loopback of multicast packets
  -l <preload>       send <preload> number of packages while waiting replies
  -m <mark>          tag the packets going out
  -M <pmtud opt>     define mtu discovery, can be one of <do|dont|want>
  -n                 no dns name resolution
  -O                 report outstanding replies
  -p <pattern>       contents of padding byte
  -q                 quiet output
  -Q <tclass>        use quality of service <tclass> bits
  -s <size>          use <size> as number of data bytes to be sent
  -S <size>          use <size> as SO_SNDBUF socket option value
  -t <ttl>           define time to live
  -U                 print user-to-user latency
  -v                 verbose output
  -V                 print version and exit
  -w <deadline>      reply wait <deadline> in seconds
  -W <timeout>       time to wait for response

IPv4 options:
  -4                 use IPv4
  -b                 allow pinging broadcast
  -R                 record route
  -T <timestamp>     define timestamp, can be one of <tsonly|tsandaddr|tsprespec>

IPv6 options:
  -6                 use IPv6
  -F <flowlabel>     define flow label, default is random
  -N <nodeinfo opt>  use icmp6 node info query, try <help> as argument

For more details see ping(8).`;

/** BusyBox's bb_show_usage() for ping; exit 1. */
export const BUSYBOX_USAGE = `${BUSYBOX_BANNER}

Usage: ping [OPTIONS] HOST

Send ICMP ECHO_REQUESTs to HOST

\t-4,-6\t\tForce IP or IPv6 name resolution
\t-c CNT\t\tSend only CNT pings
\t-s SIZE\t\tSend SIZE data bytes in packets (default 56)
\t-i SECS\t\tInterval
\t-A\t\tPing as soon as reply is received
\t-t TTL\t\tSet TTL
\t-I IFACE/IP\tSource interface or IP address
\t-W SEC\t\tSeconds to wait for the first response (default 10)
\t\t\t(after all -c CNT packets are sent)
\t-w SEC\t\tSeconds until ping exits (default:infinite)
\t\t\t(can exit earlier with -c CNT)
\t-q\t\tQuiet, only display output at start/finish
\t-p HEXBYTE\tPayload pattern`;

export interface PingOptions {
  dst: string;
  /** -c; unset: ping runs until interrupted (the simulation presses ^C after 4 echoes). */
  count?: number;
  size: number;
  pmtu: 'do' | 'dont' | 'want';
  quiet: boolean;
  intervalMs: number;
  /** -t: the IP TTL of the echo requests. */
  ttl?: number;
  /** -w: stop after this many seconds of simulated time. */
  deadline?: number;
  /** -I: an interface name (iface) or a source address (source). */
  iface?: string;
  source?: string;
  /** -6 with an IPv4 cluster: resolution fails. */
  ipv6: boolean;
}

/** What ping prints instead of pinging (an error, -h, -V) and its exit code. */
export interface PingExit {
  out: string;
  code: number;
}

const isNumber = (v: string): boolean => /^[+-]?\d+$/.test(v);

export function parsePing(args: string[], busybox: boolean): PingOptions | PingExit {
  const parsed = getopt('ping', args, busybox ? BUSYBOX_OPTSTRING : IPUTILS_OPTSTRING);
  if ('error' in parsed) return busybox ? { out: `${parsed.error}\n${BUSYBOX_USAGE}`, code: 1 } : { out: `${parsed.error}\n${IPUTILS_USAGE}`, code: 2 };
  const o: Omit<PingOptions, 'dst'> = { size: 56, pmtu: 'want', quiet: false, intervalMs: 1000, ipv6: false };
  let family: '4' | '6' | undefined;
  for (const { name, value = '' } of parsed.options) {
    const err = busybox ? busyboxOption(o, name, value) : iputilsOption(o, name, value);
    if (err) return err;
    if (name === '4' || name === '6') {
      if (!busybox && family && family !== name) return { out: 'ping: only one -4 or -6 option may be specified', code: 2 };
      family = name;
    }
  }
  o.ipv6 = family === '6';
  // BusyBox wants exactly one HOST; iputils pings the last operand (earlier ones would be
  // source-route hops, which the simulation does not model).
  if (busybox && parsed.operands.length !== 1) return { out: BUSYBOX_USAGE, code: 1 };
  const dst = parsed.operands[parsed.operands.length - 1];
  if (!dst) return { out: 'ping: usage error: Destination address required', code: 1 };
  return { ...o, dst };
}

/** iputils' option switch (ping.c main); its strtol_or_err errors exit 1, the rest 2. */
function iputilsOption(o: Omit<PingOptions, 'dst'>, name: string, v: string): PingExit | undefined {
  const range = (min: number, max: string): PingExit => ({ out: `ping: invalid argument: '${v}': out of range: ${min} <= value <= ${max}`, code: 1 });
  switch (name) {
    case 'h':
    case '?':
      return { out: IPUTILS_USAGE, code: 2 };
    case 'V':
      return { out: IPUTILS_VERSION, code: 0 };
    case 'c':
      if (!isNumber(v)) return { out: `ping: invalid argument: '${v}'`, code: 1 };
      if (Number(v) < 1) return range(1, '9223372036854775807');
      o.count = Number(v);
      return;
    case 's':
      o.size = Number(v);
      if (!Number.isInteger(o.size) || o.size < 0 || o.size > 65507) return range(0, '65507');
      return;
    case 'M':
      if (v !== 'do' && v !== 'dont' && v !== 'want') return { out: `ping: invalid -M argument: ${v}`, code: 2 };
      o.pmtu = v;
      return;
    case 'q':
      o.quiet = true;
      return;
    case 'i': {
      const secs = Number(v);
      if (!Number.isFinite(secs) || secs < 0.002 || secs > 3600) return { out: `ping: bad timing interval: ${v}`, code: 2 };
      o.intervalMs = Math.round(secs * 1000);
      return;
    }
    case 'W':
      // The reply timeout: answers here come back at once or never, so only the value is checked.
      if (!/^\d+(\.\d+)?$/.test(v)) return { out: `ping: bad linger time: ${v}`, code: 2 };
      return;
    case 't':
      if (!isNumber(v)) return { out: `ping: invalid argument: '${v}'`, code: 1 };
      if (Number(v) > 255 || Number(v) < 0) return range(0, '255');
      // The kernel refuses IP_TTL 0 (setsockopt returns EINVAL).
      if (Number(v) === 0) return { out: 'ping: cannot set unicast time-to-live: Invalid argument', code: 2 };
      o.ttl = Number(v);
      return;
    case 'w':
      if (!isNumber(v)) return { out: `ping: invalid argument: '${v}'`, code: 1 };
      if (Number(v) < 0) return range(0, '2147483647');
      // -w 0 is iputils' "no deadline".
      o.deadline = Number(v) || undefined;
      return;
    case 'I':
      bindTo(o, v);
      return;
    // -n: the replies are printed numerically already (no reverse lookups are modelled).
    // -v: its extra lines are socket details (fds, ai_family) the simulation has no values for.
    // The rest (-a -A -b -B -C -d -D -e -f -F -l -L -m -N -O -p -Q -r -R -S -T -U) tune the
    // socket, timing or output in ways the walk cannot show: accepted and ignored.
    default:
      return;
  }
}

/** -I: an address is the source to send from, anything else an interface to bind to (both pings). */
function bindTo(o: Omit<PingOptions, 'dst'>, v: string): void {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(v)) o.source = v;
  else o.iface = v;
}

/** BusyBox's getopt32 fields: c, t, w, W are "+" (positive numbers), s is xatou16. */
function busyboxOption(o: Omit<PingOptions, 'dst'>, name: string, v: string): PingExit | undefined {
  const num = (): PingExit | undefined => (/^\d+$/.test(v) ? undefined : { out: `ping: invalid number '${v}'`, code: 1 });
  switch (name) {
    case 'c':
      // -c 0 is BusyBox's "no count": ping until interrupted.
      o.count = Number(v) || undefined;
      return num();
    case 's':
      o.size = Number(v);
      if (!/^\d+$/.test(v)) return num();
      if (o.size > 65535) return { out: `ping: number ${v} is not in 0..65535 range`, code: 1 };
      return;
    case 'q':
      o.quiet = true;
      return;
    case 'i': {
      const secs = Number(v);
      if (!Number.isFinite(secs) || secs < 0) return { out: `ping: invalid number '${v}'`, code: 1 };
      o.intervalMs = Math.round(secs * 1000);
      return;
    }
    case 't':
      o.ttl = Number(v);
      return num();
    case 'w':
      o.deadline = Number(v) || undefined;
      return num();
    case 'W':
      return num();
    case 'I':
      bindTo(o, v);
      return;
    // -v, -A, -n, -p, -4: no effect the walk can show (verbose ICMP dumps, adaptive timing, payload bytes).
    default:
      return;
  }
}
