// Where a HEIF (AVIF) item's bytes lie: its type is in the item info box (iinf), its place in
// the item location box (iloc), both inside the top-level meta box. libheif writes the EXIF as
// an item of type "Exif" in one extent of mdat; an item in the meta box's own idat box is
// followed too. Anything else (several extents, a data reference) is refused as unreadable.
import { type Box, boxesIn, ContainerUnreadable, need } from './containers.js';

/** A full box's version, after which its fields start (4 bytes: version and flags). */
const versionOf = (data: Buffer, box: Box): number => {
  need(data, box.body, 4);
  return data[box.body]!;
};

/** An unsigned big-endian integer of 0, 2, 4 or 8 bytes. */
function uint(data: Buffer, at: number, size: number): number {
  need(data, at, size);
  if (size === 0) return 0;
  if (size === 2) return data.readUInt16BE(at);
  if (size === 4) return data.readUInt32BE(at);
  if (size === 8) return Number(data.readBigUInt64BE(at));
  throw new ContainerUnreadable(`an iloc field of ${size} bytes`);
}

/** The item IDs whose type is `type`, from the infe boxes (versions 2 and 3 carry a type). */
function itemsOfType(data: Buffer, iinf: Box, type: string): number[] {
  const version = versionOf(data, iinf);
  const first = iinf.body + 4 + (version === 0 ? 2 : 4);
  const ids: number[] = [];
  for (const infe of boxesIn(data, first, iinf.end)) {
    if (infe.type !== 'infe') continue;
    const v = versionOf(data, infe);
    if (v < 2) continue;
    const idSize = v === 2 ? 2 : 4;
    const at = infe.body + 4;
    // item_ID, item_protection_index (2 bytes), item_type.
    need(data, at, idSize + 2 + 4);
    if (data.toString('latin1', at + idSize + 2, at + idSize + 6) === type) ids.push(uint(data, at, idSize));
  }
  return ids;
}

interface Location {
  method: number;
  extents: { offset: number; length: number }[];
}

function locations(data: Buffer, iloc: Box): Map<number, Location> {
  const version = versionOf(data, iloc);
  let at = iloc.body + 4;
  need(data, at, 2);
  const offsetSize = data[at]! >> 4;
  const lengthSize = data[at]! & 15;
  const baseSize = data[at + 1]! >> 4;
  const indexSize = version === 1 || version === 2 ? data[at + 1]! & 15 : 0;
  at += 2;
  const idSize = version < 2 ? 2 : 4;
  const count = uint(data, at, idSize);
  at += idSize;
  const found = new Map<number, Location>();
  for (let i = 0; i < count; i++) {
    const id = uint(data, at, idSize);
    at += idSize;
    let method = 0;
    if (version === 1 || version === 2) {
      method = uint(data, at, 2) & 15;
      at += 2;
    }
    const reference = uint(data, at, 2);
    const base = uint(data, at + 2, baseSize);
    at += 2 + baseSize;
    const extentCount = uint(data, at, 2);
    at += 2;
    const extents: Location['extents'] = [];
    for (let e = 0; e < extentCount; e++) {
      at += indexSize;
      const offset = uint(data, at, offsetSize);
      const length = uint(data, at + offsetSize, lengthSize);
      at += offsetSize + lengthSize;
      extents.push({ offset: base + offset, length });
    }
    if (reference !== 0) method = -1;
    found.set(id, { method, extents });
  }
  return found;
}

/** Bytes [start, end) of every item of this type, in the file. */
export function heifItems(data: Buffer, type: string): { start: number; end: number }[] {
  const meta = boxesIn(data, 0, data.length).find((b) => b.type === 'meta');
  if (!meta) return [];
  const children = boxesIn(data, meta.body + 4, meta.end);
  const iinf = children.find((b) => b.type === 'iinf');
  const iloc = children.find((b) => b.type === 'iloc');
  const idat = children.find((b) => b.type === 'idat');
  if (!iinf) return [];
  const ids = itemsOfType(data, iinf, type);
  if (ids.length === 0) return [];
  if (!iloc) throw new ContainerUnreadable('the file has items but no item locations');
  const where = locations(data, iloc);
  return ids.map((id) => {
    const loc = where.get(id);
    const extent = loc?.extents[0];
    if (!loc || !extent || loc.extents.length !== 1 || (loc.method !== 0 && loc.method !== 1))
      throw new ContainerUnreadable(`item ${id} is not stored in one extent of the file`);
    const within = loc.method === 1 ? idat : { body: 0, end: data.length };
    if (!within) throw new ContainerUnreadable(`item ${id} is said to be in an idat box the file lacks`);
    const start = within.body + extent.offset;
    // A length of 0 means "to the end of the file" (or of idat).
    const end = extent.length === 0 ? within.end : start + extent.length;
    need(data, start, end - start);
    return { start, end };
  });
}
