// What the scan says about a file it does not hand to a worker: every file a person dropped gets
// an answer, so none vanishes from the count. The sentences are for people, not for the engine.
import { FORMAT_NAMES, type SniffedFormat } from '../../common/sniff.js';

/** Pixmill's own temp files and resume journal: not the person's files, so they get no answer. */
export const isPixmillFile = (name: string): boolean => name.startsWith('.pixmill-');

/**
 * Files and folders that systems and photo tools put beside photos and hide from their users:
 * dotfiles (macOS `._*` resource forks and `.DS_Store` among them), and a few known by name.
 */
const SYSTEM_NAMES: Record<string, string> = {
  'thumbs.db': 'a Windows thumbnail cache',
  'ehthumbs.db': 'a Windows thumbnail cache',
  'desktop.ini': 'Windows folder settings',
  'icon\r': 'a macOS folder icon',
  __macosx: 'macOS resource forks left by a zip file',
  '@eadir': 'a Synology NAS thumbnail folder',
  '$recycle.bin': 'a Windows recycle bin',
  'system volume information': 'a Windows system folder',
};

export function isHidden(name: string): boolean {
  return name.startsWith('.') || name.toLowerCase() in SYSTEM_NAMES;
}

export function hiddenMessage(name: string, isFolder: boolean): string {
  const what = SYSTEM_NAMES[name.toLowerCase()];
  const kind = isFolder ? 'Hidden folder, skipped with everything in it' : 'Hidden file, skipped';
  return what ? `${kind} (${what}).` : `${kind}.`;
}

export function notImageMessage(format: SniffedFormat): string {
  switch (format) {
    case 'text':
      return 'Not an image: this is a text file.';
    case 'empty':
      return 'Not an image: the file is empty.';
    case 'video':
      return 'Not an image: this is a video.';
    case 'svgz':
      return 'Not an image: this is a compressed (gzip) file.';
    case 'pdf':
      return 'Not an image: this is a PDF document.';
    case 'postscript':
      return 'Not an image: this is a PostScript (EPS) document.';
    default:
      return 'Not an image: its contents are no image format Pixmill knows.';
  }
}

export const NOT_A_REGULAR_FILE = 'Not an image: this is not a regular file (a pipe, socket or device).';

export const EMPTY_FOLDER = 'This folder holds no files.';

/** `via`: the name of the queued folder (or file) that brings the same image first. */
export function duplicateMessage(via: string): string {
  return `Already queued via ${via}; processed once.`;
}

/** The same sentence the worker writes for a format it cannot read, so both read alike. */
export function unsupportedMessage(format: SniffedFormat): string {
  return `This file is in ${FORMAT_NAMES[format]} format, which Pixmill cannot read.`;
}
