// The chain oracle: a fused pipeline must equal its steps run one at a time. Every filter alone
// (34 steps: one per filter plus the modes that take other paths through sharp), every ordered
// pair of the 19 representative steps, every variant before and after each of them, a seeded
// sample of ordered triples and of 5–8 step chains, and the chains people reported, on six
// generated fixtures (a sideways JPEG photo, an alpha PNG, a grey PNG, a CMYK JPEG, a 16-bit PNG,
// an animated GIF) and a real camera JPEG when PIXMILL_CORPUS is set. The engine runs the worker's
// pipeline (runStages, as processImage sets it up); the reference runs each step in a pass of its
// own (tests/chain-oracle/).
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Chain, oracleChains, prng } from './chain-oracle/chains.js';
import { TOLERANCE, TRANSLUCENT_TOLERANCE } from './chain-oracle/compare.js';
import { makeOracleFixtures, makeWatermark, type OracleFixture } from './chain-oracle/fixtures.js';
import { ChainOracle, inParallel, type Verdict } from './chain-oracle/oracle.js';
import { corpusDir, tempDir } from './fixtures.js';

const SEED = Number(process.env['PIXMILL_ORACLE_SEED'] ?? 20_240_611);
const TRIPLES = 300;
const LONG = 50;

let dir: string;
/**
 * Every pair runs on the generated fixtures but the CMYK JPEG (its difference, the colour
 * transform on loading, comes before any step; the other sets try it) and the corpus photo (larger).
 */
let paired: OracleFixture[];
let all: OracleFixture[];
let oracle: ChainOracle;
let chains: ReturnType<typeof oracleChains>;
const started = performance.now();
let runs = 0;

beforeAll(async () => {
  dir = await tempDir('pixmill-oracle-');
  all = await makeOracleFixtures(dir);
  paired = all.filter((f) => !f.name.startsWith('corpus') && !f.name.startsWith('CMYK'));
  chains = oracleChains(await makeWatermark(dir), { triples: TRIPLES, long: LONG, seed: SEED });
  oracle = new ChainOracle();
  if (!corpusDir()) console.log('chain oracle: PIXMILL_CORPUS is not set, so no corpus photo is tried');
});
afterAll(async () => {
  console.log(`chain oracle: ${runs} chain runs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await rm(dir, { recursive: true, force: true });
});

async function verify(list: { fixture: OracleFixture; chain: Chain }[]): Promise<void> {
  runs += list.length;
  // sharp works on libuv's four threads: four chains in flight keep two cores busy.
  const verdicts: Verdict[] = await inParallel(list, 4, ({ fixture, chain }) => oracle.check(fixture, chain));
  const wrong = verdicts.filter((v) => !v.ok);
  const lines = wrong.map((v) => `${v.fixture}: ${v.chain}\n    ${v.detail}`);
  expect(lines, `${wrong.length} of ${verdicts.length} chains differ from their steps run one at a time`).toEqual([]);
}

const onEach = (list: () => Chain[], fixtures: () => OracleFixture[]) => () =>
  verify(list().flatMap((chain) => fixtures().map((fixture) => ({ fixture, chain }))));

/** Each chain on `per` fixtures picked by the seed, so that every fixture sees a share. */
const sampled = (list: () => Chain[], per: number, salt: number) => () => {
  const random = prng(SEED + salt);
  return verify(
    list().flatMap((chain) => {
      const chosen = new Set<OracleFixture>();
      while (chosen.size < Math.min(per, all.length)) chosen.add(all[Math.floor(random() * all.length)]!);
      return [...chosen].map((fixture) => ({ fixture, chain }));
    }),
  );
};

const limits = `mean ≤ ${TOLERANCE.mean} level (${TRANSLUCENT_TOLERANCE.mean} with transparency), max ≤ ${TOLERANCE.max}`;
describe(`chain oracle (seed ${SEED}; ${limits})`, () => {
  it(
    'every filter alone',
    { timeout: 60_000 },
    onEach(
      () => chains.singles,
      () => all,
    ),
  );
  it(
    'the reported chains',
    { timeout: 60_000 },
    onEach(
      () => chains.reported,
      () => all,
    ),
  );
  it(
    'every ordered pair',
    { timeout: 180_000 },
    onEach(
      () => chains.pairs,
      () => paired,
    ),
  );
  it(
    'every variant before and after every filter',
    { timeout: 120_000 },
    sampled(() => chains.variantPairs, 1, 3),
  );
  it(
    `${TRIPLES} ordered triples`,
    { timeout: 120_000 },
    sampled(() => chains.triples, 1, 1),
  );
  it(
    `${LONG} chains of 5–8 steps`,
    { timeout: 120_000 },
    sampled(() => chains.long, 2, 2),
  );
});
