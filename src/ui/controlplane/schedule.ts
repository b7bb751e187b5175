/** One cell of the scheduler table: how a filter plugin judged a node (the framework stops at the first failing filter). */
import type { SchedulingDecision } from '../../engine/scheduler/types';

type Row = SchedulingDecision['nodes'][number];

export type FilterCell = { state: 'pass' } | { state: 'fail'; reason: string } | { state: 'notRun' } | { state: 'skipped' };

export function filterCell(row: Row, plugin: string, order: readonly string[]): FilterCell {
  if (row.skipped) return { state: 'skipped' };
  if (!row.rejectedBy) return { state: 'pass' };
  const reason = row.reason ?? row.reasons?.join(', ') ?? row.rejectedBy;
  // Left out by a PreFilter result: its plugin is the reason, and no filter ran at all.
  if (row.preFiltered) return plugin === row.rejectedBy ? { state: 'fail', reason } : { state: 'notRun' };
  const failed = order.indexOf(row.rejectedBy);
  const here = order.indexOf(plugin);
  if (here === failed) return { state: 'fail', reason };
  return here < failed ? { state: 'pass' } : { state: 'notRun' };
}
