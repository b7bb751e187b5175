/**
 * Go's text/tabwriter (minwidth 0, tabwidth 8, padding 2, padchar ' '), as kubectl describe
 * uses it: cells end at a tab, and a column is aligned over each run of consecutive lines
 * that have a cell in it — a line without that column ends the block.
 */
export function tabwrite(text: string, padding = 2): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const widths: number[] = [];
  const out: string[] = [];
  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i];
      let s = '';
      cells.forEach((c, j) => {
        if (j < cells.length - 1 && j < widths.length) s += c.padEnd(widths[j]);
        else s += c + (j < cells.length - 1 ? '' : '');
      });
      out.push(s);
    }
  };
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t].length - 1) continue;
      writeLines(start, t);
      start = t;
      let width = 0;
      let end = t;
      for (; end < line1; end++) {
        const cells = lines[end];
        if (column >= cells.length - 1) break;
        width = Math.max(width, cells[column].length + padding);
      }
      widths.push(width);
      format(start, end);
      widths.pop();
      start = end;
      t = end - 1;
    }
    writeLines(start, line1);
  };
  format(0, lines.length);
  return out.join('\n');
}
