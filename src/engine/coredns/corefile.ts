/**
 * The parts of a Corefile the simulated CoreDNS acts on: where `forward .` sends what the
 * kubernetes plugin does not answer, and whether `cache` is on (and its cap). The `reload`
 * plugin re-reads the file every 30 s; an unusable Corefile is refused and the old one kept.
 */
export interface CorefileConfig {
  /** `forward . TARGETS`: addresses, or a resolv.conf path whose nameservers are used. */
  forward: string[];
  /** `cache [TTL]`: the cap in seconds, undefined without the plugin. */
  cache?: number;
}

export const RELOAD_INTERVAL_MS = 30_000;

/** Parses the server block for `.:53`; an error message names what is wrong. */
export function parseCorefile(text: string): CorefileConfig | string {
  const lines = text.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter((l) => l !== '');
  if (!/^\.?:53\s*\{$|^\.\s*\{$|^\.:53 \{$/.test(lines[0] ?? '')) return `Corefile:1 - Error during parsing: expected the server block ".:53 {", got "${lines[0] ?? ''}"`;
  let depth = 0;
  const config: CorefileConfig = { forward: [] };
  for (const [i, line] of lines.entries()) {
    const words = line.replace(/[{}]/g, ' ').trim().split(/\s+/);
    if (depth === 1) {
      if (words[0] === 'forward') {
        if (words[1] !== '.' || words.length < 3) return `Corefile:${i + 1} - Error during parsing: forward needs a zone and at least one target ("forward . /etc/resolv.conf")`;
        config.forward = words.slice(2);
      }
      if (words[0] === 'cache') config.cache = words[1] && /^\d+$/.test(words[1]) ? Number(words[1]) : 3600;
    }
    depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
    if (depth < 0) return `Corefile:${i + 1} - Error during parsing: Unexpected '}' because no matching opening brace`;
  }
  if (depth !== 0) return 'Corefile - Error during parsing: Unexpected EOF';
  return config;
}
