// Numbers as a person reads them, the same in the window and in the terminal: one batch must not
// show two different sizes or times depending on where you look.

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;

/**
 * Decimal units (1 kB = 1000 B), as the macOS and GNOME file managers show sizes, so the figure
 * matches what the person sees in their file browser. Three significant figures at most:
 * 999 B, 1.0 kB, 9.9 kB, 10 kB, 999 kB, 1.0 MB.
 */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  // 999.5 kB would round to "1000 kB": such values move up a unit first.
  while (unit < BYTE_UNITS.length - 1 && Math.abs(value) >= (unit === 0 ? 1000 : 999.5)) {
    value /= 1000;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  const digits = Math.abs(value) < 9.95 ? value.toFixed(1) : String(Math.round(value));
  return `${digits} ${BYTE_UNITS[unit]}`;
}

/** 45 → "45s", 65 → "1m 05s", 3725 → "1h 02m"; null (not known yet) → "--". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '--';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** Images per second: one decimal while it is small enough for the decimal to matter. */
export function formatRate(perSecond: number): string {
  return perSecond >= 10 ? perSecond.toFixed(0) : perSecond.toFixed(1);
}

/** pluralNoun(1, 'image') → "image", pluralNoun(3, 'image') → "images": for a count written apart. */
export function pluralNoun(n: number, word: string, pluralWord = `${word}s`): string {
  return n === 1 ? word : pluralWord;
}

/** plural(1, 'image') → "1 image", plural(3, 'image') → "3 images". */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${pluralNoun(n, word, pluralWord)}`;
}

/** YYYY-MM-DD in local time: the date on the person's calendar (the naming pattern's {date}). */
export function localDate(d: Date): string {
  const pad = (v: number): string => String(v).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
