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
