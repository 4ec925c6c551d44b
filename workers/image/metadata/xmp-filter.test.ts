import { describe, expect, it } from 'vitest';
import { XMP, XMP_KEPT_TEXT } from '../../../tests/metadata-fixtures.js';
import { XmpUnreadable, xmpHasLocation, xmpWithoutLocation } from './xmp-filter.js';

describe('xmpWithoutLocation', () => {
  it('removes GPS attributes and elements, nested ones whole, and leaves the rest as it was', () => {
    const out = xmpWithoutLocation(XMP);
    expect(out).not.toMatch(/GPS/);
    expect(out).not.toContain('51,30');
    expect(out).toContain(XMP_KEPT_TEXT);
    expect(out).toContain('exif:ExposureTime="1/125"');
    expect(out).toContain('xmlns:exif="http://ns.adobe.com/exif/1.0/"');
    expect(out.startsWith('<?xpacket begin=')).toBe(true);
    expect(out.endsWith('<?xpacket end="w"?>')).toBe(true);
    expect(xmpWithoutLocation(out)).toBe(out);
  });

  it('whatever the prefix, and in any namespace (a drone maker writes GpsLatitude)', () => {
    const xml =
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description e:GPSLatitude=\'1N\' drone-dji:GpsLongitude="2E"' +
      ' a="GPS in a value stays"><e:GPSMapDatum/><e:Other>x</e:Other></rdf:Description></rdf:RDF></x:xmpmeta>';
    expect(xmpWithoutLocation(xml)).toBe(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description a="GPS in a value stays">' +
        '<e:Other>x</e:Other></rdf:Description></rdf:RDF></x:xmpmeta>',
    );
  });

  it('passes over comments, CDATA and quoted ">" without taking them for tags', () => {
    const xml = '<a><!-- <exif:GPSLatitude> --><b t="x>y"><![CDATA[<exif:GPSAltitude>]]></b></a>';
    expect(xmpWithoutLocation(xml)).toBe(xml);
  });

  it('refuses a packet it cannot follow', () => {
    expect(() => xmpWithoutLocation('<a><exif:GPSLatitude>1</a>')).toThrow(XmpUnreadable);
    expect(() => xmpWithoutLocation('<a b="unterminated>')).toThrow(XmpUnreadable);
    expect(() => xmpWithoutLocation('<a><b></b>')).toThrow(XmpUnreadable);
  });

  it('xmpHasLocation tells a packet with a location from one without', () => {
    expect(xmpHasLocation(XMP)).toBe(true);
    expect(xmpHasLocation(xmpWithoutLocation(XMP))).toBe(false);
  });
});
