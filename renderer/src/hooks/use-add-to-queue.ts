// Adding to the queue starts listing each new path; its files and image count then stream in as
// queue:files events, and the final count comes back with the reply.
import { useCallback } from 'react';
import { call } from '../lib/bridge';
import { useAppStore } from '../store';
import type { QueueKind } from '../store/queue-slice';

export function useAddToQueue(): (entries: readonly { path: string; kind: QueueKind }[]) => void {
  const addToQueue = useAppStore((s) => s.addToQueue);
  const applyCount = useAppStore((s) => s.applyCount);
  const markCountFailed = useAppStore((s) => s.markCountFailed);
  return useCallback(
    (entries) => {
      for (const path of addToQueue(entries)) {
        void call((api) => api.queueList({ path })).then((result) => {
          if (result.ok) applyCount({ ...result.value, done: true });
          else markCountFailed(path, result.message);
        });
      }
    },
    [addToQueue, applyCount, markCountFailed],
  );
}
