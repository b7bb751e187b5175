/**
 * Hostile inputs for every way data enters the playground: shared links, manifests,
 * terminal commands, CIDRs. Seeded fast-check arbitraries, so a failure replays exactly.
 */
import fc from 'fast-check';
import { encodeState } from '../engine/scenario/url';
import { defaultScenario } from '../engine/scenario/defaults';

const VALID_LINK = encodeState({ scenario: defaultScenario(), actions: [{ type: 'exec', target: 'node-1', command: 'ip route' }], view: { panel: 'trace' } });

/** Shared links: random text, truncations and bit flips of a real link, wrong versions, huge payloads. */
export const urlInput: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 300 }).map((s) => `s=${s}`),
  fc.nat({ max: VALID_LINK.length }).map((n) => VALID_LINK.slice(0, n)),
  fc.tuple(fc.nat({ max: VALID_LINK.length - 1 }), fc.integer({ min: 0, max: 63 })).map(([i, c]) => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    return VALID_LINK.slice(0, i) + alphabet[c] + VALID_LINK.slice(i + 1);
  }),
  fc.integer({ min: -5, max: 99 }).map((v) => VALID_LINK.replace(/^s=1\./, `s=${v}.`)),
  fc.integer({ min: 1, max: 4 }).map((k) => `s=1.${'A'.repeat(k * 60_000)}`),
  fc.constantFrom('', '#', '#s=', 's=1.', 's=1.====', '#s=1.%00', 's=1.' + '_'.repeat(10)),
);

const KINDS = ['Pod', 'Deployment', 'ReplicaSet', 'Node', 'Namespace', 'Service', 'Gizmo', '', 'pod'];
const yamlScalar = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null), fc.double());

/** Manifests: broken YAML, alias bombs, deep nesting, wrong types, unknown kinds, huge strings. */
export const manifestInput: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.record({ apiVersion: fc.constantFrom('v1', 'apps/v1', 'v9', ''), kind: fc.constantFrom(...KINDS), name: fc.string({ maxLength: 30 }), image: yamlScalar, replicas: yamlScalar }).map(
    (r) => `apiVersion: ${r.apiVersion}\nkind: ${r.kind}\nmetadata:\n  name: ${JSON.stringify(r.name)}\nspec:\n  replicas: ${JSON.stringify(r.replicas)}\n  containers:\n  - name: c\n    image: ${JSON.stringify(r.image)}\n`,
  ),
  fc.integer({ min: 2, max: 12 }).map((n) => {
    // A "billion laughs" alias bomb.
    let s = 'a0: &a0 [x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < n; i++) s += `a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]\n`;
    return s;
  }),
  fc.integer({ min: 100, max: 3000 }).map((d) => `${'['.repeat(d)}${']'.repeat(d)}`),
  fc.integer({ min: 1, max: 3 }).map((m) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\n  annotations:\n    x: "${'x'.repeat(m * 600_000)}"\n`),
  fc.constantFrom('---\n---\n', 'apiVersion: v1\nkind: Pod\nmetadata: 5\n', '- a\n- b\n', 'kind: Pod\napiVersion: v1\nmetadata:\n  name: a\n  name: b\n', '\t\tbad: [', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: 7\n'),
);

const WORDS = ['kubectl', 'get', 'pods', '-o', 'wide', 'ip', 'route', 'addr', 'add', 'del', 'link', 'set', 'iptables', '-t', 'nat', '-A', '-D', '-P', 'FORWARD', 'DROP', '-j', 'brctl', 'addbr', 'sysctl', '-w', 'cat', '/etc/hosts', 'ping', '-c', '1', 'grep', '|', '"', "'", 'sudo', 'netns', 'exec', 'ln', '-sfT', 'conntrack', '-L', 'bridge', 'fdb', '10.244.1.2', '999.1.1.1', '10.0.0.0/33', '--', '$(', '`', ';', '&&', '>'];

/** Terminal commands: random tokens from the real vocabulary, unbalanced quotes, long lines. */
export const commandInput: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.constantFrom(...WORDS), { maxLength: 10 }).map((w) => w.join(' ')),
  fc.string({ maxLength: 120 }),
  fc.integer({ min: 1, max: 3 }).map((k) => `echo ${'y'.repeat(k * 3000)}`),
  fc.constantFrom('echo "unbalanced', "grep 'x", '|', '| | |', 'ip', 'iptables', 'kubectl', 'sleep -1', 'sleep 99999999', 'ping', 'ping -c 0 1.1.1.1'),
);

/** CIDRs and IP-like strings, valid and not. */
export const cidrInput: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.integer({ min: -1, max: 300 }), fc.integer({ min: 0, max: 256 }), fc.integer({ min: 0, max: 256 }), fc.integer({ min: 0, max: 256 }), fc.integer({ min: -1, max: 40 })).map(([a, b, c, d, p]) => `${a}.${b}.${c}.${d}/${p}`),
  fc.string({ maxLength: 25 }),
  fc.constantFrom('10.244.0.0/16', '10.244.0.1/16', '0.0.0.0/0', '10.244.0.0', '::1/128', '10.244.0.0/24/8', ' 10.244.0.0/16'),
);
