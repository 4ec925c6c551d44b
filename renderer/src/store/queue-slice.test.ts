import { describe, expect, it } from 'vitest';
import { useAppStore } from './index';

describe('queue slice', () => {
  it('ignores a path added twice, reorders and removes', () => {
    const { addToQueue } = useAppStore.getState();
    expect(
      addToQueue([
        { path: '/a', kind: 'folder' },
        { path: '/b', kind: 'folder' },
        { path: '/a', kind: 'folder' },
      ]),
    ).toEqual(['/a', '/b']);
    expect(addToQueue([{ path: '/b', kind: 'folder' }])).toEqual([]);
    useAppStore.getState().moveInQueue('/b', -1);
    expect(useAppStore.getState().queue.map((i) => i.path)).toEqual(['/b', '/a']);
    useAppStore.getState().moveInQueue('/b', -1);
    expect(useAppStore.getState().queue.map((i) => i.path)).toEqual(['/b', '/a']);
    useAppStore.getState().applyCount({ path: '/a', count: 7, done: true });
    expect(useAppStore.getState().queue[1]).toMatchObject({ count: 7, counting: false });
    useAppStore.getState().removeFromQueue('/b');
    expect(useAppStore.getState().queue.map((i) => i.path)).toEqual(['/a']);
  });
});
