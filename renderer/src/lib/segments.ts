// A flat virtualised list of groups, each a header row and its rows: which group a position falls
// in, found by binary search over the groups' start positions (100,000 rows in a few steps).
export interface SegmentAt<S> {
  segment: S;
  /** -1 for the group's header row, else the row's index within the group. */
  row: number;
}

export function segmentAt<S extends { start: number }>(
  segments: readonly S[],
  index: number,
  rowsIn: (segment: S) => number,
): SegmentAt<S> | undefined {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid]!;
    if (index < s.start) hi = mid - 1;
    else if (index > s.start + rowsIn(s)) lo = mid + 1;
    else return { segment: s, row: index - s.start - 1 };
  }
  return undefined;
}
