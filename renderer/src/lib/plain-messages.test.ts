import { describe, expect, it } from 'vitest';
import { fieldPath, outputSchema, parsePipeline, pipelineSchema, variantSchema } from '../../../common/pipeline';
import { plainMessage, specProblem } from './plain-messages';

const ENGINE = /steps\.\d|batch:|Expected |longEdge|sigma|lanczos|southeast/;

describe('plainMessage: a handler refusal in words', () => {
  it.each([
    [
      { field: 'outDir', message: 'batch:start: outDir: Expected an absolute path' },
      'The output folder must be a full path, e.g. /home/you/Pictures/out',
    ],
    [
      {
        field: 'spec.steps.0.params.longEdge',
        message: 'batch:start: spec.steps.0.params.longEdge: Expected a number of at least 1',
      },
      'Resize, step 1: Long edge must be between 1 and 65,535 px',
    ],
    [
      { field: 'spec.steps.0.params.path', message: 'spec.steps.0.params.path: choose a watermark image' },
      'Choose a watermark file',
    ],
    [
      {
        field: 'spec.steps.1.params.path',
        message: 'spec.steps.1.params.path: the watermark image /x/logo.png does not exist or is not a file',
      },
      'The watermark file /x/logo.png does not exist or is not a file',
    ],
    [
      {
        field: 'outDir',
        message: 'outDir: the output folder /a contains the input folder /a/b; choose an output folder outside it',
      },
      'The output folder /a contains the input folder /a/b; choose an output folder outside it',
    ],
    [
      { field: 'inputs', message: 'batch:start: inputs: Add at least one folder or file' },
      'Add at least one folder or image',
    ],
    [
      { field: 'workers', message: 'workers: expected a whole number from 1 to 4 but received 9' },
      'The number of workers must be a whole number from 1 to 4',
    ],
    [{ field: 'name', message: 'presets:save: name: Expected a preset name' }, 'Give the preset a name first'],
    [
      {
        field: 'spec.output.pattern',
        message: 'batch:start: spec.output.pattern: Expected a naming pattern such as {name}-small',
      },
      'Enter a naming pattern, such as {name}-small',
    ],
    [{ message: 'There is no running batch b3.' }, 'There is no running batch b3.'],
    [{ message: 'batch:pause: Expected a batch id' }, 'Pixmill could not do that; please try again'],
  ])('%o → %s', (refusal, expected) => {
    expect(plainMessage(refusal, [{ op: 'resize' }])).toBe(expected);
  });

  it('names the step and the setting when it knows the chain, and the setting alone when it does not', () => {
    const refusal = {
      field: 'spec.steps.1.params.sigma',
      message: 'batch:start: spec.steps.1.params.sigma: Expected a number of at most 10',
    };
    expect(plainMessage(refusal, [{ op: 'resize' }, { op: 'sharpen' }])).toBe(
      'Sharpen, step 2: Radius must be between 0.3 and 10 px',
    );
    // sigma is described by two filters with different ranges: no guessing which.
    expect(plainMessage(refusal)).toBe('Step 2: a setting of this step is not valid');
  });

  it('never lets an engine word through, for every parameter of every filter the schema refuses', () => {
    const cases = [
      { steps: [{ op: 'resize', params: { width: 0, height: 1.5, longEdge: Number.NaN, kernel: 'bogus' } }] },
      { steps: [{ op: 'watermark', params: { gravity: 'up', opacity: 3, scale: 0 } }] },
      { steps: [{ op: 'text', params: { text: 'x'.repeat(600), color: 'red' } }] },
      { steps: [{ op: 'swirl' }] },
      { steps: [{ op: 'blur', params: { radius: 3 } }] },
      { output: { quality: 0, pattern: '../x', format: 'bmp', background: 'white' } },
      { limits: { timeoutSeconds: 0 } },
    ];
    for (const input of cases) {
      const r = parsePipeline(input);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      const words = plainMessage({ field: `spec.${r.field}`, message: `batch:start: spec.${r.message}` }, input.steps);
      expect(words, r.message).not.toMatch(ENGINE);
      expect(specProblem(r.field, r.message, input.steps), r.message).not.toMatch(ENGINE);
    }
  });

  it('shows scaled values in the units the window uses', () => {
    expect(specProblem('steps.0.params.opacity', 'Expected a number of at most 1', [{ op: 'watermark' }])).toBe(
      'Watermark image, step 1: Opacity must be between 0 and 100 %',
    );
    expect(specProblem('steps.0.params.width', 'Expected a whole number between 1 and 65535', [{ op: 'crop' }])).toBe(
      'Crop, step 1: Width must be a whole number between 1 and 65,535 px',
    );
    expect(specProblem('limits.timeoutSeconds', 'x')).toBe(
      'The time limit must be Automatic or between 1 and 3600 seconds',
    );
  });
});

describe('specProblem: the output settings and the outputs list', () => {
  const issuesOf = (input: unknown): { field: string; message: string }[] => {
    const r = pipelineSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => ({ field: fieldPath(i.path), message: i.message }));
  };
  const FALLBACK = /not valid|does not know/;

  it('has a sentence of its own for every setting of the output and of an output of the list', () => {
    for (const key of Object.keys(outputSchema.shape)) {
      const [issue] = issuesOf({ output: { [key]: { bogus: true } } });
      expect(issue?.field, key).toBe(`output.${key}`);
      const words = specProblem(issue!.field, issue!.message);
      expect(words, key).not.toMatch(FALLBACK);
      expect(words, key).not.toMatch(ENGINE);
    }
    for (const key of Object.keys(variantSchema.shape)) {
      const [issue] = issuesOf({ outputs: [{ [key]: { bogus: true } }] });
      expect(issue?.field, key).toBe(`outputs.0.${key}`);
      const words = specProblem(issue!.field, issue!.message);
      expect(words, key).toMatch(/^Output 1: /);
      expect(words, key).not.toMatch(FALLBACK);
      expect(words, key).not.toMatch(ENGINE);
    }
  });

  it('says why a quality target cannot apply, and which outputs would clash', () => {
    const [png] = issuesOf({ output: { format: 'png', targetScore: 80 } });
    expect(specProblem(png!.field, png!.message)).toBe(
      'A quality target needs JPEG, WebP, AVIF or JPEG XL: PNG, TIFF and GIF have no quality to choose',
    );
    const [lossless] = issuesOf({ output: { format: 'webp', lossless: true }, outputs: [{ targetScore: 80 }] });
    expect(specProblem(lossless!.field, lossless!.message)).toBe(
      'Output 1: A quality target needs lossy files: turn Lossless off, or use a fixed quality',
    );
    const [clash] = issuesOf({ outputs: [{ width: 800 }, { width: 400 }] });
    expect(clash!.field).toBe('outputs.1.pattern');
    expect(specProblem(clash!.field, clash!.message)).toBe(
      'Outputs 1 and 2 would write files of the same name: give each its own naming pattern (such as {name}-800) or sub-folder',
    );
    expect(specProblem('outputs.0.folder', 'A sub-folder may not start with /, …: outputs always stay inside')).toMatch(
      /^Output 1: A sub-folder may not start with \//,
    );
    const [many] = issuesOf({ outputs: Array.from({ length: 51 }, (_, i) => ({ pattern: `{name}-${i}` })) });
    expect(specProblem(many!.field, many!.message)).toBe('A recipe can have at most 50 outputs');
    const [manifest] = issuesOf({ manifest: 'xml' });
    expect(specProblem(manifest!.field, manifest!.message)).toBe('Choose a kind of manifest from the list');
  });
});
