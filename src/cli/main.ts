/**
 * The headless command line (the logic; sim.ts is the entry): `npm run sim -- [--scenario FILE_OR_URL] --exec 'TARGET: COMMAND' ...`
 * Runs each command in that terminal (a node name, or namespace/pod), lets the simulated
 * cluster settle, and prints the output as the terminal would.
 */
import { Simulation } from '../engine/sim/simulation';
import { loadScenarioSource } from '../engine/scenario/source';
import { runLessonHeadless } from '../lessons/headless';
import { PRESETS, presetById } from '../engine/scenario/presets';
import { lastTraceSubject, tryFix, whyNot, type WhySubject } from '../engine/explain/whyNot';
import { formatWhy } from '../engine/explain/whyFormat';

function usage(): string {
  return [
    'usage: npm run sim -- [--scenario FILE_OR_URL | --preset ID] [--exec "TARGET: COMMAND"]... [--trace FROM:TO] [--lesson ID] [--hash]',
    '',
    '  --scenario FILE_OR_URL  a scenario file (JSON or YAML) or a shared playground URL (#s=...)',
    '  --exec "TARGET: CMD"    run CMD in the terminal of TARGET (a node name, or namespace/pod)',
    '  --trace FROM:TO         trace an ICMP echo from pod FROM to a pod or IP TO, print every step',
    `  --preset ID             start from a ready-made scenario: ${PRESETS.map((p) => p.id).join(', ')}`,
    '  --lesson ID             replay the lesson\'s "show me" actions and report each check (from its own scenario unless one is given)',
    '  --why WHAT              explain why it failed and the smallest fix, tried on a copy: WHAT is trace (the last trace), pod:NS/NAME, svc:NS/NAME or dns:NS/POD:NAME',
    '  --hash                  print the state hash at the end',
    '',
    'examples:',
    "  npm run sim -- --exec 'control-plane: kubectl get pods -o wide'",
    "  npm run sim -- --exec 'default/client: ping -c 1 10.244.2.2' --exec 'node-1: ip route'",
  ].join('\n');
}

/** dns:NS/POD:NAME — a name looked up from a pod. */
function dnsSubject(v: string): WhySubject | undefined {
  const i = v.lastIndexOf(':');
  return i > 0 ? { kind: 'dns', from: v.slice(0, i), name: v.slice(i + 1) } : undefined;
}

/** --why: the explanation, and the fix tried on a copy (exit 0 when it flips the outcome, or nothing failed). */
function printWhy(sim: Simulation, what: string, print: (line: string) => void): number {
  const subject: WhySubject | undefined = what === 'trace' ? lastTraceSubject(sim) : what.startsWith('pod:') ? { kind: 'pod', pod: what.slice(4) } : what.startsWith('svc:') ? { kind: 'service', service: what.slice(4) } : what.startsWith('dns:') ? dnsSubject(what.slice(4)) : undefined;
  if (!subject) throw new Error(what === 'trace' ? '--why trace needs a --trace before it' : `--why wants trace, pod:NS/NAME, svc:NS/NAME or dns:NS/POD:NAME, not "${what}"`);
  const w = whyNot(sim, subject);
  const tried = w.fix ? tryFix(sim, w) : undefined;
  for (const l of formatWhy(w, tried)) print(l);
  return !w.failed || tried?.after.ok ? 0 : 1;
}

/** Runs the command line; `print` receives each output line. Returns the exit code. */
export function runCli(argv: string[], print: (line: string) => void, readFile: (path: string) => string): number {
  let scenarioArg: string | undefined;
  let presetArg: string | undefined;
  const steps: { kind: 'exec' | 'trace' | 'why'; value: string }[] = [];
  let lesson: string | undefined;
  let printHash = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n\n${usage()}`);
      return v;
    };
    if (a === '--scenario') scenarioArg = next();
    else if (a === '--preset') presetArg = next();
    else if (a === '--exec') steps.push({ kind: 'exec', value: next() });
    else if (a === '--trace') steps.push({ kind: 'trace', value: next() });
    else if (a === '--why') steps.push({ kind: 'why', value: next() });
    else if (a === '--lesson') lesson = next();
    else if (a === '--hash') printHash = true;
    else if (a === '--help' || a === '-h') {
      print(usage());
      return 0;
    } else throw new Error(`unknown option ${a}\n\n${usage()}`);
  }
  const preset = presetArg ? presetById(presetArg) : undefined;
  if (presetArg && !preset) throw new Error(`unknown preset "${presetArg}"; known: ${PRESETS.map((p) => p.id).join(', ')}`);
  const loaded = scenarioArg ? loadScenarioSource(scenarioArg, readFile) : preset ? { ...preset.build(), actions: preset.build().setup } : undefined;
  const chosen = scenarioArg !== undefined || preset !== undefined;
  const sim = loaded ? Simulation.replay(loaded.scenario, loaded.actions) : Simulation.create();
  let code = 0;
  for (const s of steps) {
    if (s.kind === 'exec') {
      const m = /^\s*([^:\s]+)\s*:\s*(.*)$/s.exec(s.value);
      if (!m) throw new Error(`--exec wants "TARGET: COMMAND", got "${s.value}"`);
      const [, target, command] = m;
      const prompt = sim.ctx.hosts.has(target) ? `root@${target}:~# ` : '/ # ';
      print(`${prompt}${command}`);
      const r = sim.exec(target, command);
      if (r.output) print(r.output);
      code = r.exitCode;
    } else if (s.kind === 'why') {
      code = printWhy(sim, s.value, print);
    } else {
      const [from, to] = s.value.split(/:(?=[^:]*$)/);
      const t = sim.trace(from, to);
      for (const st of t.steps) print(`${String(st.n).padStart(3)}  ${st.leg.padEnd(7)} ${st.nsLabel.padEnd(22)} ${(st.device ?? '').padEnd(14)} ${st.summary}${st.decidedBy ? `\n${' '.repeat(48)}↳ ${st.decidedBy}` : ''}`);
      print(`outcome: ${t.outcome}${t.reason ? ` — ${t.reason}` : ''}`);
      for (const n of t.notes ?? []) print(`note: ${n}`);
      code = t.outcome === 'delivered' && t.replied ? 0 : 1;
    }
  }
  if (lesson) code = runLessonHeadless(lesson, print, chosen || steps.length > 0 ? sim : undefined);
  if (printHash) print(`state hash: ${sim.stateHash()}`);
  return code;
}

