// Error codes: every file that cannot be processed becomes one row with one of these codes.
// Codes cross process boundaries as data; the message shown to people is written per code here,
// and the library's own text travels separately as `detail`.

export const ERROR_CODES = {
  UNSUPPORTED_FORMAT: 'This file is not an image format Pixmill can read.',
  DECODE_FAILED: 'The image is damaged and could not be decoded.',
  TRUNCATED: 'The image file is cut short (incomplete download or copy?).',
  TOO_MANY_PIXELS: 'The image is larger than the pixel limit.',
  TOO_MANY_FRAMES: 'The animation has more frames than the frame limit.',
  PROCESS_FAILED: 'A filter could not be applied to this image.',
  WATERMARK_FAILED: 'The watermark image could not be read.',
  READ_FAILED: 'The file could not be read.',
  NOT_FOUND: 'The file no longer exists.',
  PERMISSION_DENIED: 'Pixmill is not allowed to read or write this file.',
  WRITE_FAILED: 'The output file could not be written.',
  NO_SPACE: 'The output disk is full.',
  OUTPUT_IS_INPUT: 'The output would replace an original, so it was not written.',
  SYMLINK_LOOP: 'This folder links back to itself; it was scanned once.',
  WORKER_CRASHED: 'The worker processing this image crashed twice.',
  TIMEOUT:
    'Processing took longer than the time limit. To allow more, set a longer time limit: "Time limit" under Limits in the window, or --timeout SECONDS for pixmill run.',
  MEMORY_LIMIT: 'Processing this image needed more memory than the per-worker limit.',
  CANCELLED: 'The batch was cancelled before this image was finished.',
  INVALID_SETTINGS: 'The settings are not valid.',
  SIZE_CAP_UNREACHED:
    'The output could not be brought under its size cap at the lowest quality allowed, so it was not written (the size cap is set to fail such files).',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Where in a file's journey the failure happened. */
export type Stage = 'scan' | 'plan' | 'read' | 'decode' | 'process' | 'encode' | 'write' | 'worker';

export interface FileError {
  code: ErrorCode;
  stage: Stage;
  /** A sentence a person understands. */
  message: string;
  /** The underlying library or system text, for the curious and for bug reports. */
  detail?: string;
}

export function fileError(
  code: ErrorCode,
  stage: Stage,
  detail?: string,
  message: string = ERROR_CODES[code],
): FileError {
  return detail ? { code, stage, message, detail } : { code, stage, message };
}

/** The errno of a file-system failure (`ENOSPC`, `EACCES`, …), whatever was thrown. */
export function errnoOf(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string'
    ? err.code
    : undefined;
}

/** Reading covers the scan as well as the worker's read: the same errno means the same to both. */
const ERRNO_CODES: Record<'read' | 'write', Record<string, ErrorCode>> = {
  read: {
    ENOENT: 'NOT_FOUND',
    ENOTDIR: 'NOT_FOUND',
    EACCES: 'PERMISSION_DENIED',
    EPERM: 'PERMISSION_DENIED',
    ELOOP: 'SYMLINK_LOOP',
    EISDIR: 'READ_FAILED',
  },
  write: {
    ENOSPC: 'NO_SPACE',
    EDQUOT: 'NO_SPACE',
    EACCES: 'PERMISSION_DENIED',
    EPERM: 'PERMISSION_DENIED',
    EROFS: 'PERMISSION_DENIED',
    ENOENT: 'WRITE_FAILED',
  },
};

export function errnoCode(errno: string | undefined, direction: 'read' | 'write'): ErrorCode {
  return ERRNO_CODES[direction][errno ?? ''] ?? (direction === 'read' ? 'READ_FAILED' : 'WRITE_FAILED');
}

/** A file-system failure (an errno such as ENOSPC) as an error row; the system's text becomes detail. */
export function errnoError(errno: string | undefined, direction: 'read' | 'write', detail: string): FileError {
  const code = errnoCode(errno, direction);
  const message =
    errno === 'EROFS'
      ? 'The output folder is read-only.'
      : direction === 'write' && errno === 'ENOENT'
        ? 'The output folder no longer exists.'
        : ERROR_CODES[code];
  return fileError(code, direction, detail, message);
}

/** What was thrown by a file-system call, as an error row. */
export function fileSystemError(err: unknown, direction: 'read' | 'write'): FileError {
  return errnoError(errnoOf(err), direction, err instanceof Error ? err.message : String(err));
}
