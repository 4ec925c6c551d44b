import { describe, expect, it } from 'vitest';
import { FILTERS } from '../../../common/filters';
import { isParamVisible, joinColor, numberFieldText, parseNumberField, splitColor } from './param-values';

describe('param values', () => {
  it('turns an empty or unparsable number field into NaN, for the spec check to report', () => {
    expect(parseNumberField(' 12.5 ')).toBe(12.5);
    expect(parseNumberField('')).toBeNaN();
    expect(parseNumberField('abc')).toBeNaN();
    expect(numberFieldText(Number.NaN)).toBe('');
    expect(numberFieldText(3)).toBe('3');
  });

  it('keeps the alpha of #rrggbbaa across a colour picker change', () => {
    const { rgb, alpha } = splitColor('#FF880080');
    expect(rgb).toBe('#ff8800');
    expect(joinColor('#00ff00', alpha)).toBe('#00ff0080');
    expect(joinColor('#00ff00', splitColor('#123456').alpha)).toBe('#00ff00');
  });

  it('honours showWhen', () => {
    const { percent, width } = FILTERS.resize.params;
    expect(isParamVisible(percent, { by: 'percent' })).toBe(true);
    expect(isParamVisible(percent, { by: 'box' })).toBe(false);
    expect(isParamVisible(width, { by: 'width' })).toBe(true);
  });
});

describe('values as the window shows them', () => {
  it('scales opacity to per cent and back without float noise, and writes units the way people do', async () => {
    const { toDisplay, fromDisplay, withUnit, displayText } = await import('./param-values');
    const { opacity } = FILTERS.watermark.params;
    expect(toDisplay(opacity, 0.55)).toBe(55);
    expect(fromDisplay(opacity, 55)).toBe(0.55);
    expect(withUnit(65535, 'px')).toBe('65,535 px');
    expect(withUnit(90, '°')).toBe('90°');
    expect(withUnit(1.25, '×')).toBe('1.25×');
    expect(displayText(FILTERS.resize.params.kernel, 'lanczos3')).toBe('Best quality (Lanczos)');
    expect(displayText(FILTERS.text.params.gravity, 'southeast')).toBe('Bottom right');
  });
});
