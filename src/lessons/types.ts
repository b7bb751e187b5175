/**
 * A lesson is data: ordered steps, each with prose, an optional highlight, a check against
 * the live simulation and a "show me" that performs it. Adding a lesson needs no UI change.
 */
import type { Simulation } from '../engine/sim/simulation';
import type { ViewState } from '../engine/scenario/view';

export interface CheckContext {
  sim: Simulation;
  view: ViewState;
}

export interface StepCheck {
  passed: boolean;
  message: string;
}

/** What "show me" does: run a command, start a trace, or change the view. */
export type ShowMeAction =
  | { kind: 'exec'; target: string; command: string }
  /** Several commands in one terminal, in order. */
  | { kind: 'script'; target: string; commands: string[] }
  /** Switch to another ready-made scenario (e.g. flannel host-gw to compare). */
  | { kind: 'preset'; id: string }
  | { kind: 'trace'; from: string; to: string; step?: number; /** Show the first step of this stage (e.g. vxlan-encap). */ stage?: string }
  | { kind: 'select'; selected: NonNullable<ViewState['selected']> }
  | { kind: 'step'; step: number };

export interface LessonStep {
  title: string;
  /** Short Markdown-lite prose: paragraphs, `code`, **bold**. */
  body: string;
  hint: string;
  /** data-testid of the UI element to highlight while this step is active. */
  highlight?: string;
  check: (ctx: CheckContext) => StepCheck;
  showMe: (ctx: CheckContext) => ShowMeAction;
}

export interface Lesson {
  id: string;
  /** The preset the lesson starts from (see engine/scenario/presets.ts); default: 'default'. */
  preset?: string;
  title: string;
  topic: string;
  summary: string;
  minutes: number;
  steps: LessonStep[];
}
