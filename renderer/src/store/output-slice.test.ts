import { beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from './index';
import { DEFAULT_OUTPUT, sourceFoldersFor } from './output-slice';

const folder = (path: string) => ({ path, kind: 'folder' as const, count: 1, counting: false, problem: null });
const file = (path: string) => ({ path, kind: 'file' as const, count: 1, counting: false, problem: null });

describe('a sub-folder per source folder', () => {
  beforeEach(() => useAppStore.setState({ output: DEFAULT_OUTPUT, sourceFoldersChosen: false, queue: [] }));

  it('follows the queue until chosen: on with two folders or more, files alone do not count', () => {
    expect(sourceFoldersFor(useAppStore.getState())).toBe(false);
    useAppStore.setState({ queue: [folder('/a'), file('/b.jpg')] });
    expect(sourceFoldersFor(useAppStore.getState())).toBe(false);
    useAppStore.setState({ queue: [folder('/a'), folder('/b')] });
    expect(sourceFoldersFor(useAppStore.getState())).toBe(true);
  });

  it('keeps what the person chose, whatever the queue holds', () => {
    useAppStore.setState({ queue: [folder('/a'), folder('/b')] });
    useAppStore.getState().setSourceFolders(false);
    expect(sourceFoldersFor(useAppStore.getState())).toBe(false);
    useAppStore.setState({ queue: [] });
    useAppStore.getState().setSourceFolders(true);
    expect(sourceFoldersFor(useAppStore.getState())).toBe(true);
  });
});
