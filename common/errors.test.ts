// File-system failures become the same error code wherever they are met: the scan, a worker's
// read, the commit of an output.
import { describe, expect, it } from 'vitest';
import { errnoCode, errnoOf, fileSystemError } from './errors.js';

const failure = (code: string): Error => Object.assign(new Error(`${code}: something happened`), { code });

describe('errnoOf', () => {
  it('reads the errno of whatever was thrown, and nothing else', () => {
    expect(errnoOf(failure('ENOSPC'))).toBe('ENOSPC');
    expect(errnoOf({ code: 'EACCES' })).toBe('EACCES');
    expect(errnoOf(new Error('no code'))).toBeUndefined();
    expect(errnoOf({ code: 28 })).toBeUndefined();
    expect(errnoOf('ENOSPC')).toBeUndefined();
    expect(errnoOf(null)).toBeUndefined();
  });
});

describe('errno → error code', () => {
  it.each([
    ['ENOENT', 'read', 'NOT_FOUND'],
    ['ENOTDIR', 'read', 'NOT_FOUND'],
    ['EACCES', 'read', 'PERMISSION_DENIED'],
    ['ELOOP', 'read', 'SYMLINK_LOOP'],
    ['EIO', 'read', 'READ_FAILED'],
    ['ENOSPC', 'write', 'NO_SPACE'],
    ['EDQUOT', 'write', 'NO_SPACE'],
    ['EROFS', 'write', 'PERMISSION_DENIED'],
    ['ENOENT', 'write', 'WRITE_FAILED'],
    [undefined, 'write', 'WRITE_FAILED'],
  ] as const)('%s while %sing → %s', (errno, direction, code) => {
    expect(errnoCode(errno, direction)).toBe(code);
  });

  it("writes a person's message and keeps the system's text as detail", () => {
    expect(fileSystemError(failure('ENOSPC'), 'write')).toEqual({
      code: 'NO_SPACE',
      stage: 'write',
      message: 'The output disk is full.',
      detail: 'ENOSPC: something happened',
    });
    expect(fileSystemError(failure('EROFS'), 'write').message).toBe('The output folder is read-only.');
    expect(fileSystemError('odd', 'read')).toMatchObject({ code: 'READ_FAILED', detail: 'odd' });
  });
});
