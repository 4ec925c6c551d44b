// The command line grammar. Commander parses; the commands return exit codes; nothing here
// calls process.exit, so the whole program can be driven from a test.
import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_WORKER_MODE, WORKER_MODES } from '../common/concurrency.js';
import { CONFLICT_POLICIES, OUTPUT_FORMATS, QUALITY_RANGE } from '../common/pipeline.js';
import { version } from '../package.json';
import { type BenchFlags, benchCommand } from './commands/bench.js';
import { filtersCommand } from './commands/filters.js';
import { presetsCommand } from './commands/presets.js';
import { runCommand } from './commands/run.js';
import { machineWorkerRange, type RunFlags } from './options.js';
import { EXIT, UsageError } from './usage-error.js';

function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('pixmill')
    .description('Batch-process folders of images: resize, filter and convert them with a pool of workers.')
    .version(version, '-V, --version')
    .showHelpAfterError('(run pixmill --help for usage)')
    .exitOverride();
  const workers = machineWorkerRange();

  program
    .command('run')
    .description('Process images from folders and files into an output folder. Originals are never changed.')
    .argument('<inputs...>', 'folders and/or image files to process')
    .requiredOption('-o, --out <dir>', 'output folder (created if missing; may not contain an input)')
    .option('-p, --preset <name>', 'start from a built-in preset (see `pixmill presets`)')
    .option('--pipeline <file.json>', 'start from a pipeline spec saved as JSON')
    .option('-r, --resize <WxH>', 'fit inside W×H, never enlarging; W alone = width, xH = height')
    .option('-f, --format <format>', `output format: ${OUTPUT_FORMATS.join(', ')}`)
    .option(`-q, --quality <${QUALITY_RANGE.min}-${QUALITY_RANGE.max}>`, 'encoder quality')
    .option('--background <colour>', 'what transparency is laid on in JPEGs, e.g. #000000 (default: #ffffff, white)')
    .option('-w, --workers <n>', `parallel workers, ${workers.min}-${workers.max} (default: ${workers.default})`)
    .option('-m, --mode <mode>', `worker kind: ${WORKER_MODES.join(', ')} (default: ${DEFAULT_WORKER_MODE})`)
    .option('--flat', 'put every output directly in the output folder (default: keep sub-folders)')
    .option('--conflict <policy>', `when an output exists: ${CONFLICT_POLICIES.join(', ')} (default: suffix)`)
    .option('--json', 'print one JSON summary on stdout at the end instead of text')
    .option('-v, --verbose', 'print on stderr what became of each file: its output, or why it was passed over')
    .option(
      '--no-resume',
      'start over even if an interrupted run of the same batch left a journal in the output folder',
    )
    // For `pixmill bench`: worker start-up, event-loop delay and stage times of this run.
    .addOption(new Option('--stats-file <path>').hideHelp())
    .action(async (inputs: string[], flags: RunFlags) => setExitCode(await runCommand(inputs, flags)));

  program
    .command('bench')
    .description(
      'Race the worker modes against bare sharp, vipsthumbnail and ImageMagick on your images (or a generated set).',
    )
    .argument('[dir]', 'a folder of images to use (default: a generated, cached set of photos)')
    .option(
      '--quick',
      'a short version (about a minute on an idle 2-core machine): 8 large photos, N = cores, 3 rounds',
    )
    .option('--rounds <n>', 'interleaved rounds; medians are reported (default: 5, --quick: 3)')
    .option('--job <job>', 'plain (resize + JPEG), full (plus sharpening) or both (default: both)')
    .option('--workers <list>', `worker counts to race, e.g. 1,2 (default: 1, 2, 4 and 2×cores, up to ${workers.max})`)
    .option('--json', 'print the full result as one JSON object instead of tables')
    .action(async (dir: string | undefined, flags: BenchFlags) => setExitCode(await benchCommand(dir, flags)));

  program
    .command('filters')
    .description('List every filter with its parameters: type, range or choices, and default.')
    .argument('[name]', 'one filter only, e.g. resize')
    .option('--json', "print the filters exactly as Pixmill's registry describes them")
    .action((name: string | undefined, flags: { json?: boolean }) => setExitCode(filtersCommand(name, flags)));

  program
    .command('presets')
    .description('List the built-in presets.')
    .option('--json', 'print the presets, with their full specs, as JSON')
    .action((flags: { json?: boolean }) => setExitCode(presetsCommand(flags)));

  return program;
}

/** Runs the CLI with Node-style argv and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  try {
    await buildProgram((c) => (code = c)).parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n`);
      return EXIT.usage;
    }
    // Commander has already printed its message (unknown option, missing argument, …);
    // help and version end with exit code 0.
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    process.stderr.write(
      `pixmill: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return EXIT.someFailed;
  }
}
