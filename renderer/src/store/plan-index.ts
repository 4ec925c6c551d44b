// The plan's rows, kept out of React state as the file list's are (see file-index.ts): 100,000
// rows would otherwise be copied on every update. Rows are grouped by the folder that holds the
// source, in the order the plan meets them; the store holds only a version number that moves when
// the index did, and the tree reads its rows by position.
import { PLAN_STATUSES, type PlannedFile, type PlannedStatus } from '../../../common/ipc';
import { splitPath } from '../lib/format';
import { below } from '../lib/plan-words';
import { segmentAt } from '../lib/segments';

export type PlanFilter = 'all' | PlannedStatus;

export interface PlanGroup {
  /** The folder holding the sources, as a path. */
  folder: string;
  /** As the person reads it: the queued folder's name and the path below it ("Holiday/2024"). */
  label: string;
  rows: PlannedFile[];
  counts: Record<PlannedStatus, number>;
}

/** A group and the rows of it the tree shows. */
export interface PlanSegment {
  group: PlanGroup;
  start: number;
  rows: readonly PlannedFile[];
}

export type PlanTreeRow = { type: 'folder'; group: PlanGroup; shown: number } | { type: 'file'; row: PlannedFile };

const emptyCounts = (): Record<PlannedStatus, number> =>
  Object.fromEntries(PLAN_STATUSES.map((s) => [s, 0])) as Record<PlannedStatus, number>;

export class PlanIndex {
  private groups: PlanGroup[] = [];
  private byFolder = new Map<string, PlanGroup>();
  private roots: string[] = [];
  private cached: { filter: PlanFilter; size: number; segments: PlanSegment[] } | null = null;
  counts = emptyCounts();
  size = 0;

  /** Starts an empty plan for these queued paths. */
  reset(roots: readonly string[]): void {
    this.groups = [];
    this.byFolder = new Map();
    this.roots = [...roots];
    this.counts = emptyCounts();
    this.size = 0;
    this.cached = null;
  }

  add(rows: readonly PlannedFile[]): void {
    for (const row of rows) {
      const { folder } = splitPath(row.file);
      let group = this.byFolder.get(folder);
      if (!group) {
        group = { folder, label: this.folderLabel(folder), rows: [], counts: emptyCounts() };
        this.byFolder.set(folder, group);
        this.groups.push(group);
      }
      group.rows.push(row);
      group.counts[row.status]++;
      this.counts[row.status]++;
      this.size++;
    }
  }

  /** The queued folder that holds it, by name, and the path below it. */
  private folderLabel(folder: string): string {
    // The longest queued path that holds the folder: nested queued folders name the nearer one.
    let best = '';
    for (const root of this.roots)
      if ((folder === root || below(root, folder) !== folder) && root.length > best.length) best = root;
    if (!best) return splitPath(folder).name || folder;
    const name = splitPath(best).name;
    return folder === best ? name : `${name}/${below(best, folder).replaceAll('\\', '/')}`;
  }

  /** Groups and their shown rows, with each group's place in the flat list; cached while nothing changed. */
  segments(filter: PlanFilter): PlanSegment[] {
    if (this.cached && this.cached.filter === filter && this.cached.size === this.size) return this.cached.segments;
    let start = 0;
    const segments: PlanSegment[] = [];
    for (const group of this.groups) {
      const rows =
        filter === 'all' ? group.rows : group.counts[filter] ? group.rows.filter((r) => r.status === filter) : [];
      if (rows.length === 0) continue;
      segments.push({ group, start, rows });
      start += 1 + rows.length;
    }
    this.cached = { filter, size: this.size, segments };
    return segments;
  }
}

/** How many rows the flat list of these segments holds (folders and files). */
export function treeLength(segments: readonly PlanSegment[]): number {
  const last = segments.at(-1);
  return last ? last.start + 1 + last.rows.length : 0;
}

/** The folder or file at a position of the flat list (binary search over the groups). */
export function treeRowAt(segments: readonly PlanSegment[], index: number): PlanTreeRow | undefined {
  const at = segmentAt(segments, index, (s) => s.rows.length);
  if (!at) return undefined;
  const s = at.segment;
  return at.row < 0 ? { type: 'folder', group: s.group, shown: s.rows.length } : { type: 'file', row: s.rows[at.row]! };
}

/** The one plan of the window (the store's plan version says when it changed). */
export const planIndex = new PlanIndex();
