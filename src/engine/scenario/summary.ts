/** What a shared state contains, in words a learner can check before trusting it. */
import type { Action } from './types';
import type { SharedState } from './url';

export interface StateSummary {
  scenarioName: string;
  preset?: string;
  /** Number of actions in the log. */
  count: number;
  /** One line per action (at most `max`), e.g. `node-1$ ip route`. */
  lines: string[];
}

export function describeAction(a: Action): string {
  switch (a.type) {
    case 'exec':
      return `${a.target}$ ${a.command}`;
    case 'trace':
      return `trace ${a.from} → ${a.to}${a.proto && a.proto !== 'icmp' ? ` (${a.proto}${a.port ? ` ${a.port}` : ''})` : ''}`;
    case 'sleep':
      return `sleep ${a.ms / 1000}s`;
    case 'apply': {
      const kinds = [...a.manifest.matchAll(/^kind:\s*(\S+)/gm)].map((m) => m[1]);
      return `kubectl apply (${kinds.length ? kinds.join(', ') : 'manifest'})`;
    }
  }
}

export function summarizeState(state: Pick<SharedState, 'scenario' | 'actions'>, max = 20): StateSummary {
  return {
    scenarioName: state.scenario.name,
    preset: state.scenario.preset,
    count: state.actions.length,
    lines: state.actions.slice(0, max).map((a) => describeAction(a).slice(0, 200)),
  };
}
