// A stand-in for `window.pixmill` for looking at the renderer in a plain browser (no Electron, no
// engine): inject with Playwright's `page.addInitScript({ path })`. Dialogs answer with fixed
// paths, counts stream in, a batch produces progress, failures and a summary on a timer, and the
// preview draws a gradient. Set `window.__pixmillFake = { failEvery, images, perTick }` first to vary it.
(() => {
  const listeners = { 'batch:event': new Set(), 'queue:count': new Set() };
  const emit = (event, payload) => listeners[event].forEach((cb) => cb(payload));
  const ok = (value) => Promise.resolve({ ok: true, value });
  const options = () => ({ failEvery: 7, images: 120, perTick: 6, ...(window.__pixmillFake ?? {}) });
  const countOf = (path) => (/\.\w+$/.test(path) ? 1 : options().images);
  let settings = { outDir: '', mode: 'processes', workers: 0 };
  let presets = [];
  let batch = null;
  let nextBatch = 1;

  function drawPreview(spec, after) {
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 427;
    const ctx = canvas.getContext('2d');
    const sky = ctx.createLinearGradient(0, 0, 0, 427);
    sky.addColorStop(0, '#4a8fd8');
    sky.addColorStop(1, '#f2c27b');
    ctx.fillStyle = sky;
    ctx.fillRect(0, 0, 640, 427);
    ctx.fillStyle = '#2d5a3d';
    ctx.beginPath();
    ctx.moveTo(0, 427);
    ctx.lineTo(180, 220);
    ctx.lineTo(330, 330);
    ctx.lineTo(470, 180);
    ctx.lineTo(640, 427);
    ctx.fill();
    if (after) {
      for (const step of spec.steps.filter((s) => s.enabled)) {
        if (step.op === 'grayscale') ctx.filter = 'grayscale(1)';
        if (step.op === 'tint') {
          ctx.fillStyle = `${step.params.color.slice(0, 7)}66`;
          ctx.fillRect(0, 0, 640, 427);
        }
        if (step.op === 'text') {
          ctx.fillStyle = step.params.color.slice(0, 7);
          ctx.font = `${Math.min(80, step.params.size)}px sans-serif`;
          ctx.fillText(step.params.text, 330, 400);
        }
      }
      if (spec.steps.some((s) => s.enabled && s.op === 'grayscale')) ctx.drawImage(canvas, 0, 0);
    }
    return { src: canvas.toDataURL('image/png'), width: 640, height: 427 };
  }

  function runBatch(id, inputs) {
    const roots = inputs.map((path) => ({ path, found: 0, processed: 0, failed: 0, skipped: 0, scanDone: false }));
    const state = {
      id,
      paused: false,
      cancelled: false,
      tick: 0,
      started: performance.now(),
      errors: [],
      bytesIn: 0,
      bytesOut: 0,
    };
    const total = () => roots.reduce((n, r) => n + r.found, 0);
    const progress = () => {
      const p = roots.reduce(
        (a, r) => ({
          processed: a.processed + r.processed,
          failed: a.failed + r.failed,
          skipped: a.skipped + r.skipped,
        }),
        { processed: 0, failed: 0, skipped: 0 },
      );
      const elapsedSeconds = (performance.now() - state.started) / 1000;
      const done = p.processed + p.failed + p.skipped;
      const rate = done / Math.max(elapsedSeconds, 0.1);
      const scanDone = roots.every((r) => r.scanDone);
      return {
        ...p,
        total: total(),
        scanDone,
        bytesIn: state.bytesIn,
        bytesOut: state.bytesOut,
        elapsedSeconds,
        imagesPerSecond: rate,
        etaSeconds: scanDone && state.tick > 3 ? (total() - done) / Math.max(rate, 0.1) : null,
        paused: state.paused,
        roots: roots.map((r) => ({ ...r })),
      };
    };
    const step = () => {
      if (state.paused) return;
      state.tick++;
      roots.forEach((root) => {
        const target = countOf(root.path);
        root.found = Math.min(target, root.found + Math.ceil(target / 4));
        root.scanDone = root.found === target;
      });
      const root = roots.find((r) => r.processed + r.failed + r.skipped < r.found);
      for (let i = 0; root && i < options().perTick && root.processed + root.failed + root.skipped < root.found; i++) {
        const n = root.processed + root.failed + root.skipped + 1;
        const file = `${root.path}/IMG_${String(n).padStart(4, '0')}.jpg`;
        if (n % options().failEvery === 0) {
          root.failed++;
          const row = {
            file,
            root: roots.indexOf(root),
            code: 'DECODE_FAILED',
            stage: 'decode',
            message: 'The image is damaged and could not be decoded.',
            detail: 'VipsJpeg: premature end of JPEG image',
          };
          state.errors.push(row);
          emit('batch:event', { id, event: { type: 'file-failed', ...row } });
        } else {
          root.processed++;
          state.bytesIn += 4_200_000;
          state.bytesOut += 610_000;
        }
      }
      const p = progress();
      emit('batch:event', { id, event: { type: 'progress', ...p } });
      if (state.cancelled || (p.scanDone && p.processed + p.failed + p.skipped >= p.total)) {
        clearInterval(state.timer);
        batch = null;
        emit('batch:event', {
          id,
          event: {
            type: 'summary',
            processed: p.processed,
            failed: p.failed,
            skipped: p.skipped,
            total: p.total,
            seconds: p.elapsedSeconds,
            bytesIn: p.bytesIn,
            bytesOut: p.bytesOut,
            cancelled: state.cancelled,
            resumed: 0,
            errors: state.errors,
          },
        });
      }
    };
    state.timer = setInterval(step, 150);
    return state;
  }

  window.pixmill = {
    on(event, cb) {
      listeners[event].add(cb);
      return () => listeners[event].delete(cb);
    },
    pathForFile: (file) => `/home/ana/Pictures/${file.name}`,
    appInfo: () => ok({ version: '0.1.0', cores: 2, maxWorkers: 4, platform: 'linux' }),
    settingsGet: () => ok(settings),
    settingsSet: (next) => ((settings = next), ok(null)),
    dialogAddFolders: () => ok(['/home/ana/Pictures/holiday-2024', '/home/ana/Pictures/family']),
    dialogAddFiles: () => ok(['/home/ana/Pictures/portrait.jpg']),
    dialogChooseOutput: () => ok('/home/ana/Pictures/export'),
    dialogChooseWatermark: () => ok('/home/ana/Pictures/logo.png'),
    queueCount({ path }) {
      const count = countOf(path);
      setTimeout(() => emit('queue:count', { path, count: Math.round(count / 2), done: false }), 100);
      return new Promise((resolve) => setTimeout(() => resolve({ ok: true, value: { path, count } }), 400));
    },
    batchStart({ inputs, outDir }) {
      if (!outDir)
        return Promise.resolve({
          ok: false,
          code: 'INVALID_REQUEST',
          message: 'Expected a non-empty path',
          field: 'outDir',
        });
      if (inputs.length === 0)
        return Promise.resolve({
          ok: false,
          code: 'INVALID_REQUEST',
          message: 'Add at least one folder or file',
          field: 'inputs',
        });
      const id = `b${nextBatch++}`;
      batch = runBatch(id, inputs);
      return ok({ id });
    },
    batchPause: () => (batch && (batch.paused = true), ok(null)),
    batchResume: () => (batch && (batch.paused = false), ok(null)),
    batchCancel: () => (batch && (batch.cancelled = true), ok(null)),
    previewRender: ({ spec }) =>
      new Promise((resolve) =>
        setTimeout(
          () =>
            resolve({
              ok: true,
              value: { before: drawPreview(spec, false), after: drawPreview(spec, true), warnings: [] },
            }),
          120,
        ),
      ),
    shellOpenPath: () => ok(null),
    presetsList: () => ok(presets),
    presetsSave: (preset) => ((presets = [...presets.filter((p) => p.name !== preset.name), preset]), ok(null)),
    presetsDelete: ({ name }) => ((presets = presets.filter((p) => p.name !== name)), ok(null)),
    errorsSaveCsv: () => ok('/home/ana/Pictures/export/errors.csv'),
  };
})();
