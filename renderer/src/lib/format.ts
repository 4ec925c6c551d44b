// Paths as the window shows them. Numbers (sizes, times, rates) are formatted in common/format.ts,
// shared with the CLI.

/** Splits a path into its last part and the folder holding it, for showing the name first. */
export function splitPath(path: string): { name: string; folder: string } {
  const trimmed = path.replace(/[\\/]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return cut < 0
    ? { name: trimmed || path, folder: '' }
    : { name: trimmed.slice(cut + 1), folder: trimmed.slice(0, cut) || trimmed.slice(0, 1) };
}
