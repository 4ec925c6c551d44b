// Reordering for the window's lists (the chain, the outputs): immutable, as the store wants.

/** Moves one entry of a list to another place; anything out of range leaves the list as it was. */
export function moveTo<T>(list: readonly T[], from: number, to: number): T[] {
  if (from < 0 || to < 0 || from >= list.length || to >= list.length || from === to) return [...list];
  const next = [...list];
  const [moved] = next.splice(from, 1);
  if (moved !== undefined) next.splice(to, 0, moved);
  return next;
}
