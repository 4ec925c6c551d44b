// The command line grammar. Commander parses; the commands return exit codes; nothing here
// calls process.exit, so the whole program can be driven from a test.

import { availableParallelism } from 'node:os';
import { Command, CommanderError, Option } from 'commander';
import { BATCH_MODES, DEFAULT_BATCH_MODE, workerRange } from '../common/concurrency.js';
import {
  CONFLICT_POLICIES,
  EFFORT_RANGE,
  MANIFEST_KINDS,
  METADATA_CLASSES,
  makePipeline,
  NAME_TOKENS,
  OUTPUT_FORMATS,
  QUALITY_RANGE,
  SEARCHABLE_FORMATS,
  SIZE_CAP_OUTCOMES,
  TARGET_SCORE,
} from '../common/pipeline.js';
import { version } from '../package.json';
// Each command's module is imported when that command runs, not here: `--help` and a mistyped
// flag then cost only the grammar, never the engine, the scan's globbing or the progress bar.
import type { BenchFlags } from './commands/bench.js';
import { DEBOUNCE_MS, optionsSharedWithRun, STABLE_MS, type WatchFlags } from './commands/watch-options.js';
import type { RunFlags } from './options.js';
import { DEFAULT_QUEUE, STALL_SECONDS, type WorkerFlags } from './queue-flags.js';
import { LAYOUTS } from './recipe-flags.js';
import { EXIT, UsageError } from './usage-error.js';

/** Points at the help of the command that was mistyped, which lists its options. */
const helpHint = (command?: string): string => `(run pixmill ${command ? `${command} ` : ''}--help for usage)`;

