// Asks the main process for thumbnails on behalf of the rows on screen. A few requests are in
// flight at a time; the rest wait on a stack, newest first, so the rows a person just scrolled to
// come before the ones they scrolled past, and a row that leaves the screen withdraws its request.
// Answers (and refusals) are kept in a small cache, so scrolling back costs no second trip.
import type { Thumbnail } from '../../../common/ipc';
import { call } from './bridge';

export type ThumbnailState = { state: 'loading' } | { state: 'ready'; thumbnail: Thumbnail } | { state: 'failed' };

const IN_FLIGHT = 2;
const CACHE_ENTRIES = 1500;
export const THUMBNAIL_SIZE = 96;

type Listener = (state: ThumbnailState) => void;

class ThumbnailQueue {
  private readonly cache = new Map<string, ThumbnailState>();
  private readonly waiting: string[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  private running = 0;

  peek(path: string): ThumbnailState | undefined {
    return this.cache.get(path);
  }

  /** Asks for `path`'s thumbnail; returns the withdrawal, for when the row leaves the screen. */
  request(path: string, listener: Listener): () => void {
    let set = this.listeners.get(path);
    if (!set) {
      set = new Set();
      this.listeners.set(path, set);
      this.waiting.push(path);
    }
    set.add(listener);
    this.pump();
    return () => {
      set.delete(listener);
      if (set.size > 0) return;
      this.listeners.delete(path);
      const at = this.waiting.lastIndexOf(path);
      if (at >= 0) this.waiting.splice(at, 1);
    };
  }

  private pump(): void {
    while (this.running < IN_FLIGHT) {
      const path = this.waiting.pop();
      if (path === undefined) return;
      this.running++;
      void call((api) => api.thumbnailGet({ path, size: THUMBNAIL_SIZE })).then((result) => {
        this.running--;
        const state: ThumbnailState = result.ok ? { state: 'ready', thumbnail: result.value } : { state: 'failed' };
        this.cache.set(path, state);
        while (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
        for (const listener of this.listeners.get(path) ?? []) listener(state);
        this.listeners.delete(path);
        this.pump();
      });
    }
  }
}

export const thumbnails = new ThumbnailQueue();
