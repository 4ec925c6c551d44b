// The worker count a batch is sent with when the person left it to Pixmill.
import { describe, expect, it } from 'vitest';
import { effectiveWorkers } from './settings-slice';

const appInfo = { version: '0', cores: 2, maxWorkers: 4, platform: 'linux' as const };

describe('effectiveWorkers', () => {
  it('is what the person chose, whatever the mode', () => {
    expect(effectiveWorkers(3, appInfo, 'auto')).toBe(3);
    expect(effectiveWorkers(3, appInfo, 'processes')).toBe(3);
  });

  it("is one per core for a fixed mode, and the machine's most as auto's ceiling", () => {
    expect(effectiveWorkers(0, appInfo, 'processes')).toBe(2);
    expect(effectiveWorkers(0, appInfo, 'auto')).toBe(4);
    expect(effectiveWorkers(0, null, 'auto')).toBe(1);
  });
});
