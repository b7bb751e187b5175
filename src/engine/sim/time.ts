/**
 * Simulated wall clock. Simulated milliseconds count from a fixed instant so timestamps in
 * objects (creationTimestamp, lastHeartbeatTime) are identical on every replay.
 */
export const SIM_EPOCH_MS = Date.UTC(2026, 0, 5, 9, 0, 0);

// Whole seconds only, so the last second's text serves every call within it (the scheduler
// stamps each of thousands of pods a second twice).
let lastSecond = NaN;
let lastIso = '';

export function isoAt(simMs: number): string {
  const second = Math.floor((SIM_EPOCH_MS + simMs) / 1000);
  if (second !== lastSecond) {
    lastIso = new Date(second * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    lastSecond = second;
  }
  return lastIso;
}

export function simMsOf(iso: string): number {
  return Date.parse(iso) - SIM_EPOCH_MS;
}

/** kubectl's HumanDuration (k8s.io/apimachinery/pkg/util/duration), for the AGE column. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    const y = Math.floor(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}
