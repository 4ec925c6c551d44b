// Entry of the bundled CLI (out/main/cli.js), started by bin/pixmill.cjs.
import { main } from './program.js';

const code = await main(process.argv);
process.exitCode = code;
// Normally the event loop is empty by now and Node exits with `code`. If something the engine
// started still holds it open, a CLI must not hang a script: leave shortly anyway.
setTimeout(() => process.exit(code), 2000).unref();
