import { describe, expect, it } from 'vitest';
import { below, destinationText, planOutcome, planReasonText } from './plan-words';

describe('plan words', () => {
  it("says the engine's reasons as sentences, with no error code, and a status's meaning when there is none", () => {
    expect(planReasonText({ status: 'conflict', reason: 'suffixed: a file of that name exists' })).toBe(
      'A file of that name is already there: this one gets a number after its name.',
    );
    expect(planReasonText({ status: 'failed', reason: 'OUTPUT_IS_INPUT: this file is inside the output folder' })).toBe(
      'This file is inside the output folder.',
    );
    expect(planReasonText({ status: 'failed', reason: 'DECODE_FAILED: The image is damaged.' })).toBe(
      'The image is damaged.',
    );
    // Several reasons, each its own sentence.
    expect(
      planReasonText({
        status: 'conflict',
        reason:
          "its earlier output was changed since, so it is not replaced as Pixmill's own; suffixed: a file of that name exists",
      }),
    ).toBe(
      "Its earlier output was changed since, so it is not replaced as Pixmill's own. A file of that name is already there: this one gets a number after its name.",
    );
    expect(
      planReasonText({ status: 'conflict', reason: 'a file of that name exists; skipped (conflict policy: skip)' }),
    ).toBe('A file of that name is already there. Skipped, as the recipe says for taken names.');
    expect(planReasonText({ status: 'new' })).toBe('Nothing made from it yet: it will be written.');
    // A reason that is nothing but a code falls back on the status's meaning.
    expect(planReasonText({ status: 'failed', reason: 'TIMEOUT:' })).toBe('It cannot be processed.');
  });

  it('shows a destination inside the output folder, both names of a JPEG-or-PNG output', () => {
    expect(below('/out', '/out/sub/a.webp')).toBe('sub/a.webp');
    expect(below('/out/', '/out/a.webp')).toBe('a.webp');
    expect(below('/out', '/outside/a.webp')).toBe('/outside/a.webp');
    expect(below('C:\\out', 'C:\\out\\a.jpg')).toBe('a.jpg');
    expect(destinationText('/out/a.jpg or /out/a.png', '/out')).toBe('a.jpg or a.png');
    expect(destinationText(undefined, '/out')).toBeNull();
  });

  it('says what Start would do in one sentence, leaving out what is zero', () => {
    expect(planOutcome({ counts: { write: 1, skip: 0, ignore: 0, fail: 0 } })).toBe('Start would write 1 file.');
    expect(planOutcome({ counts: { write: 4, skip: 3, ignore: 1, fail: 0 } })).toBe(
      'Start would write 4 files, skip 3 and pass over 1.',
    );
    expect(planOutcome({ counts: { write: 1200, skip: 0, ignore: 0, fail: 2 } })).toBe(
      'Start would write 1,200 files; 2 cannot be processed.',
    );
  });
});
