// sharp, loaded through require: its CommonJS build starts faster than its ESM build, and every
// worker pays the load once at start-up. Measured on Node 20 (2-core machine, user+sys CPU):
// `require('sharp')` 0.14 s, `import('sharp')` 0.23 s, Node itself 0.07 s — about 90 ms of the
// 150 ms start-up budget per worker. Same library, same native addon; types come from 'sharp'.
import { createRequire } from 'node:module';
import type SharpModule from 'sharp';

const require = createRequire(import.meta.url);
const sharp = require('sharp') as typeof SharpModule;
export default sharp;
