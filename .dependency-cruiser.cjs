// The "may import" column of DESIGN.md's layout table, checked by dependency-cruiser
// (`npm run lint:layers`, and tests/layering.test.ts). Each layer lists what it may import; every
// other import is a violation named after the layer's rule. Node's own modules count as allowed
// wherever code runs under Node; type-only imports count like any other.
// Tests (tests/, *.test.ts) and bench/ may import anything and are not cruised.

/** Everything a module of `from` may import besides what these patterns name is forbidden. */
const onlyThese = (name, comment, from, allowed, { nodeBuiltins = true } = {}) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: { pathNot: allowed, ...(nodeBuiltins ? { dependencyTypesNot: ['core'] } : {}) },
});

const npm = (...names) => names.map((n) => `^node_modules/${n}/`);

/** The layers, as folders: a cycle may stay inside one, never leave it and come back. */
const LAYERS = '^(common|workers/[^/]+|cli|electron/[^/]+|server|renderer)/';

module.exports = {
  forbidden: [
    onlyThese(
      'common-imports-only-zod',
      'common/ is the contract every side imports (the renderer too): nothing environment-specific, not even Node.',
      '^common/',
      ['^common/', ...npm('zod')],
      { nodeBuiltins: false },
    ),
    onlyThese(
      'pool-imports-only-common',
      'The pool starts workers and carries messages; it knows no worker code: the layer above hands it the entry.',
      '^workers/pool/',
      ['^workers/pool/', '^common/'],
    ),
    onlyThese(
      'image-imports-only-common-and-sharp',
      'The worker entry, the sharp pipeline and its fallback decoder (ImageMagick in WebAssembly); the entry also speaks the pool’s protocol (messages, parent channel).',
      '^workers/image/',
      [
        '^workers/image/',
        '^common/',
        '^workers/pool/(messages|parent-channel)\\.ts$',
        ...npm('sharp', '@imagemagick/magick-wasm'),
      ],
    ),
    {
      name: 'image-reaches-pool-only-by-its-entry',
      comment: 'Only the worker entry (started by the pool) speaks the pool’s protocol; the pipeline knows no pool.',
      severity: 'error',
      from: { path: '^workers/image/', pathNot: '^workers/image/worker-entry\\.ts$' },
      to: { path: '^workers/pool/' },
    },
    onlyThese(
      'batch-imports-only-common-pool-and-the-image-entry',
      'The batch feeds the pool; it names the image worker to it (worker-entry-path.ts) and reads header sizes with its pure byte parser (header-dimensions.ts, for time limits) and cuts a chain into passes as the worker will (plan-stages.ts, pure, for the memory of a job) and hashes files as the worker does (content-hash.ts, for the record), and watches folders with chokidar (watch-roots.ts), but never runs the pipeline itself.',
      '^workers/batch/',
      [
        '^workers/batch/',
        '^common/',
        '^workers/pool/',
        '^workers/image/worker-entry-path\\.ts$',
        '^workers/image/header-dimensions\\.ts$',
        '^workers/image/plan-stages\\.ts$',
        '^workers/image/content-hash\\.ts$',
        ...npm('chokidar'),
      ],
    ),
    onlyThese(
      'bench-imports-only-common-workers-and-sharp',
      'The benchmark measures the engine (and makes its data set with sharp); it never knows the app or the CLI.',
      '^workers/bench/',
      ['^common/', '^workers/', ...npm('sharp')],
    ),
    onlyThese(
      'queue-imports-only-common-batch-pool-and-bullmq',
      'A batch shared over Redis: the planning side is a queue the batch runs its jobs through, the working side feeds the local pool; both speak BullMQ and read an output as the image worker records it (journal-line.ts, header-dimensions.ts), never run the pipeline.',
      '^workers/queue/',
      [
        '^workers/queue/',
        '^common/',
        '^workers/batch/',
        '^workers/pool/',
        '^workers/image/(journal-line|header-dimensions|content-hash|worker-entry-path)\\.ts$',
        ...npm('bullmq', 'ioredis'),
      ],
    ),
    {
      name: 'workers-never-electron',
      comment: 'The engine runs under plain Node (CLI, tests, bench); only electron/main knows Electron.',
      severity: 'error',
      from: { path: '^workers/' },
      to: { path: ['^electron/', '^renderer/', '^cli/', ...npm('electron', 'react', 'zustand')] },
    },
    onlyThese(
      'cli-imports-only-common-and-workers',
      'The pixmill command drives the engine; it never knows Electron or the window (pixmill serve reaches the handlers through server/).',
      '^cli/',
      [
        '^cli/',
        '^common/',
        '^workers/',
        '^server/',
        '^package\\.json$',
        ...npm('commander', 'cli-progress', 'tinyglobby'),
      ],
    ),
    onlyThese(
      'server-imports-only-common-workers-the-handlers-and-ws',
      'pixmill serve puts the window on HTTP and a WebSocket: the Electron-free handlers of electron/main and what they import, never Electron itself.',
      '^server/',
      [
        '^server/',
        '^common/',
        '^workers/',
        '^electron/main/(handlers|batches|benchmarks|count-images|file-listing|plans|preview|refuse-batch|thumbnails|watches)\\.ts$',
        ...npm('ws'),
      ],
    ),
    onlyThese(
      'renderer-imports-only-common-and-ui-deps',
      'The page knows window.pixmill and common/; no Node, no Electron, no engine. A new UI library is named here.',
      '^renderer/',
      [
        '^renderer/',
        '^common/',
        ...npm(
          'react',
          'react-dom',
          'zustand',
          'recharts',
          '@tanstack/react-virtual',
          '@dnd-kit/core',
          '@dnd-kit/sortable',
          '@dnd-kit/utilities',
          'zod',
        ),
      ],
      { nodeBuiltins: false },
    ),
    onlyThese(
      'main-imports-only-common-workers-and-electron',
      'The main process wires Electron to the engine; it never imports the window or the CLI.',
      '^electron/main/',
      ['^electron/main/', '^common/', '^workers/', ...npm('electron', 'electron-log', 'electron-conf')],
    ),
    onlyThese(
      'preload-imports-only-common-and-electron',
      'A sandboxed preload: the channel list from common/ and contextBridge, nothing else.',
      '^electron/preload/',
      ['^electron/preload/', '^common/', ...npm('electron')],
      { nodeBuiltins: false },
    ),
    {
      name: 'server-never-reaches-electron',
      comment: 'The served window runs under plain Node: nothing it imports, however deep, may load Electron.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: npm('electron', 'electron-conf', 'electron-log'), reachable: true },
    },
    {
      name: 'no-cycle-across-layers',
      comment: 'A cycle that leaves its layer and comes back would make two layers one.',
      severity: 'error',
      from: { path: LAYERS },
      to: { circular: true, via: { pathNot: '^$1/' } },
    },
    {
      name: 'no-unresolvable-import',
      comment: 'An import the cruiser cannot resolve would escape every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: '^node_modules/' },
    preserveSymlinks: true,
    exclude: { path: ['^tests/', '\\.test\\.tsx?$', '^out/', '^bench/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types'],
    },
  },
};
