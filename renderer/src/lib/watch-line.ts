// The run bar's sentence while a watch runs: what is watched, and what it last did ("Watching 2
// folders · last: 3 processed at 10:42"). Pure, so the wording is tested without a window.
import type { Progress } from '../../../common/events';
import { count, countOf } from './run-status';

export interface WatchBurst {
  processed: number;
  failed: number;
  skipped: number;
  /** When the burst ended (ms since the epoch). */
  at: number;
}

/** "2 folders", "1 folder and 2 files": what the queue hands the watch. */
export function watchTargets(queue: readonly { kind: 'folder' | 'file' }[]): string {
  const folders = queue.filter((item) => item.kind === 'folder').length;
  const files = queue.length - folders;
  return [folders > 0 ? countOf(folders, 'folder') : '', files > 0 ? countOf(files, 'file') : '']
    .filter(Boolean)
    .join(' and ');
}

/** 24-hour clock time, as the run bar shows when something happened: "09:05". */
export function clockTime(at: number): string {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** "3 processed, 1 failed": a burst's outcome, skips said only when there were some. */
export function burstText(burst: WatchBurst): string {
  const parts = [`${count(burst.processed)} processed`];
  if (burst.skipped > 0) parts.push(`${count(burst.skipped)} skipped`);
  if (burst.failed > 0) parts.push(`${count(burst.failed)} failed`);
  return parts.join(', ');
}

export interface WatchLineState {
  targets: string;
  ready: boolean;
  stopping: boolean;
  /** The running burst's progress, or null between bursts. */
  progress: Progress | null;
  last: WatchBurst | null;
  /** Watched folders that went away, waited for. */
  gone: number;
}

export function watchLine(s: WatchLineState): string {
  if (s.stopping) return 'Stopping the watch…';
  const head = `Watching ${s.targets}`;
  const parts = [head];
  if (s.gone > 0) parts.push(`${countOf(s.gone, 'folder')} gone, waiting for ${s.gone === 1 ? 'it' : 'them'}`);
  if (s.progress) {
    const settled = s.progress.processed + s.progress.failed + s.progress.skipped;
    const total = s.progress.scanDone ? countOf(s.progress.total, 'image') : `${count(s.progress.total)}+ images`;
    parts.push(`processing ${count(settled)} of ${total}`);
  } else if (s.last) parts.push(`last: ${burstText(s.last)} at ${clockTime(s.last.at)}`);
  else parts.push(s.ready ? 'waiting for new images' : 'bringing them up to date…');
  return parts.join(' · ');
}
