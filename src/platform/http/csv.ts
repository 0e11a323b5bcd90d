// CSV exports (RFC 4180) the way spreadsheets read them safely.

/** One cell; text a spreadsheet would run as a formula (=, +, -, @, tab, CR) is quoted inert. */
export function csvCell(value: string | number | null): string {
  if (typeof value === 'number') return String(value);
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Lines of cells, CRLF after each. */
export function toCsv(lines: (string | number | null)[][]): string {
  return lines.map((cells) => `${cells.map(csvCell).join(',')}\r\n`).join('');
}

/** Whether an Accept header asks for text/csv before JSON. */
export function wantsCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(',').map((t) => t.split(';')[0]?.trim().toLowerCase());
  const csv = types.indexOf('text/csv');
  const json = types.indexOf('application/json');
  return csv !== -1 && (json === -1 || csv < json);
}
