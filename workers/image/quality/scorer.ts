// Scores probes of one image against its reference: the whole image, or (for a large one) a
// proxy: the two finest scales on tiles, the four coarse ones (a twelfth of the work) on the
// whole image. Coarse scales must see the whole image: a 256 px tile is 8 px at 1:32, all border,
// and the blur's zero padding there hid errors (tiles alone scored up to 11 points too high). The
// reference's half of the metric is prepared once, on first use of each part.
import { addSums, compareSums, poolScore, prepareReference, type Reference, type ScaleRange } from './ssimulacra2.js';
import { cropRgb, type RgbImage, spreadTiles, TILE_SIDE, type Tile } from './tiles.js';

export interface ProxyPlan {
  /** Images of more pixels than this are scored on tiles while searching. */
  from: number;
  /** The share of the image's pixels the tiles cover. */
  share: number;
}

/** Fewer tiles missed the subject of a sparse image (a small object on a plain ground). */
const MIN_TILES = 4;
const FINE: ScaleRange = { from: 0, to: 2 };
const COARSE: ScaleRange = { from: 2, to: 6 };

export class Scorer {
  readonly tiles: Tile[] | null;
  private tileRefs: Reference[] | undefined;
  private coarseRef: Reference | undefined;
  private fullRef: Reference | undefined;

  constructor(
    readonly reference: RgbImage,
    plan: ProxyPlan,
  ) {
    const { width, height } = reference;
    const pixels = width * height;
    const count = Math.max(MIN_TILES, Math.ceil((pixels * plan.share) / (TILE_SIDE * TILE_SIDE)));
    this.tiles = pixels > plan.from ? spreadTiles(width, height, count) : null;
  }

  /** The score on the tiles (or on the whole image when it is small enough not to need them). */
  proxyScore(probe: RgbImage): number {
    if (!this.tiles) return this.fullScore(probe);
    const { tiles, reference } = this;
    this.tileRefs ??= tiles.map((t) => prepareReference(cropRgb(reference, t), t.width, t.height, FINE));
    this.coarseRef ??= prepareReference(reference.data, reference.width, reference.height, COARSE);
    const refs = this.tileRefs;
    const fine = addSums(tiles.map((t, i) => compareSums(refs[i]!, cropRgb(probe, t))));
    return poolScore(addSums([fine, compareSums(this.coarseRef, probe.data)]));
  }

  fullScore(probe: RgbImage): number {
    this.fullRef ??= prepareReference(this.reference.data, this.reference.width, this.reference.height);
    return poolScore(addSums([compareSums(this.fullRef, probe.data)]));
  }
}
