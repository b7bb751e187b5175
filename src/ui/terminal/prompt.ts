/** The prompt as a coloured shell prints it: Debian's bash PS1 on nodes, busybox's `/ # ` in pods. */
export function ansiPrompt(plain: string): string {
  const m = /^(\S+@\S+?):(\S*)#$/.exec(plain);
  if (!m) return `${plain} `;
  return `\x1b[1;32m${m[1]}\x1b[0m:\x1b[1;34m${m[2]}\x1b[0m# `;
}

/** Lays candidates out in columns the way bash lists completions. */
export function columns(items: string[], width: number): string {
  const w = Math.max(...items.map((s) => s.length)) + 2;
  const perRow = Math.max(1, Math.floor(width / w));
  const rows: string[] = [];
  for (let i = 0; i < items.length; i += perRow) rows.push(items.slice(i, i + perRow).map((s) => s.padEnd(w)).join('').trimEnd());
  return rows.join('\r\n');
}

/** Output text → terminal text (CRLF line ends). */
export function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
