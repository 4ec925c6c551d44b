// The scoring proxy: a few full-resolution tiles spread evenly over a large image. A tile sees the
// encoder's artefacts exactly as the whole image has them (same pixels per detail, unlike a
// downscaled copy, which hides them), and the metric's sums over disjoint tiles add up to the sums
// over their union, so scoring the tiles is scoring a sample of the image's own pixels.

export interface Tile {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Interleaved 8-bit sRGB, three channels. */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** 256 px: the smallest tile that still has all six of the metric's scales (256 … 8). */
export const TILE_SIDE = 256;

/** The tiles for an image: a grid of `count` or more, one in the middle of each cell. */
export function spreadTiles(width: number, height: number, count: number): Tile[] {
  const side = Math.min(TILE_SIDE, width, height);
  const cols = Math.max(1, Math.min(Math.floor(width / side), Math.round(Math.sqrt((count * width) / height))));
  const rows = Math.max(1, Math.min(Math.floor(height / side), Math.ceil(count / cols)));
  const tiles: Tile[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const left = Math.round(((c + 0.5) * width) / cols - side / 2);
      const top = Math.round(((r + 0.5) * height) / rows - side / 2);
      tiles.push({
        left: Math.max(0, Math.min(width - side, left)),
        top: Math.max(0, Math.min(height - side, top)),
        width: side,
        height: side,
      });
    }
  }
  return tiles;
}

/** The pixels of one tile, copied out row by row. */
export function cropRgb(image: RgbImage, tile: Tile): Uint8Array {
  const out = new Uint8Array(tile.width * tile.height * 3);
  const rowBytes = tile.width * 3;
  for (let y = 0; y < tile.height; y++) {
    const from = ((tile.top + y) * image.width + tile.left) * 3;
    out.set(image.data.subarray(from, from + rowBytes), y * rowBytes);
  }
  return out;
}
