import { describe, expect, it } from 'vitest';
import { defaultParams, FILTER_OPS, FILTERS } from './filters.js';
import type { ParamSpec } from './params.js';
import { EFFORT_RANGE, makePipeline, NAME_TOKENS, parsePipeline, QUALITY_RANGE } from './pipeline.js';
import { findPreset, PRESETS } from './presets.js';

describe('filter registry', () => {
  it.each(FILTER_OPS)('%s: every default lies within its own description', (op) => {
    const params: Record<string, ParamSpec> = FILTERS[op].params;
    for (const [name, p] of Object.entries(params)) {
      if (p.type === 'number' || p.type === 'integer') {
        expect(p.default, name).toBeGreaterThanOrEqual(p.min);
        expect(p.default, name).toBeLessThanOrEqual(p.max);
      }
      if (p.type === 'enum') expect(p.options, name).toContain(p.default);
      if (p.showWhen) expect(Object.keys(params), name).toContain(p.showWhen.param);
    }
    // The schema accepts a step made of nothing but defaults, and fills them in itself.
    const parsed = parsePipeline({ steps: [{ op }] });
    expect(parsed.ok && parsed.value.steps[0]!.params).toEqual(defaultParams(op));
  });
});

describe('parsePipeline', () => {
  it('fills every default for an empty spec', () => {
    const spec = makePipeline();
    expect(spec.output).toMatchObject({ format: 'keep', conflict: 'suffix', structure: 'keep', pattern: '{name}' });
    expect(spec.limits.maxPixels).toBe(268_402_689);
  });

  it.each([
    [{ steps: [{ op: 'sharpen', params: { sigma: 99 } }] }, 'steps.0.params.sigma', /at most 10/],
    [{ steps: [{ op: 'resize', params: { width: 1.5 } }] }, 'steps.0.params.width', /whole number/],
    [{ steps: [{ op: 'tint', params: { color: 'red' } }] }, 'steps.0.params.color', /colour/],
    [{ steps: [{ op: 'swirl' }] }, 'steps.0.op', /one of resize/],
    [{ steps: [{ op: 'blur', params: { sigma: 2, radius: 3 } }] }, 'steps.0.params', /radius/],
    [{ output: { format: 'bmp' } }, 'output.format', /one of keep, jpeg/],
    [{ output: { quality: 0 } }, 'output.quality', /./],
    [{ output: { pattern: '../{name}' } }, 'output.pattern', /inside the output folder/],
    [{ output: { pattern: 'a/b' } }, 'output.pattern', /inside the output folder/],
    [{ output: { pattern: '{name}-{size}' } }, 'output.pattern', /Unknown token/],
    [{ output: { background: 'white' } }, 'output.background', /background colour like #ffffff/],
    [{ output: { background: '#ffffff80' } }, 'output.background', /six hex digits/],
    [{ limits: { maxFrames: 0 } }, 'limits.maxFrames', /./],
    [{ surprise: true }, '(root)', /surprise/],
  ])('rejects %j naming %s', (input, field, message) => {
    const r = parsePipeline(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.field).toBe(field);
    expect(r.message.startsWith(`${field}: `)).toBe(true);
    expect(r.message).toMatch(message);
  });

  it('accepts every token in a naming pattern', () => {
    expect(parsePipeline({ output: { pattern: '{date}_{n}_{name}.{ext}_{w}x{h}' } }).ok).toBe(true);
  });
});

describe('presets', () => {
  it('has the five built-ins, each a valid spec', () => {
    expect(PRESETS.map((p) => p.name)).toEqual([
      'web-1600',
      'thumbnail-400',
      'archive-avif',
      'square-1080',
      'responsive-web',
    ]);
    for (const p of PRESETS) expect(parsePipeline(p.spec)).toEqual({ ok: true, value: p.spec });
    expect(findPreset('thumbnail-400')?.spec.output.format).toBe('webp');
    expect(findPreset('nope')).toBeUndefined();
  });
});

describe('output ranges and naming tokens', () => {
  it.each([
    ['quality', QUALITY_RANGE],
    ['effort', EFFORT_RANGE],
  ] as const)('%s: the schema accepts exactly the published range and defaults to its default', (field, range) => {
    expect(makePipeline().output[field]).toBe(range.default);
    for (const value of [range.min, range.max]) expect(parsePipeline({ output: { [field]: value } }).ok).toBe(true);
    for (const value of [range.min - 1, range.max + 1]) {
      expect(parsePipeline({ output: { [field]: value } })).toMatchObject({ ok: false, field: `output.${field}` });
    }
  });

  it('accepts every published token in a pattern, and names them all when refusing another', () => {
    expect(parsePipeline({ output: { pattern: NAME_TOKENS.map((t) => `{${t}}`).join('-') } }).ok).toBe(true);
    const refused = parsePipeline({ output: { pattern: '{size}' } });
    expect(refused.ok).toBe(false);
    for (const t of NAME_TOKENS) expect(!refused.ok && refused.message).toContain(`{${t}}`);
  });
});
