import { describe, expect, it } from 'vitest';
import { type StartReadiness, startBlockers } from './start-blockers';

const texts = (readiness: StartReadiness): string[] => startBlockers(readiness).map((b) => b.text);

describe('startBlockers', () => {
  it('names each missing piece, and nothing once the queue, output folder and settings are ready', () => {
    expect(texts({ queueLength: 0, outDir: '  ', issues: [] })).toEqual([
      'Add a folder or image to the queue',
      'Choose an output folder',
    ]);
    expect(texts({ queueLength: 2, outDir: '', issues: [] })).toEqual(['Choose an output folder']);
    expect(texts({ queueLength: 1, outDir: '/out', issues: [] })).toEqual([]);
  });

  it('lists every invalid setting, each with the control that fixes it', () => {
    const issues = [
      { summary: 'Resize, step 1: Width must be between 1 and 65,535 px', target: 'step-1-width' },
      { summary: 'Watermark image, step 2: Choose a watermark file', target: 'step-2-path' },
    ];
    expect(startBlockers({ queueLength: 1, outDir: '/out', issues })).toEqual([
      { text: issues[0]!.summary, kind: 'invalid', target: 'step-1-width' },
      { text: issues[1]!.summary, kind: 'invalid', target: 'step-2-path' },
    ]);
  });

  it('refuses an output folder typed as a relative path, as the engine would', () => {
    expect(startBlockers({ queueLength: 1, outDir: 'out', issues: [] })).toEqual([
      {
        text: 'The output folder must be a full path, e.g. /home/you/Pictures/out',
        kind: 'invalid',
        target: 'output-folder',
      },
    ]);
    expect(texts({ queueLength: 1, outDir: 'C:\\Users\\me\\out', issues: [] })).toEqual([]);
  });

  it('waits for a running benchmark', () => {
    expect(texts({ queueLength: 1, outDir: '/out', issues: [], benchmarkRunning: true })).toEqual([
      'Wait for the benchmark to finish, or cancel it',
    ]);
  });
});
