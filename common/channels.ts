// The names of the IPC channels and events, with no dependencies at all: the sandboxed preload
// imports only this, so the bridge stays a few lines of code rather than a copy of zod.

export const CHANNELS = [
  'app:info',
  'dialog:addFolders',
  'dialog:addFiles',
  'dialog:chooseOutput',
  'dialog:chooseWatermark',
  'queue:count',
  'queue:list',
  'queue:forget',
  'thumbnail:get',
  'batch:start',
  'batch:pause',
  'batch:resume',
  'batch:cancel',
  'plan:start',
  'plan:cancel',
  'watch:start',
  'watch:stop',
  'preview:render',
  'shell:openPath',
  'shell:showItem',
  'settings:get',
  'settings:set',
  'presets:list',
  'presets:save',
  'presets:delete',
  'errors:saveCsv',
  'bench:run',
  'bench:cancel',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const EVENT_NAMES = [
  'batch:event',
  'queue:count',
  'bench:progress',
  'queue:files',
  'plan:rows',
  'watch:event',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** 'batch:start' → 'batchStart': the name of a channel's function on `window.pixmill`. */
export type MethodName<C extends string> = C extends `${infer Noun}:${infer Verb}`
  ? `${Noun}${Capitalize<Verb>}`
  : never;

export function methodName<C extends Channel>(channel: C): MethodName<C> {
  const [noun, verb] = channel.split(':') as [string, string];
  return `${noun}${verb[0]!.toUpperCase()}${verb.slice(1)}` as MethodName<C>;
}
