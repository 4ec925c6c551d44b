import { describe, expect, it } from 'vitest';
import type { PlannedFile } from '../../../common/ipc';
import { PlanIndex, treeLength, treeRowAt } from './plan-index';

const row = (file: string, status: PlannedFile['status'] = 'new'): PlannedFile => ({
  file,
  status,
  action: status === 'up-to-date' ? 'skip' : 'write',
  output: file.replace('/in/', '/out/'),
});

describe('the plan index', () => {
  it('groups rows by the folder that holds them, named from the queued folder, in the order met', () => {
    const index = new PlanIndex();
    index.reset(['/in/Holiday', '/in/Holiday/2024', '/in/one.jpg']);
    index.add([row('/in/Holiday/a.jpg'), row('/in/Holiday/2024/Spain/b.jpg', 'up-to-date')]);
    index.add([row('/in/Holiday/c.jpg'), row('/in/one.jpg')]);
    const segments = index.segments('all');
    expect(segments.map((s) => [s.group.label, s.rows.length])).toEqual([
      ['Holiday', 2],
      // The nearer of two queued folders names it.
      ['2024/Spain', 1],
      ['in', 1],
    ]);
    expect(index.counts).toMatchObject({ new: 3, 'up-to-date': 1 });
    expect(index.size).toBe(4);
  });

  it('reads a folder or a file at each position of the flat tree, and filters by status', () => {
    const index = new PlanIndex();
    index.reset(['/in']);
    index.add([row('/in/a.jpg'), row('/in/b.jpg', 'up-to-date'), row('/in/x/c.jpg')]);
    const all = index.segments('all');
    expect(treeLength(all)).toBe(5);
    expect(treeRowAt(all, 0)).toMatchObject({ type: 'folder', shown: 2 });
    expect(treeRowAt(all, 2)).toMatchObject({ type: 'file', row: { file: '/in/b.jpg' } });
    expect(treeRowAt(all, 3)).toMatchObject({ type: 'folder', group: { label: 'in/x' } });
    expect(treeRowAt(all, 5)).toBeUndefined();
    const fresh = index.segments('up-to-date');
    expect(treeLength(fresh)).toBe(2);
    expect(treeRowAt(fresh, 1)).toMatchObject({ type: 'file', row: { file: '/in/b.jpg' } });
    expect(index.segments('failed')).toEqual([]);
  });

  it('rebuilds its segments when rows arrive, and starts empty again on reset', () => {
    const index = new PlanIndex();
    index.reset(['/in']);
    index.add([row('/in/a.jpg')]);
    const before = index.segments('all');
    expect(index.segments('all')).toBe(before);
    index.add([row('/in/b.jpg')]);
    expect(treeLength(index.segments('all'))).toBe(3);
    index.reset(['/in']);
    expect(index.segments('all')).toEqual([]);
    expect(index.size).toBe(0);
  });
});
