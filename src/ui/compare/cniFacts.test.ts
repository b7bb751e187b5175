import { describe, expect, it } from 'vitest';
import { CNI_COLUMNS, CNI_INTRO, CNI_ROWS, CNI_TITLE, type Text } from './cniFacts';

const code = (s: string): string[] => s.match(/`[^`]+`/g) ?? [];

describe('CNI comparison table', () => {
  it('has a cell for every plugin in every row, in English and German with the same code spans', () => {
    const texts: Text[] = [CNI_TITLE, CNI_INTRO, ...CNI_ROWS.flatMap((r) => [r.label, ...CNI_COLUMNS.map((c) => r.cells[c.id])])];
    for (const t of texts) {
      expect(t.en.length).toBeGreaterThan(0);
      expect(t.de.length).toBeGreaterThan(0);
      expect(code(t.de)).toEqual(code(t.en));
    }
  });

  it('names Weave Net and Romana as explained only, flannel and Calico as simulated', () => {
    expect(CNI_COLUMNS.filter((c) => !c.simulated).map((c) => c.name)).toEqual(['Weave Net', 'Romana']);
    const status = CNI_ROWS.find((r) => r.id === 'status')!;
    expect(status.cells.weave.en).toContain('Explained only');
    expect(status.cells.romana.en).toContain('Explained only');
  });
});
