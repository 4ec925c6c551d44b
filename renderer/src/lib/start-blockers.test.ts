import { describe, expect, it } from 'vitest';
import { type StartReadiness, startBlockers } from './start-blockers';

const texts = (readiness: StartReadiness): string[] => startBlockers(readiness).map((b) => b.text);

describe('startBlockers', () => {
  it('names each missing piece, and nothing once the queue, output folder and settings are ready', () => {
    expect(texts({ queueLength: 0, outDir: '  ', invalidField: null })).toEqual([
      'Add a folder or image to the queue',
      'Choose an output folder',
    ]);
    expect(texts({ queueLength: 2, outDir: '', invalidField: null })).toEqual(['Choose an output folder']);
    expect(startBlockers({ queueLength: 1, outDir: '/out', invalidField: 'output.pattern' })).toEqual([
      { text: 'Start is disabled until the settings are valid (output.pattern).', kind: 'invalid' },
    ]);
    expect(texts({ queueLength: 1, outDir: '/out', invalidField: null })).toEqual([]);
  });

  it('waits for a running benchmark', () => {
    expect(texts({ queueLength: 1, outDir: '/out', invalidField: null, benchmarkRunning: true })).toEqual([
      'Wait for the benchmark to finish, or cancel it',
    ]);
  });
});
