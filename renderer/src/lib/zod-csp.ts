// The CSP forbids eval, so zod's probe for it (`new Function('')`) only logs a CSP violation.
// Telling zod up front skips the probe. Imported first in main.tsx: common/presets parses its
// specs at import time, and zod caches the probe's answer on the first parse.
import { config } from 'zod';

config({ jitless: true });
