// `pixmill formats`: every image format Pixmill recognises, whether it reads it and with which
// decoder, and the output format it writes, for people or, with `--json`, for scripts.
import { DECODER_NAMES, DECODER_NOTES, DECODERS, ENCODERS, FORMAT_EXTENSIONS } from '../../common/formats.js';
import { OUTPUT_FORMATS } from '../../common/pipeline.js';
import { FORMAT_NAMES, type SniffedFormat } from '../../common/sniff.js';

interface FormatRow {
  format: SniffedFormat;
  name: string;
  extensions: readonly string[];
  /** The decoder that reads it, or null when Pixmill answers it as unsupported. */
  readBy: string | null;
  /** The `--format` that writes it, or null. */
  write: string | null;
  writeBy: string | null;
}

const writable = (format: SniffedFormat): string | null =>
  (OUTPUT_FORMATS as readonly string[]).includes(format) ? format : null;

export function formatRows(): FormatRow[] {
  return (Object.keys(FORMAT_EXTENSIONS) as SniffedFormat[]).map((format) => {
    const decoder = DECODERS[format];
    const write = writable(format);
    return {
      format,
      name: FORMAT_NAMES[format],
      extensions: FORMAT_EXTENSIONS[format] ?? [],
      readBy: decoder ? (DECODER_NOTES[format] ?? DECODER_NAMES[decoder]) : null,
      write,
      writeBy: write ? DECODER_NAMES[ENCODERS[write as keyof typeof ENCODERS]] : null,
    };
  });
}

export function formatsCommand(flags: { json?: boolean }): number {
  const rows = formatRows();
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const table = [
    ['format', 'names', 'read by', 'written as'],
    ...rows.map((r) => [
      r.name,
      r.extensions.map((e) => `.${e}`).join(' '),
      r.readBy ?? 'not read (reported as unsupported)',
      r.write ? `--format ${r.write}${r.writeBy === DECODER_NAMES.libvips ? '' : `, by ${r.writeBy}`}` : '—',
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const lines = table.map((row) => `  ${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd());
  process.stdout.write(
    [
      'Formats Pixmill knows. Files are recognised by their contents, whatever their names,',
      'and every readable one can be written in every output format (written by libvips unless',
      'said). HEIC is read but not written (HEVC is patent-encumbered): AVIF is the open format',
      'for the same photos.',
      '',
      ...lines,
      '',
    ].join('\n'),
  );
  return 0;
}
