// Taking the location out of an XMP packet: every property whose name starts with "GPS"
// (exif:GPSLatitude, exif:GPSAltitudeRef, drone makers' GpsLongitude …), whether written as an
// attribute of rdf:Description or as an element, with all it contains. The rest of the packet is
// left byte for byte as it was. XMP is XML; a small tokenizer is enough, as only tags are looked
// at: comments, CDATA and processing instructions are passed over whole, quoted values too.

/** The packet is not well-formed enough to be filtered: it must not be kept. */
export class XmpUnreadable extends Error {}

/** "exif:GPSLatitude" → true; the prefix is whatever the packet bound, so only the local name counts. */
const isLocation = (name: string): boolean => /^gps/i.test(name.slice(name.indexOf(':') + 1));

interface Tag {
  kind: 'start' | 'end' | 'empty';
  name: string;
  start: number;
  end: number;
}

/** Where a construct that is not a tag ends (comment, CDATA, PI, DOCTYPE), or -1 if `at` starts a tag. */
function skipOther(xml: string, at: number): number {
  for (const [open, close] of [
    ['<!--', '-->'],
    ['<![CDATA[', ']]>'],
    ['<?', '?>'],
    ['<!', '>'],
  ] as const) {
    if (!xml.startsWith(open, at)) continue;
    const end = xml.indexOf(close, at + open.length);
    if (end < 0) throw new XmpUnreadable(`${open} at ${at} is never closed`);
    return end + close.length;
  }
  return -1;
}

/** The end of a tag starting at `at` ('<'), quoted attribute values passed over. */
function tagEnd(xml: string, at: number): number {
  for (let i = at + 1; i < xml.length; i++) {
    const c = xml[i];
    if (c === '"' || c === "'") {
      const close = xml.indexOf(c, i + 1);
      if (close < 0) break;
      i = close;
    } else if (c === '>') return i + 1;
  }
  throw new XmpUnreadable(`the tag at ${at} is never closed`);
}

function tags(xml: string): Tag[] {
  const found: Tag[] = [];
  for (let at = xml.indexOf('<'); at >= 0; at = xml.indexOf('<', at)) {
    const other = skipOther(xml, at);
    if (other >= 0) {
      at = other;
      continue;
    }
    const end = tagEnd(xml, at);
    const closing = xml[at + 1] === '/';
    const name = /^[^\s/>]+/.exec(xml.slice(at + (closing ? 2 : 1), end))?.[0] ?? '';
    if (!name) throw new XmpUnreadable(`a tag without a name at ${at}`);
    const kind = closing ? 'end' : xml[end - 2] === '/' ? 'empty' : 'start';
    found.push({ kind, name, start: at, end });
    at = end;
  }
  return found;
}

/** A start tag with its location attributes (and the space before each) left out. */
function withoutLocationAttributes(tag: string): string {
  return tag.replace(/\s+([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')/g, (whole, name: string) =>
    isLocation(name) && !name.startsWith('xmlns') ? '' : whole,
  );
}

/** The packet without its location properties. Throws XmpUnreadable on a packet it cannot follow. */
export function xmpWithoutLocation(xml: string): string {
  let out = '';
  let copied = 0;
  const open: string[] = [];
  let skipping = -1;
  for (const tag of tags(xml)) {
    if (tag.kind === 'end') {
      if (open.pop() !== tag.name) throw new XmpUnreadable(`</${tag.name}> closes nothing it opened`);
      if (open.length === skipping) {
        skipping = -1;
        copied = tag.end;
      }
      continue;
    }
    if (skipping >= 0) {
      if (tag.kind === 'start') open.push(tag.name);
      continue;
    }
    if (isLocation(tag.name)) {
      out += xml.slice(copied, tag.start);
      copied = tag.end;
      if (tag.kind === 'start') {
        skipping = open.length;
        open.push(tag.name);
      }
      continue;
    }
    if (tag.kind === 'start') open.push(tag.name);
    out += xml.slice(copied, tag.start) + withoutLocationAttributes(xml.slice(tag.start, tag.end));
    copied = tag.end;
  }
  if (open.length > 0) throw new XmpUnreadable(`<${open.at(-1)}> is never closed`);
  return out + xml.slice(copied);
}

/** Whether a packet names a location at all (then it must be filtered before it is kept). */
export const xmpHasLocation = (xml: string): boolean => /[:<\s]gps/i.test(xml);
