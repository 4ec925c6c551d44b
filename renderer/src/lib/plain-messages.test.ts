import { describe, expect, it } from 'vitest';
import { parsePipeline } from '../../../common/pipeline';
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
