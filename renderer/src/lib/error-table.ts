// The problem list's rows: every file that failed, every warning (of a file processed or kept out)
// and every file the batch passed over (not an image, hidden, an empty folder), as one list, and as text: TSV for the clipboard (pastes into a spreadsheet as columns), CSV
// (RFC 4180) for a file.
import type { FileErrorRow, FileIgnoredRow, FileWarningRow } from '../../../common/events';

export type ProblemKind = 'error' | 'warning' | 'passed-over';

/** One row of the panel. A file with three warnings gives three rows, each with its own code. */
export interface ProblemRow {
  kind: ProblemKind;
  file: string;
  /** Where an error happened (read, process, write…); empty otherwise. */
  stage: string;
  code: string;
  message: string;
  detail: string;
  /** The output a warning belongs to; empty for an error (there is none). */
  output: string;
}

const COLUMNS = ['kind', 'file', 'stage', 'code', 'message', 'detail', 'output'] as const;

const IGNORE_CODES: Record<FileIgnoredRow['reason'], string> = {
  'not-image': 'NOT_AN_IMAGE',
  hidden: 'HIDDEN',
  'empty-folder': 'EMPTY_FOLDER',
  duplicate: 'DUPLICATE',
};

/**
 * Errors first (those files have no output at all), then warnings in the order files finished,
 * then the files passed over, in scan order.
 */
export function problemRows(
  errors: readonly FileErrorRow[],
  warnings: readonly FileWarningRow[],
  passedOver: readonly FileIgnoredRow[] = [],
): ProblemRow[] {
  const rows: ProblemRow[] = errors.map((e) => ({
    kind: 'error',
    file: e.file,
    stage: e.stage,
    code: e.code,
    message: e.message,
    detail: e.detail ?? '',
    output: '',
  }));
  for (const w of warnings)
    for (const warning of w.warnings)
      rows.push({ kind: 'warning', file: w.file, stage: '', ...warning, detail: '', output: w.output });
  for (const p of passedOver)
    rows.push({
      kind: 'passed-over',
      file: p.file,
      stage: 'scan',
      code: IGNORE_CODES[p.reason],
      message: p.message,
      detail: '',
      output: '',
    });
  return rows;
}

function cells(row: ProblemRow): string[] {
  return COLUMNS.map((column) => row[column]);
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function rowsToCsv(rows: readonly ProblemRow[]): string {
  return `${[COLUMNS.join(','), ...rows.map((row) => cells(row).map(csvCell).join(','))].join('\r\n')}\r\n`;
}

/** Tabs and line breaks inside a value would split it into extra cells, so they become spaces. */
export function rowsToTsv(rows: readonly ProblemRow[]): string {
  const clean = (value: string): string => value.replace(/[\t\r\n]+/g, ' ');
  return `${[COLUMNS.join('\t'), ...rows.map((row) => cells(row).map(clean).join('\t'))].join('\n')}\n`;
}
