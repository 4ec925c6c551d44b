// Subscribes once to the main process's events. Failures and warnings arrive one message each
// (10,000 of them can come in a burst), so events are buffered and applied in one store update per tick.
import { useEffect } from 'react';
import type { EngineEvent } from '../../../common/events';
import type { EventMap } from '../../../common/ipc';
import { bridge } from '../lib/bridge';
import { useAppStore } from '../store';

const FLUSH_MS = 100;

export function useEngineEvents(): void {
  useEffect(() => {
    let batchBuffer: { id: string; events: EngineEvent[] } | null = null;
    const counts = new Map<string, EventMap['queue:count']>();
    let listings: EventMap['queue:files'][] = [];
    let fileEvents: { id: string; events: EngineEvent[] } | null = null;
    let planRows: EventMap['plan:rows'][] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;

    const flush = (): void => {
      timer = null;
      const store = useAppStore.getState();
      if (batchBuffer) store.applyBatchEvents(batchBuffer.id, batchBuffer.events);
      batchBuffer = null;
      for (const update of counts.values()) store.applyCount(update);
      counts.clear();
      if (listings.length > 0) store.applyListing(listings);
      listings = [];
      if (fileEvents) store.applyFileEvents(fileEvents.id, fileEvents.events);
      fileEvents = null;
      if (planRows.length > 0) store.applyPlanRows(planRows);
      planRows = [];
    };
    const schedule = (): void => {
      timer ??= setTimeout(flush, FLUSH_MS);
    };

    const api = bridge();
    const offBatch = api.on('batch:event', ({ id, event }) => {
      if (batchBuffer && batchBuffer.id !== id) flush();
      batchBuffer ??= { id, events: [] };
      // Every file's own outcome, for its row in the file list.
      if (event.type !== 'progress' && event.type !== 'tuning' && event.type !== 'queue-notice') {
        fileEvents ??= { id, events: [] };
        fileEvents.events.push(event);
      }
      // Only the newest progress and the newest choice of the auto mode matter; failures, warnings
      // and the summary are all kept.
      if (event.type === 'progress' || event.type === 'tuning')
        batchBuffer.events = batchBuffer.events.filter((e) => e.type !== event.type);
      const warned = event.type === 'file-done' && (event.warnings?.length ?? 0) > 0;
      const kept =
        event.type === 'progress' ||
        event.type === 'tuning' ||
        event.type === 'queue-notice' ||
        event.type === 'file-failed';
      if (kept || event.type === 'summary' || warned) batchBuffer.events.push(event);
      schedule();
    });
    const offCount = api.on('queue:count', (update) => {
      counts.set(update.path, update);
      schedule();
    });
    const offFiles = api.on('queue:files', (update) => {
      listings.push(update);
      schedule();
    });
    const offPlan = api.on('plan:rows', (update) => {
      planRows.push(update);
      schedule();
    });
    // A watch's own news is rare (ready, a folder gone or back, stopped): applied as it comes,
    // after whatever batch events came before it.
    const offWatch = api.on('watch:event', ({ id, event }) => {
      if (timer) clearTimeout(timer);
      flush();
      useAppStore.getState().applyWatchEvent(id, event);
    });
    // One event per finished run (seconds apart): applied as it comes.
    const offBench = api.on('bench:progress', (progress) => useAppStore.getState().applyBenchProgress(progress));
    return () => {
      offBatch();
      offCount();
      offFiles();
      offBench();
      offPlan();
      offWatch();
      if (timer) clearTimeout(timer);
    };
  }, []);
}
