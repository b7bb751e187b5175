/** tcpdump's command line, read with getopt_long the way tcpdump 4.99 (Debian 12) reads it. */
import { getopt } from './getopt';

/** tcpdump.c's short options (Linux build): a letter followed by ':' takes a value. */
const OPTSTRING = 'aAbB:c:C:dDeE:fF:G:hHi:Ij:JKlLm:M:nNOpqQ:r:s:StT:uUvV:w:W:xXy:Yz:Z:#';
const LONG: Record<string, boolean> = { count: false, 'time-stamp-precision': true, 'immediate-mode': false, interface: true, number: false, print: false, help: false, version: false, 'snapshot-length': true, direction: true, micro: false, nano: false };
const MAXIMUM_SNAPLEN = 262144;

export const VERSION = 'tcpdump version 4.99.3\nlibpcap version 1.10.3 (with TPACKET_V3)\nOpenSSL 3.0.15 3 Sep 2024';
export const USAGE = `${VERSION}
Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]
\t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]
\t\t[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]
\t\t[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]
\t\t[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]
\t\t[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]
\t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]
\t\t[ -z postrotate-command ] [ -Z user ] [ expression ]`;

export interface TcpdumpOptions {
  iface?: string;
  count?: number;
  /** -e: link-level headers. */
  ether: boolean;
  /** How many -v. */
  verbose: number;
  /** -q: less protocol detail. */
  quick: boolean;
  /** How many -t: 0 time of day, 1 none, 2 epoch seconds, 3 delta to previous, 4 date and time, 5 delta to first. */
  tstamp: number;
  /** -# / --number: each line starts with its packet number. */
  number: boolean;
  snaplen: number;
  /** -w FILE: packets go to the file, not the terminal. */
  write?: string;
  expression: string[];
  /** What to print instead of capturing (-h, --version), exit code 0. */
  info?: string;
}

/** The options, or the error tcpdump prints (exit 1). */
export function parseTcpdump(args: string[]): TcpdumpOptions | { error: string } {
  const parsed = getopt('tcpdump', args, OPTSTRING, LONG);
  if ('error' in parsed) return { error: `${parsed.error}\n${USAGE}` };
  const o: TcpdumpOptions = { ether: false, verbose: 0, quick: false, tstamp: 0, number: false, snaplen: MAXIMUM_SNAPLEN, expression: parsed.operands };
  for (const { name, value = '' } of parsed.options) {
    switch (name) {
      case 'i':
      case 'interface':
        o.iface = value;
        break;
      case 'c':
        o.count = Number(value);
        if (!/^\d+$/.test(value) || o.count <= 0) return { error: `tcpdump: invalid packet count ${value}` };
        break;
      case 's':
      case 'snapshot-length': {
        const n = Number(value);
        if (!/^\d+$/.test(value) || n > MAXIMUM_SNAPLEN) return { error: `tcpdump: invalid snaplen ${value} (must be >= 0 and <= ${MAXIMUM_SNAPLEN})` };
        o.snaplen = n === 0 ? MAXIMUM_SNAPLEN : n;
        break;
      }
      case 'C':
      case 'W':
      case 'G':
      case 'B':
        if (!/^\d+$/.test(value) || Number(value) <= 0) {
          const what = { C: 'file size', W: 'number of output files', G: 'rotate seconds', B: 'packet buffer size' }[name];
          return { error: `tcpdump: invalid ${what} ${value}` };
        }
        break;
      case 'r':
      case 'V':
        // Nothing was ever written: -w keeps no file in the playground.
        return { error: `tcpdump: ${value}: No such file or directory` };
      case 'F':
        return { error: `tcpdump: can't open ${value}: No such file or directory` };
      case 'w':
        o.write = value;
        break;
      case 'e':
        o.ether = true;
        break;
      case 'v':
        o.verbose++;
        break;
      case 'q':
        o.quick = true;
        break;
      case 't':
        o.tstamp++;
        break;
      case '#':
      case 'number':
        o.number = true;
        break;
      case 'h':
      case 'help':
        o.info = USAGE;
        break;
      case 'version':
        o.info = VERSION;
        break;
      case 'd':
      case 'D':
      case 'L':
      case 'J':
      case 'I':
        // Modes that list or compile instead of capturing: not part of the simulated tcpdump.
        return { error: `tcpdump: -${name} is not available in this playground (capture with -i IFACE instead)` };
      default:
        // -n, -l, -A, -X, -x, -p, -K, -N, -S, -U and the other printing and capture tweaks:
        // names and ports are always printed as numbers, and no payload bytes are kept.
        break;
    }
  }
  if (o.tstamp > 5) return { error: 'tcpdump: only -t, -tt, -ttt, -tttt and -ttttt are supported' };
  return o;
}
