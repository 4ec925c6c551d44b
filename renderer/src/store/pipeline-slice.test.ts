import { describe, expect, it } from 'vitest';
import { useAppStore } from './index';
import { checkSpec } from './spec';

const specOf = () => {
  const s = useAppStore.getState();
  return checkSpec(s.chain, s.output, s.limits);
};

describe('pipeline slice: the time limit', () => {
  it('is automatic by default, takes a number of seconds, and the spec carries it to the engine', () => {
    const first = specOf();
    expect(first.ok && first.value.limits.timeoutSeconds).toBe('auto');
    useAppStore.getState().setTimeLimit(600);
    const fixed = specOf();
    expect(fixed.ok && fixed.value.limits.timeoutSeconds).toBe(600);
    useAppStore.getState().setTimeLimit('auto');
    const auto = specOf();
    expect(auto.ok && auto.value.limits.timeoutSeconds).toBe('auto');
  });

  it('refuses a limit out of range, naming the field', () => {
    useAppStore.getState().setTimeLimit(0);
    const r = specOf();
    expect(r.ok).toBe(false);
    expect(!r.ok && r.field).toBe('limits.timeoutSeconds');
    useAppStore.getState().setTimeLimit('auto');
  });
});
