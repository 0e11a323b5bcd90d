// One table for every figure the bench prints: what was measured, the target it answers to (BRIEF.md,
// issue 15), and whether it was met. Figures without a target are printed for the record.

export interface Measured {
  figure: string;
  /** the target, in words ("≥ 1,000/s"); absent for figures kept for the record */
  target?: string;
  met?: boolean;
}

export type Results = Record<string, string | Measured>;

export function measured(figure: string, target: string, met: boolean): Measured {
  return { figure, target, met };
}

export function printTable(title: string, results: Results): string {
  const rows = Object.entries(results).map(([name, value]) =>
    typeof value === 'string'
      ? { name, figure: value, target: '', met: '' }
      : { name, ...value, met: value.met === undefined ? '' : value.met ? 'met' : 'NOT MET' },
  );
  const width = (pick: (r: (typeof rows)[number]) => string, min: number) =>
    Math.max(min, ...rows.map((r) => (pick(r).includes('\n') ? 0 : pick(r).length)));
  const nameW = width((r) => r.name, 8);
  const targetW = width((r) => r.target ?? '', 6);
  const lines = [`\n${title}`, `  ${'measure'.padEnd(nameW)}  ${'target'.padEnd(targetW)}  ${'met'.padEnd(7)}  figure`];
  for (const r of rows) {
    lines.push(`  ${r.name.padEnd(nameW)}  ${(r.target ?? '').padEnd(targetW)}  ${r.met.padEnd(7)}  ${r.figure}`);
  }
  const judged = rows.filter((r) => r.met !== '');
  if (judged.length > 0) {
    lines.push(`  ${judged.filter((r) => r.met === 'met').length} of ${judged.length} targets met`);
  }
  return `${lines.join('\n')}\n`;
}
