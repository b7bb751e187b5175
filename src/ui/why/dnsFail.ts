/**
 * Did a terminal command fail to resolve a name? nslookup, dig, host, curl, wget, ping and
 * traceroute each say so in their own words; the name comes from the output or the command.
 * Only pods use the cluster DNS (CoreDNS), so only pod terminals are asked about.
 */
const IP = /^\d+\.\d+\.\d+\.\d+$/;

/** The name a lookup tool was asked for: its first argument that is not an option or @server. */
function lookupArg(command: string): string | undefined {
  const [tool, ...args] = command.trim().split(/\s+/);
  if (!/^(nslookup|dig|host)$/.test(tool)) return undefined;
  return args.find((a) => !a.startsWith('-') && !a.startsWith('@') && !a.startsWith('+') && !/^(A|AAAA|SRV|PTR|CNAME|MX|TXT|NS|ANY)$/.test(a));
}

export function failedName(target: string, command: string, output: string): string | undefined {
  if (!target.includes('/')) return undefined;
  const failed = /\*\* server can't find|no servers could be reached|status: (NXDOMAIN|SERVFAIL)|not found: [23]\((NXDOMAIN|SERVFAIL)\)/.test(output);
  // A lookup tool tries the search domains too and names each: the name typed is the question.
  const found =
    (failed ? lookupArg(command) : undefined) ??
    /\*\* server can't find ([^:\s]+): (?:NXDOMAIN|SERVFAIL|REFUSED)/.exec(output)?.[1] ??
    /Could not resolve host: (\S+)/.exec(output)?.[1] ??
    /bad address '([^':/]+)/.exec(output)?.[1] ??
    /^(?:ping|traceroute): ([^:\s]+): (?:Temporary failure in name resolution|Name or service not known)/m.exec(output)?.[1];
  if (!found || IP.test(found)) return undefined;
  return found.replace(/\.$/, '');
}
