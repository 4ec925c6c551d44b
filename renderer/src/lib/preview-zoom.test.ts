import { describe, expect, it } from 'vitest';
import { clampOffset, fitScale, requestSide, screenSide, stepZoom } from './preview-zoom';

const photo = { width: 4000, height: 3000 };

describe('preview zoom', () => {
  it('fits the whole image without enlarging a small one', () => {
    expect(fitScale(photo, { width: 800, height: 800 })).toBe(0.2);
    expect(fitScale({ width: 300, height: 200 }, { width: 800, height: 800 })).toBe(1);
  });

  it('steps through the zoom levels from wherever it is', () => {
    expect(stepZoom(0.2, 1)).toBe(0.25);
    expect(stepZoom(1, 1)).toBe(1.5);
    expect(stepZoom(1, -1)).toBeCloseTo(2 / 3);
    expect(stepZoom(8, 1)).toBe(8);
    expect(stepZoom(0.1, -1)).toBe(0.1);
  });

  it('pans only as far as the image is larger than the view', () => {
    const box = { width: 1000, height: 1000 };
    expect(clampOffset({ x: 5000, y: -5000 }, photo, 1, box)).toEqual({ x: 1500, y: -1000 });
    expect(clampOffset({ x: 50, y: 50 }, photo, 0.2, box)).toEqual({ x: 0, y: 0 });
  });

  it('asks for the output at its own size once the screen copy would be enlarged', () => {
    const screen = screenSide({ width: 900, height: 600 }, 1);
    expect(screen).toBe(1024);
    expect(requestSide(0.2, photo, screen)).toBe(1024);
    expect(requestSide(1, photo, screen)).toBe(4000);
    expect(requestSide(1, { width: 12000, height: 9000 }, screen)).toBe(8192);
    expect(requestSide(1, null, screen)).toBe(1024);
  });
});
