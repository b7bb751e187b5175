/** One cell of the scheduler table: how a filter plugin judged a node (the framework stops at the first failing filter). */
import type { SchedulingDecision } from '../../engine/scheduler/types';

type Row = SchedulingDecision['nodes'][number];

export type FilterCell = { state: 'pass' } | { state: 'fail'; reason: string } | { state: 'notRun' } | { state: 'skipped' };

export function filterCell(row: Row, plugin: string, order: readonly string[]): FilterCell {
  if (row.skipped) return { state: 'skipped' };
  if (!row.rejectedBy) return { state: 'pass' };
  const failed = order.indexOf(row.rejectedBy);
  const here = order.indexOf(plugin);
  if (here === failed) return { state: 'fail', reason: row.reason ?? row.reasons?.join(', ') ?? row.rejectedBy };
  return here < failed ? { state: 'pass' } : { state: 'notRun' };
}