function buildProgram(setExitCode: (code: number) => void, onCommand: (name: string) => void): Command {
  const program = new Command('pixmill')
    .description('Batch-process folders of images: resize, filter and convert them with a pool of workers.')
    .version(version, '-V, --version')
    .showHelpAfterError(helpHint())
    .exitOverride()
    .hook('preAction', (_program, command) => onCommand(command.name()));
  // As cli/options.ts's machineWorkerRange, without importing what parses the flags.
  const workers = workerRange(availableParallelism());

  program
    .command('run')
    .description('Process images from folders and files into an output folder. Originals are never changed.')
    .showHelpAfterError(helpHint('run'))
    .argument(
      '<inputs...>',
      "folders and/or image files; also quoted globs ('photos/**/*.jpg'), @list.txt (one path a line) and - (paths on stdin)",
    )
    .requiredOption('-o, --out <dir>', 'output folder (created if missing; may not contain an input)')
    .option('-p, --preset <name>', 'start from a built-in preset (see `pixmill presets`)')
    .option(
      '--pipeline <file|json>',
      "start from a pipeline spec: a JSON file, or inline JSON starting with '{'; a bare spec or one entry of `pixmill presets --json` (steps: see `pixmill filters`)",
    )
    .option(
      '-r, --resize <size>',
      'never enlarging: N = long edge (as vipsthumbnail --size N), WxH = fit inside, Wx = width, xH = height; P% = scale (may enlarge)',
    )
    .option('--long-edge <px>', 'fit the longer side to N pixels, never enlarging (same as --resize N)')
    .option('-f, --format <format>', `output format: ${OUTPUT_FORMATS.join(', ')} (also jpg, tif; any case)`)
    .option(`-q, --quality <${QUALITY_RANGE.min}-${QUALITY_RANGE.max}>`, 'encoder quality (JPEG, WebP, AVIF, JPEG XL)')
    .option(
      `--effort <${EFFORT_RANGE.min}-${EFFORT_RANGE.max}>`,
      `encoder CPU effort, ${EFFORT_RANGE.min} fastest … ${EFFORT_RANGE.max} smallest file (default: ${EFFORT_RANGE.default})`,
    )
    .option('--lossless', 'lossless WebP, AVIF or JPEG XL (PNG, TIFF and GIF always are; JPEG cannot be)')
    .option(
      '--metadata <policy>',
      'strip: EXIF, XMP, IPTC (so GPS) and the profile all removed (default); keep: all kept; icc: the colour profile only; ' +
        'keep-except-gps: all but the location; copyright-only: artist, copyright and the profile; custom: what --keep lists',
    )
    .option(
      '--keep <classes>',
      `keep these metadata classes and drop the rest: ${METADATA_CLASSES.join(', ')} (e.g. exif,icc; means --metadata custom)`,
    )
    .option('--keep-dates', "give each output its original's modification time")
    .option(
      '--name <pattern>',
      `output file name without extension; tokens ${NAME_TOKENS.map((t) => `{${t}}`).join(' ')} (default: {name})`,
    )
    .option(
      '--sizes <list>',
      'several outputs from one read: widths in pixels, e.g. 320,800,1600 (N = width, as srcset w descriptors; ' +
        'WxH = fit inside that box, xH = height); never enlarged; each replaces the resize step, if there is one',
    )
    .option(
      '--formats <list>',
      'one output per format, e.g. avif,webp,jpeg (jpg, tif, any case); with --sizes, every size in every format',
    )
    .option(
      '--layout <how>',
      `how --sizes outputs are told apart: ${LAYOUTS.join(' or ')}; suffix adds the size to the name ({name}-320.webp), ` +
        'folders puts each size in a sub-folder (320/{name}.webp) (default: suffix)',
    )
    .option(
      `--target-quality <${TARGET_SCORE.min}-${TARGET_SCORE.max}>`,
      'per image, the encoder quality that reaches this perceptual score (100 = looks identical), found by a short search; ' +
        '--quality is the first guess (JPEG, WebP, AVIF, JPEG XL)',
    )
    .option(
      '--max-size <size>',
      'at most this size per output, e.g. 200KB, 1.5MB, 500KiB or 250000 (bytes); KB and MB are decimal (1 KB = 1000 bytes), ' +
        'KiB and MiB binary (1024); quality is lowered as far as --min-quality',
    )
    .option(
      '--if-too-large <outcome>',
      `when --max-size cannot be met at --min-quality: ${SIZE_CAP_OUTCOMES.join(', ')}; ` +
        'smallest writes the smallest file found, downscale makes the image smaller until it fits, fail writes nothing (default: smallest)',
    )
    .option(
      `--min-quality <${QUALITY_RANGE.min}-${QUALITY_RANGE.max}>`,
      `the lowest quality --target-quality or --max-size may choose (default: ${makePipeline().output.minQuality})`,
    )
    .option(
      '--smallest-of <formats>',
      `per image, write whichever of these is smallest (at --target-quality, or at --quality): ${SEARCHABLE_FORMATS.join(', ')}, e.g. avif,webp,jpeg`,
    )
    .option(
      '--manifest <kind>',
      `per source, describe its outputs for the web: ${MANIFEST_KINDS.join(', ')}; json lists them, html is a <picture> snippet (default: none)`,
    )
    .option('--background <colour>', 'what transparency is laid on in JPEGs, e.g. #000000 (default: #ffffff, white)')
    .option(
      '-w, --workers <n>',
      `parallel workers, ${workers.min}-${workers.max} (default: ${workers.default}; with --mode auto, the most it may run)`,
    )
    .option(
      '-m, --mode <mode>',
      `worker kind: ${BATCH_MODES.join(', ')}; auto measures the first images and keeps choosing the kind, ` +
        `the number of workers and the libvips threads per image (default: ${DEFAULT_BATCH_MODE})`,
    )
    .option(
      '--memory-budget <size>',
      'memory the images in work may take together, e.g. 1GB, 512MB; a larger image runs alone (default: half the free memory)',
    )
    .option(
      '--redis <url>',
      'share the batch with the machines running `pixmill worker --redis URL` (e.g. redis://nas:6379): they do the work; the files must be on storage every machine sees',
    )
    .option('--queue <name>', `with --redis: the queue to put the jobs on (default: ${DEFAULT_QUEUE})`)
    .option('--flat', 'put every output directly in the output folder (default: keep sub-folders)')
    .option('--conflict <policy>', `when an output exists: ${CONFLICT_POLICIES.join(', ')} (default: suffix)`)
    .option('--source-folders', "put each input folder's outputs in a sub-folder named after it (default: one tree)")
    .option(
      '--skip-larger',
      'write no output that would be larger than its original; the file is skipped with a warning',
    )
    .option(
      '--timeout <seconds>',
      'time limit per image, in seconds, or auto (default: auto, from its megapixels and output format, at least 120)',
    )
    .option('-0, --null', 'paths on stdin (-) and in @lists are separated by NUL, as find -print0 writes them')
    .option('--json', 'print one JSON summary on stdout at the end instead of text (usage errors too)')
    .option('--dry-run', 'print what would be written, skipped or ignored, and where; write nothing')
    .option('-v, --verbose', 'print on stderr what became of each file: its output, or why it was passed over')
    .option('--quiet', 'print nothing on stderr but errors (no progress, no warnings)')
    .option(
      '--no-resume',
      'start over even if an interrupted run of the same batch left a journal in the output folder',
    )
    .option(
      '--recompress',
      "also process images Pixmill itself wrote (an earlier batch's outputs); by default they are skipped, since compressing them again only loses quality",
    )
    // For `pixmill bench`: worker start-up, event-loop delay and stage times of this run.
    .addOption(new Option('--stats-file <path>').hideHelp())
    .action(async (inputs: string[], flags: RunFlags) =>
      setExitCode(await (await import('./commands/run.js')).runCommand(inputs, flags)),
    );

  program
    .command('worker')
    .description(
      'Work on batches planned on other machines (`pixmill run --redis URL`): take their image jobs from the Redis queue until Ctrl-C.',
    )
    .showHelpAfterError(helpHint('worker'))
    .requiredOption('--redis <url>', 'the Redis server the batches are shared on, e.g. redis://nas:6379')
    .option('--queue <name>', `the queue to take jobs from (default: ${DEFAULT_QUEUE})`)
    .option(
      '-w, --workers <n>',
      `images this machine works on at once, ${workers.min}-${workers.max} (default: ${workers.default}; with --mode auto, the most)`,
    )
    .option('-m, --mode <mode>', `worker kind: ${BATCH_MODES.join(', ')} (default: ${DEFAULT_BATCH_MODE})`)
    .option('--memory-budget <size>', 'memory the images in work may take together on this machine, e.g. 4GB')
    .option(
      '--path-map <shared=local>',
      'where this machine mounts the shared storage, when not under the same path as the planning machine: /Volumes/photos=/mnt/photos (repeatable)',
      (value: string, all: string[] = []) => [...all, value],
    )
    .option(
      '--stall-seconds <s>',
      `how long a job of a machine that stopped answering waits before another machine takes it over (default: ${STALL_SECONDS.default})`,
    )
    .option('-v, --verbose', 'print a line for each image this machine answers')
    .action(async (flags: WorkerFlags) =>
      setExitCode(await (await import('./commands/worker.js')).workerCommand(flags)),
    );

  // `watch` takes run's recipe, output and worker options as run declares them (watch-options.ts).
  const watch = program
    .command('watch')
    .description(
      'Watch folders and process new or changed images as they arrive (once each is fully copied), until Ctrl-C.',
    )
    .showHelpAfterError(helpHint('watch'))
    .argument('<inputs...>', 'folders and/or image files to watch; as for run, also globs, @list.txt and -');
  for (const option of optionsSharedWithRun(program)) watch.addOption(option);
  watch
    .option(
      '--debounce <ms>',
      `how long changes must have stopped before a batch starts (default: ${DEBOUNCE_MS.default})`,
    )
    .option(
      '--stable <ms>',
      `how long a file's size must hold still before it is taken, so a copy in progress is not (default: ${STABLE_MS.default})`,
    )
    .option('--json', "print one JSON line per event on stdout: every batch's events and the watch's own")
    .action(async (inputs: string[], flags: WatchFlags) =>
      setExitCode(await (await import('./commands/watch.js')).watchCommand(inputs, flags)),
    );

  program
    .command('serve')
    .showHelpAfterError(helpHint('serve'))
    .description(
      'Show the window in a web browser instead of the desktop app (for a machine without a desktop): prints the address to open, runs until Ctrl-C.',
    )
    .option('--port <n>', 'port to listen on, 0 for any free one (default: 4870)')
    .option(
      '--root <dir>',
      'a folder the browser may read and write in, with everything below it; repeat for several (default: the current folder)',
      (dir: string, dirs: string[] = []) => [...dirs, dir],
    )
    .option('--host <address>', 'address to listen on (default: 127.0.0.1, this machine only)')
    .option(
      '--allow-remote',
      'allow a --host that other machines can reach (a warning is printed; SSH forwarding is safer)',
    )
    .option(
      '--redis <url>',
      'share the batches started in the browser with the machines running `pixmill worker --redis URL`',
    )
    .action(async (flags: import('./commands/serve.js').ServeFlags) =>
      setExitCode(await (await import('./commands/serve.js')).serveCommand(flags, version)),
    );

  program
    .command('bench')
    .showHelpAfterError(helpHint('bench'))
    .description(
      'Race the worker modes against bare sharp, vipsthumbnail and ImageMagick on your images (or a generated set).',
    )
    .argument('[dir]', 'a folder of images to use (default: a generated, cached set of photos)')
    .option(
      '--quick',
      'a short version (a few minutes on an idle 2-core machine): small sets per job, N = cores and cores + 1, 3 rounds',
    )
    .option('--rounds <n>', 'interleaved rounds; medians are reported (default: 5, --quick: 3)')
    .option(
      '--job <job>',
      'plain (JPEG → JPEG), full (plus sharpening), webp (JPEG → WebP), avif (JPEG → AVIF), png (big PNGs → PNG), small (hundreds of small JPEGs), all, both (plain and full), decoders (the decoder row alone), queue (the Redis queue row alone), quality (fixed q80 against quality target, size cap and format shoot-out; only on request), or rerun (re-runs of 100,000 files: nothing changed, 1 % touched, 0.1 % replaced; --quick: 10,000; only on request) (default: all)',
    )
    .option('--workers <list>', `worker counts to race, e.g. 1,2 (default: 1, 2, 4 and 2×cores, up to ${workers.max})`)
    .option(
      '--decoders',
      'also time decoding a 12 MP photo as HEIC, JPEG XL and PSD against the JPEG (default: on, off with --quick)',
    )
    .option('--no-decoders', 'leave the decoder row out')
    .option(
      '--no-queue',
      'leave out the queue row (the same small JPEGs through Redis with 1 and 2 local `pixmill worker`s against the local pool)',
    )
    .option(
      '--redis <url>',
      'the Redis the queue row uses (its own queues, pixmill-bench-x1 and -x2); default: a private redis-server on a free 127.0.0.1 port, if installed',
    )
    .option('--json', 'print the full result as one JSON object instead of tables')
    .option('--chart <file>', 'also write the "threads or processes?" chart per job as SVG')
    .option(
      '--from <results>',
      'print the tables (and --chart) of earlier --json results, without running; several (a.json,b.json) from separate --job runs are put together',
    )
    .action(async (dir: string | undefined, flags: BenchFlags) =>
      setExitCode(await (await import('./commands/bench.js')).benchCommand(dir, flags)),
    );

  program
    .command('filters')
    .showHelpAfterError(helpHint('filters'))
    .description('List every filter with its parameters: type, range or choices, and default.')
    .argument('[name]', 'one filter only, e.g. resize')
    .option('--json', "print the filters exactly as Pixmill's registry describes them")
    .action(async (name: string | undefined, flags: { json?: boolean }) =>
      setExitCode((await import('./commands/filters.js')).filtersCommand(name, flags)),
    );

  program
    .command('formats')
    .showHelpAfterError(helpHint('formats'))
    .description('List the image formats Pixmill reads and writes, and the decoder behind each.')
    .option('--json', 'print the list as JSON')
    .action(async (flags: { json?: boolean }) =>
      setExitCode((await import('./commands/formats.js')).formatsCommand(flags)),
    );

  program
    .command('presets')
    .showHelpAfterError(helpHint('presets'))
    .description('List the built-in presets.')
    .option('--json', 'print the presets, with their full specs, as JSON (one entry is a valid --pipeline)')
    .action(async (flags: { json?: boolean }) =>
      setExitCode((await import('./commands/presets.js')).presetsCommand(flags)),
    );

  return program;
}

