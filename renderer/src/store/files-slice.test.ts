import { beforeEach, describe, expect, it } from 'vitest';
import { fileIndex } from './file-index';
import { effectiveStatus, matchesFilter, tallyFiles } from './files-slice';
import { useAppStore } from './index';

const image = (path: string, real?: string) => ({
  kind: 'image' as const,
  path,
  size: 1000,
  mtimeMs: 1,
  format: 'JPEG',
  ...(real ? { real } : {}),
});

beforeEach(() => {
  for (const item of useAppStore.getState().queue) useAppStore.getState().removeFromQueue(item.path);
});

describe('files slice', () => {
  it('appends a listing in place: the list is not copied per update, only the version moves', () => {
    const { addToQueue, applyListing } = useAppStore.getState();
    addToQueue([{ path: '/big', kind: 'folder' }]);
    applyListing([{ path: '/big', files: [image('/big/a.jpg')], count: 1, done: false }]);
    const files = fileIndex.rootFiles('/big')!.files;
    const version = useAppStore.getState().filesVersion;
    applyListing([
      {
        path: '/big',
        files: [
          image('/big/b.jpg'),
          { kind: 'ignored', path: '/big/n.txt', reason: 'not-image', message: 'Not an image.' },
        ],
        count: 2,
        done: true,
      },
    ]);
    expect(fileIndex.rootFiles('/big')!.files).toBe(files);
    expect(files.map((f) => f.name)).toEqual(['a.jpg', 'b.jpg', 'n.txt']);
    expect(useAppStore.getState().filesVersion).toBeGreaterThan(version);
    expect(useAppStore.getState().queue[0]).toMatchObject({ count: 2, counting: false });
    expect(effectiveStatus(files[2]!)).toBe('ignored');
  });

  it('knows duplicates by real path at queue time; the first queued item keeps the image, also after a move', () => {
    const { addToQueue, applyListing, moveInQueue } = useAppStore.getState();
    addToQueue([
      { path: '/one/a.jpg', kind: 'file' },
      { path: '/one', kind: 'folder' },
      { path: '/link', kind: 'folder' },
    ]);
    applyListing([
      { path: '/one', files: [image('/one/a.jpg'), image('/one/b.jpg')], count: 2, done: true },
      { path: '/one/a.jpg', files: [image('/one/a.jpg')], count: 1, done: true },
      { path: '/link', files: [image('/link/b.jpg', '/one/b.jpg')], count: 1, done: true },
    ]);
    const [fileA] = fileIndex.rootFiles('/one/a.jpg')!.files;
    const [folderA, folderB] = fileIndex.rootFiles('/one')!.files;
    const [linkB] = fileIndex.rootFiles('/link')!.files;
    expect([fileA, folderA, folderB, linkB].map((f) => effectiveStatus(f!))).toEqual([
      'queued',
      'duplicate',
      'queued',
      'duplicate',
    ]);
    expect(tallyFiles(useAppStore.getState().filesVersion).duplicates).toBe(2);
    moveInQueue('/one', -1);
    expect(effectiveStatus(fileA!)).toBe('duplicate');
    expect(effectiveStatus(folderA!)).toBe('queued');
    useAppStore.getState().removeFromQueue('/one');
    expect(fileIndex.rootFiles('/one')).toBeUndefined();
    expect([fileA, linkB].map((f) => effectiveStatus(f!))).toEqual(['queued', 'queued']);
  });

  it('says why a file was skipped: a kept-out one by how much its output would have grown', () => {
    const s = useAppStore.getState();
    s.addToQueue([{ path: '/k', kind: 'folder' }]);
    s.applyListing([{ path: '/k', files: [image('/k/a.jpg'), image('/k/b.jpg')], count: 2, done: true }]);
    useAppStore.setState({ runInputs: ['/k'] });
    const [a, b] = fileIndex.rootFiles('/k')!.files;
    const grew =
      'Kept out: the output would be 12% larger than the original (112 kB against 100 kB), so none was saved.';
    s.applyFileEvents('b2', [
      {
        type: 'file-skipped',
        file: '/k/a.jpg',
        root: 0,
        output: '/out/a.jpg',
        reason: 'larger',
        warnings: [{ code: 'OUTPUT_KEPT_OUT', message: grew }],
      },
      { type: 'file-skipped', file: '/k/b.jpg', root: 0, output: '/out/b.jpg', reason: 'up-to-date' },
    ]);
    expect([a!.status, a!.message]).toEqual(['skipped', grew]);
    expect([b!.status, b!.message]).toEqual(['skipped', 'Its output from an earlier run is up to date.']);
  });

  it('follows a batch: running, done with its output, failed with its message; a new batch starts afresh', () => {
    const s = useAppStore.getState();
    s.addToQueue([{ path: '/p', kind: 'folder' }]);
    s.applyListing([{ path: '/p', files: [image('/p/a.jpg'), image('/p/b.jpg')], count: 2, done: true }]);
    useAppStore.setState({ runInputs: ['/p'] });
    const [a, b] = fileIndex.rootFiles('/p')!.files;
    s.applyFileEvents('b1', [
      { type: 'file-started', file: '/p/a.jpg', root: 0 },
      { type: 'file-started', file: '/p/b.jpg', root: 0 },
    ]);
    expect([a!.status, b!.status]).toEqual(['running', 'running']);
    s.applyFileEvents('b1', [
      {
        type: 'file-done',
        file: '/p/a.jpg',
        root: 0,
        output: '/out/a.webp',
        width: 10,
        height: 10,
        bytesIn: 1000,
        bytesOut: 380,
        timings: { read: 1, pipeline: 1, write: 1 },
      },
      {
        type: 'file-failed',
        file: '/p/b.jpg',
        root: 0,
        code: 'DECODE_FAILED',
        stage: 'decode',
        message: 'The file is damaged.',
      },
    ]);
    expect(a).toMatchObject({ status: 'done', output: '/out/a.webp', bytesOut: 380 });
    expect(b).toMatchObject({ status: 'failed', message: 'The file is damaged.' });
    expect(matchesFilter(b!, 'failed')).toBe(true);
    expect(matchesFilter(a!, 'failed')).toBe(false);
    s.applyFileEvents('b2', [{ type: 'file-started', file: '/p/a.jpg', root: 0 }]);
    expect(a).toMatchObject({ status: 'running', output: null });
    expect(b).toMatchObject({ status: 'queued', message: null });
  });
});
