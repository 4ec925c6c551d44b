// The error panel's rows as text: TSV for the clipboard (pastes into a spreadsheet as columns),
// CSV (RFC 4180) for a file.
import type { FileErrorRow } from '../../../common/events';

const COLUMNS = ['file', 'stage', 'code', 'message', 'detail'] as const;

function cells(row: FileErrorRow): string[] {
  return COLUMNS.map((column) => row[column] ?? '');
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function errorsToCsv(rows: readonly FileErrorRow[]): string {
  return `${[COLUMNS.join(','), ...rows.map((row) => cells(row).map(csvCell).join(','))].join('\r\n')}\r\n`;
}

/** Tabs and line breaks inside a value would split it into extra cells, so they become spaces. */
export function errorsToTsv(rows: readonly FileErrorRow[]): string {
  const clean = (value: string): string => value.replace(/[\t\r\n]+/g, ' ');
  return `${[COLUMNS.join('\t'), ...rows.map((row) => cells(row).map(clean).join('\t'))].join('\n')}\n`;
}