/** `--json` among the options (not after `--`): a script reads the error from stdout as well. */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}

/** The option Commander complains about, from its message ("unknown option '--qualty'"). */
function optionOfCommanderError(message: string): string | undefined {
  const flag = /'(?:-\w, )?(--?[\w-]+)/.exec(message)?.[1];
  if (flag) return flag;
  const argument = /argument '(\w+)'/.exec(message)?.[1];
  return argument ? `<${argument}>` : undefined;
}

function printJsonError(message: string, option: string | undefined): void {
  const error = { code: 'USAGE', message, ...(option ? { option } : {}) };
  process.stdout.write(`${JSON.stringify({ error })}\n`);
}

/** Runs the CLI with Node-style argv and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  let command: string | undefined;
  const json = wantsJson(argv.slice(2));
  try {
    await buildProgram(
      (c) => (code = c),
      (name) => (command = name),
    ).parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n${helpHint(command)}\n`);
      if (json) printJsonError(err.message, err.option);
      return EXIT.usage;
    }
    // Commander has already printed its message (unknown option, missing argument, …) and the
    // hint; help and version end with exit code 0.
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return EXIT.ok;
      const message = err.message.replace(/^error: /, '');
      if (json) printJsonError(message, optionOfCommanderError(message));
      return EXIT.usage;
    }
    process.stderr.write(
      `pixmill: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return EXIT.someFailed;
  }
}
